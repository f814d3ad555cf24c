/**
 * What the gate reads before it evaluates: the policy set (a directory, a file, the one shipped with
 * Chainward, or a server's active set), advisories, VEX documents, a baseline, and where the scanned
 * directory sits in its repository. Every failure here is bad input (exit 2) or an unreachable server
 * (exit 3), before anything is written.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComponentFinding, VexStatement } from '../../advisories/index.js';
import { ChainwardError } from '../../common/errors.js';
import type { Baseline, GateFinding } from '../../gate/index.js';
import type { LoadedPolicySet, VulnerabilityFact } from '../../policy/index.js';
import type { DependencyGraph } from '../../sbom/index.js';
import { fetchActivePolicySet, fetchStoredWaivers, type ServerAccess } from './gate-server.js';
import { invalidPolicy, loadPolicyOrFail } from './policy-input.js';

const MAX_INPUT_BYTES = 64 * 1024 * 1024;
const ADVISORY_SEVERITIES = new Set(['critical', 'high', 'medium', 'low', 'none']);

export interface PolicyInput {
  loaded: LoadedPolicySet;
  /** As shown to the user: a path, or `<server> (name@version)`. */
  source: string;
  /** Where to add a waiver, for the hint printed with failures. */
  waiversFile: string;
}

/** The policy set Chainward ships (`policies/default`), found beside the installed package whatever the working directory. */
export function shippedDefaultPolicy(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(directory, 'policies', 'default');
    if (existsSync(path.join(candidate, 'policy.yaml'))) return candidate;
    directory = path.dirname(directory);
  }
  throw new ChainwardError({ code: 'GATE_DEFAULT_POLICY_MISSING', category: 'internal', message: 'the default policy set (policies/default) is missing from this installation' });
}

export async function loadGatePolicy(options: { policy?: string; server?: ServerAccess; repository: string; warn: (line: string) => void }): Promise<PolicyInput> {
  if (options.policy === undefined && options.server) return loadServerPolicy(options.server, options.repository, options.warn);
  const location = options.policy ?? shippedDefaultPolicy();
  const isDirectory = (await stat(location).catch(() => undefined))?.isDirectory() ?? false;
  const loaded = isDirectory ? await loadPolicySetWithoutTests(location, options.warn) : await loadPolicyOrFail(location, options.warn);
  const waiversFile =
    options.policy === undefined
      ? `the waivers.yaml of your own copy of the default policy set (copy ${location} into the repository and pass --policy)`
      : isDirectory
        ? path.join(options.policy, 'waivers.yaml')
        : `a waivers.yaml beside ${options.policy} (make the policy a directory)`;
  return { loaded, source: options.policy ?? `${location} (shipped default)`, waiversFile };
}

/**
 * A policy set directory as the gate needs it: the policy and its waivers. Its policy tests are for
 * `chainward policy test`, which a pipeline runs when the policy changes, not on every commit.
 */
async function loadPolicySetWithoutTests(directory: string, warn: (line: string) => void): Promise<LoadedPolicySet> {
  const { formatProblem, loadPolicySource, readPolicySource } = await import('../../policy/index.js');
  const source = await readPolicySource(directory).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? new ChainwardError({ code: 'policy.not-found', category: 'not-found', message: `no policy set at ${directory} (${error.path ?? directory} does not exist)` }) : error;
  });
  const result = loadPolicySource({ policy: source.policy, ...(source.waivers ? { waivers: source.waivers } : {}) });
  if (!result.ok) {
    for (const problem of result.problems) warn(formatProblem(problem));
    throw invalidPolicy(directory, result.problems.length);
  }
  return result.value;
}

async function loadServerPolicy(server: ServerAccess, repository: string, warn: (line: string) => void): Promise<PolicyInput> {
  const { loadPolicySource, formatProblem, policyDigest } = await import('../../policy/index.js');
  const active = await fetchActivePolicySet(server, repository);
  const label = `${server.url} policy set ${active.name}@${active.version}`;
  const result = loadPolicySource({
    policy: { path: `${label}: policy.yaml`, text: active.policy },
    ...(active.waivers !== null ? { waivers: { path: `${label}: waivers.yaml`, text: active.waivers } } : {}),
  });
  if (!result.ok) {
    for (const problem of result.problems) warn(formatProblem(problem));
    throw new ChainwardError({ code: 'policy.invalid', category: 'bad-input', message: `${label}: ${result.problems.length} problem(s)` });
  }
  const digest = policyDigest(result.value.policy);
  if (digest !== active.digest) warn(`chainward: warning: ${label} is announced with digest ${active.digest}, its text gives ${digest}`);
  // The server's stored waivers of rules this set defines (a waiver of another set's rule says nothing here), as `scan --policy active` applies them.
  const rules = new Set(result.value.policy.rules.map((rule) => rule.id));
  const stored = (await fetchStoredWaivers(server)).filter((waiver) => rules.has(waiver.rule));
  return {
    loaded: { ...result.value, waivers: [...result.value.waivers, ...stored] },
    source: `${server.url} (${active.name}@${active.version})`,
    waiversFile: `the waivers of policy set ${active.name} on ${server.url} (or store one there: chainward waivers add)`,
  };
}

/** Every VEX statement of the given CycloneDX VEX files. */
export async function loadVex(files: readonly string[], warn: (line: string) => void): Promise<VexStatement[]> {
  if (files.length === 0) return [];
  const { parseCycloneDxVex } = await import('../../advisories/index.js');
  const statements: VexStatement[] = [];
  for (const file of files) {
    const parsed = parseCycloneDxVex(await readInput(file, 'VEX document'), file);
    for (const ignored of parsed.ignored) warn(`chainward: note: ${file}: ${ignored}`);
    statements.push(...parsed.statements);
  }
  return statements;
}

export async function loadBaseline(file: string | undefined): Promise<Baseline | undefined> {
  if (file === undefined) return undefined;
  const { parseBaseline } = await import('../../gate/index.js');
  return parseBaseline(await readInput(file, 'baseline'), file);
}

/** The matched findings with their VEX suppression, as the report lists them and the evaluator reads them. */
export async function toFindings(
  matched: readonly ComponentFinding[],
  published: ReadonlyMap<string, string>,
  statements: readonly VexStatement[],
): Promise<{ findings: GateFinding[]; facts: VulnerabilityFact[] }> {
  const { findSuppression } = await import('../../advisories/index.js');
  const findings: GateFinding[] = [];
  const facts: VulnerabilityFact[] = [];
  for (const match of matched) {
    const suppressed = statements.length > 0 ? findSuppression(match, statements) : undefined;
    const date = published.get(match.advisoryId);
    findings.push({
      componentRef: match.componentRef,
      purl: match.purl,
      advisoryId: match.advisoryId,
      aliases: match.aliases,
      ...(match.summary !== undefined ? { summary: match.summary } : {}),
      ...(match.severity ? { severity: match.severity.rating } : {}),
      ...(match.severity?.score !== undefined ? { score: match.severity.score } : {}),
      ...(match.severity?.vector !== undefined ? { vector: match.severity.vector } : {}),
      ...(date !== undefined ? { published: date } : {}),
      fixedVersions: match.fixedVersions,
      ...(match.fixAbove !== undefined ? { fixAbove: match.fixAbove } : {}),
      ...(match.knownExploited ? { knownExploited: match.knownExploited } : {}),
      ...(suppressed ? { suppressed } : {}),
    });
    const rating = match.severity?.rating;
    facts.push({
      componentRef: match.componentRef,
      advisoryId: match.advisoryId,
      aliases: match.aliases,
      severity: rating !== undefined && ADVISORY_SEVERITIES.has(rating) ? (rating as VulnerabilityFact['severity']) : 'unknown',
      ...(match.severity?.score !== undefined ? { cvssScore: match.severity.score } : {}),
      fixedVersions: match.fixedVersions,
      ...(date !== undefined ? { published: date } : {}),
      // Known exploited only by the catalogue the advisories came with; withdrawn records never enter the index.
      knownExploited: match.knownExploited !== undefined,
      withdrawn: false,
      ...(suppressed ? { vex: { state: suppressed.state, ...(suppressed.justification ? { justification: suppressed.justification } : {}) } } : {}),
    });
  }
  return { findings, facts };
}

/**
 * The files components were read from, for locating their lines; a file that cannot be read is left out
 * (its results point at line 1).
 */
export async function readSourceFiles(root: string, graph: DependencyGraph, maxBytes: number): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const wanted = new Set([...graph.components.values()].map((node) => node.sourceFile).filter(Boolean));
  for (const file of wanted) {
    const full = path.join(root, file);
    if (!full.startsWith(root + path.sep)) continue;
    const info = await stat(full).catch(() => undefined);
    if (!info?.isFile() || info.size > maxBytes) continue;
    files.set(file, await readFile(full, 'utf8'));
  }
  return files;
}

/** The root of the git checkout holding `directory` (a `.git` directory or file), if any. */
export function repositoryRoot(directory: string): string | undefined {
  let current = directory;
  for (;;) {
    if (existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** What CI says about the repository being checked, or what the directory says. */
export function repositoryIdentity(root: string, checkout: string | undefined, name: string | undefined, env: NodeJS.ProcessEnv): { name: string; location: string; commit?: string; branch?: string } {
  const github = env.GITHUB_REPOSITORY;
  const location = github && env.GITHUB_SERVER_URL ? `${env.GITHUB_SERVER_URL}/${github}` : (env.CI_PROJECT_URL ?? checkout ?? root);
  const commit = env.GITHUB_SHA ?? env.CI_COMMIT_SHA;
  const branch = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || env.CI_COMMIT_REF_NAME;
  return {
    name: name ?? (github ? github.slice(github.indexOf('/') + 1) : undefined) ?? env.CI_PROJECT_NAME ?? path.basename(checkout ?? root),
    location,
    ...(commit ? { commit } : {}),
    ...(branch ? { branch } : {}),
  };
}

async function readInput(file: string, what: string): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new ChainwardError({ code: 'GATE_INPUT_MISSING', category: 'not-found', message: `no ${what} at ${file}` });
  if (info.size > MAX_INPUT_BYTES) throw new ChainwardError({ code: 'GATE_INPUT_TOO_LARGE', category: 'bad-input', message: `the ${what} is larger than ${MAX_INPUT_BYTES} bytes`, location: { file } });
  return readFile(file, 'utf8');
}
