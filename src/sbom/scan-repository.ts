import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ChainwardError } from '../common/errors.js';
import { discoverFiles } from './discovery/discover.js';
import { DEFAULT_MAX_FILE_BYTES, readRepositoryFile } from './discovery/read-file.js';
import { ECOSYSTEMS, type Ecosystem, type TextFile } from './ecosystems/index.js';
import { licensesFromPackageJsonField } from './licenses/normalize.js';
import { mergeGraphs, type DependencyGraph } from './model/graph.js';

export interface ScanOptions {
  /** Leave out development-only components (and their edges). */
  includeDevelopment?: boolean;
  /** Per-file size limit in bytes (default 100 MB). */
  maxFileBytes?: number;
  /** Called with short progress messages on long work. */
  onProgress?: (message: string) => void;
}

export interface RepositoryScan {
  /** Absolute path of the scanned directory. */
  root: string;
  graph: DependencyGraph;
  /** Lockfiles that were parsed, relative to the root. */
  lockfiles: string[];
}

/** Property a parser sets when it knows where a package is installed. */
const INSTALL_PATH_PROPERTY = 'chainward:npm:install-path';

/**
 * Builds the dependency graph of a repository from its lockfiles: the thin
 * I/O shell around the pure ecosystem parsers.
 */
export async function scanRepository(directory: string, options: ScanOptions = {}): Promise<RepositoryScan> {
  const root = path.resolve(directory);
  await assertDirectory(root, directory);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const files = await discoverFiles(root);
  const planned = findLockfiles(files);
  if (planned.length === 0) {
    const names = ECOSYSTEMS.flatMap((ecosystem) => [...ecosystem.lockfileNames, ...(ecosystem.lockfilePatterns ?? [])]).join(', ');
    throw new ChainwardError({
      code: 'SBOM_NO_LOCKFILE',
      category: 'bad-input',
      message: `no lockfile found in ${directory} (looked for ${names})`,
    });
  }

  const graphs: DependencyGraph[] = [];
  for (const { ecosystem, lockfile } of planned) {
    options.onProgress?.(`reading ${lockfile}`);
    const plan = ecosystem.plan(lockfile, files);
    const lockfileText = await readRepositoryFile(root, plan.lockfile, maxBytes);
    if (!lockfileText) continue;
    const manifests: TextFile[] = [];
    for (const manifest of plan.manifests) {
      const text = await readRepositoryFile(root, manifest, maxBytes);
      if (text) manifests.push(text);
    }
    if (plan.requiredManifest && !manifests.some((m) => m.path === plan.requiredManifest)) {
      throw new ChainwardError({
        code: 'SBOM_MANIFEST_MISSING',
        category: 'bad-input',
        message: `${plan.requiredManifest} is missing: ${ecosystem.id} needs it beside the lockfile to know the project's own dependencies`,
        location: { file: plan.lockfile },
      });
    }
    const graph = await ecosystem.parse({ lockfile: lockfileText, manifests });
    await addInstalledLicenses(root, graph, maxBytes);
    graphs.push(graph);
  }
  let graph = mergeGraphs(graphs);
  if (options.includeDevelopment === false) graph = withoutDevelopment(graph);
  return { root, graph, lockfiles: planned.map((p) => p.lockfile) };
}

async function assertDirectory(root: string, given: string): Promise<void> {
  const stats = await stat(root).catch(() => undefined);
  if (!stats) {
    throw new ChainwardError({ code: 'SBOM_PATH_NOT_FOUND', category: 'not-found', message: `no such directory: ${given}` });
  }
  if (!stats.isDirectory()) {
    throw new ChainwardError({ code: 'SBOM_NOT_A_DIRECTORY', category: 'bad-input', message: `not a directory: ${given}` });
  }
}

/** Picks the lockfiles to parse, letting a preferred lockfile win over another in the same directory. */
function findLockfiles(files: readonly string[]): Array<{ ecosystem: Ecosystem; lockfile: string }> {
  const present = new Set(files);
  const found: Array<{ ecosystem: Ecosystem; lockfile: string }> = [];
  for (const file of files) {
    const base = path.posix.basename(file);
    const ecosystem = ECOSYSTEMS.find((candidate) => candidate.lockfileNames.includes(base) || candidate.matches?.(base, file) === true);
    if (!ecosystem) continue;
    const dir = path.posix.dirname(file);
    const precedence = ecosystem.precedence ?? [];
    const preferred = precedence.find((name) => present.has(dir === '.' ? name : `${dir}/${name}`));
    if (preferred && preferred !== base && precedence.includes(base)) continue;
    found.push({ ecosystem, lockfile: file });
  }
  return found;
}

/**
 * Reads the licence of packages that are installed in the checkout (their
 * package.json under node_modules), for lockfiles that carry none.
 */
async function addInstalledLicenses(root: string, graph: DependencyGraph, maxBytes: number): Promise<void> {
  for (const node of graph.components.values()) {
    const installPath = node.properties[INSTALL_PATH_PROPERTY];
    if (!installPath || node.licenses.length > 0) continue;
    const manifest = await readRepositoryFile(root, `${installPath}/package.json`, Math.min(maxBytes, 10_000_000)).catch(() => undefined);
    if (!manifest) continue;
    try {
      const parsed = JSON.parse(manifest.text) as { version?: unknown; license?: unknown; licenses?: unknown };
      if (parsed.version !== node.version) continue;
      node.licenses = licensesFromPackageJsonField(parsed.license ?? parsed.licenses, 'installed-package');
    } catch {
      graph.warnings.push({ file: manifest.path, message: 'installed package.json is not valid JSON; licence not read' });
    }
  }
}

function withoutDevelopment(graph: DependencyGraph): DependencyGraph {
  const keep = new Set([...graph.components.values()].filter((n) => n.type === 'application' || !n.development).map((n) => n.ref));
  const components = new Map([...graph.components].filter(([ref]) => keep.has(ref)));
  const edges = new Map<string, Set<string>>();
  for (const [from, targets] of graph.edges) {
    if (!keep.has(from)) continue;
    edges.set(from, new Set([...targets].filter((to) => keep.has(to))));
  }
  return { ...graph, components, edges };
}
