/**
 * One gate run, no database: build the SBOM, match advisories, evaluate the policy set, and turn the
 * results into the gate's report. The command around it parses flags and writes the outputs.
 */
import path from 'node:path';
import type { GateReport, TextOptions } from '../../gate/index.js';
import type { RuleSeverity } from '../../policy/index.js';
import { downloadSnapshot, type ServerAccess } from './gate-server.js';
import { loadBaseline, loadGatePolicy, loadVex, readSourceFiles, repositoryIdentity, repositoryRoot, toFindings } from './gate-inputs.js';

export interface GateRunOptions {
  directory: string;
  policy?: string;
  advisories?: string;
  vex: string[];
  baseline?: string;
  failOn?: RuleSeverity;
  server?: ServerAccess;
  repository?: string;
  maxFileBytes: number;
  /** Files of the gate's own making, left out of the content rules (relative to the scanned directory). */
  excludeFiles: (relativePath: string) => boolean;
  warn: (line: string) => void;
  progress: (message: string) => void;
}

export async function runGate(options: GateRunOptions): Promise<{ report: GateReport; text: TextOptions }> {
  const root = path.resolve(options.directory);
  const checkout = repositoryRoot(root);
  const repository = repositoryIdentity(root, checkout, options.repository, process.env);
  // Inputs first: a bad policy, baseline or VEX stops the gate before the scan.
  const policy = await loadGatePolicy({ policy: options.policy, server: options.server, repository: repository.name, warn: options.warn });
  const baseline = await loadBaseline(options.baseline);
  const vex = await loadVex(options.vex, options.warn);

  const { scanRepository, renderSbom } = await import('../../sbom/index.js');
  const scan = await scanRepository(root, { maxFileBytes: options.maxFileBytes, onProgress: options.progress });
  for (const warning of scan.graph.warnings) options.warn(`chainward: warning: ${warning.file}: ${warning.message}`);
  const sbom = renderSbom(scan);

  const advisories = await matchAdvisories(scan.graph, options);
  const { findings, facts } = await toFindings(advisories.matched, advisories.published, vex);

  const [{ directoryRepositoryFiles, evaluatePolicy }, gate] = await Promise.all([import('../../policy/index.js'), import('../../gate/index.js')]);
  const files = directoryRepositoryFiles(root);
  const now = new Date();
  options.progress(`evaluating policy set ${policy.loaded.policy.metadata.name}`);
  const results = evaluatePolicy({
    graph: scan.graph,
    findings: facts,
    files: directoryRepositoryFiles(root, files.list().filter((file) => !options.excludeFiles(file))),
    repository: { name: repository.name },
    policy: policy.loaded.policy,
    waivers: policy.loaded.waivers,
    now,
  });
  const prefix = checkout ? path.relative(checkout, root).split(path.sep).join('/') : '';
  const report = gate.buildGateReport({
    results,
    policy: policy.loaded.policy,
    policySource: policy.source,
    graph: scan.graph,
    findings,
    sbom: { digest: sbom.digest, format: sbom.format, specVersion: sbom.specVersion, lockfiles: scan.lockfiles, document: JSON.parse(sbom.content) as unknown },
    repository,
    advisories: advisories.summary,
    sourceFiles: await readSourceFiles(root, scan.graph, options.maxFileBytes),
    pathPrefix: prefix ? `${prefix}/` : '',
    ...(options.failOn ? { failOn: options.failOn } : {}),
    ...(baseline ? { baseline } : {}),
    tool: { name: 'chainward', version: (await import('../../common/version.js')).TOOL_VERSION },
    generatedAt: now,
  });
  const maxWaiverDays = policy.loaded.policy.waivers?.maxDurationDays;
  return { report, text: { waiversFile: policy.waiversFile, ...(maxWaiverDays !== undefined ? { maxWaiverDays } : {}) } };
}

/** Advisories from a snapshot, an OSV directory or zip, or the server; none when neither is given. */
async function matchAdvisories(
  graph: import('../../sbom/index.js').DependencyGraph,
  options: GateRunOptions,
): Promise<{ matched: import('../../advisories/index.js').ComponentFinding[]; published: Map<string, string>; summary: GateReport['advisories'] }> {
  let location = options.advisories;
  let cleanup: (() => Promise<void>) | undefined;
  if (location === undefined && options.server) {
    options.progress(`downloading the advisory snapshot from ${options.server.url}`);
    const downloaded = await downloadSnapshot(options.server);
    location = downloaded.file;
    cleanup = downloaded.cleanup;
  }
  if (location === undefined) {
    options.warn('chainward: note: no advisories given (--advisories or --server): vulnerability rules see no findings');
    return { matched: [], published: new Map(), summary: null };
  }
  try {
    const { componentPackage, knownExploitedLookup, loadAdvisories, MatchIndex, matchComponents, packageKey } = await import('../../advisories/index.js');
    const libraries = [...graph.components.values()].filter((node) => node.type === 'library');
    // Only the advisories about the project's own packages are checked and indexed: matching needs no others.
    const packages = new Set<string>();
    for (const node of libraries) {
      const pkg = componentPackage(node.purl);
      if (pkg) packages.add(packageKey(pkg.ecosystem, pkg.name));
    }
    options.progress(`loading advisories from ${location}`);
    // A snapshot carries the Known Exploited Vulnerabilities catalogue of its server; an OSV directory or zip has none.
    const { records, invalid, knownExploited: catalogue } = await loadAdvisories(location, { packages });
    for (const issue of invalid.slice(0, 20)) options.warn(`chainward: warning: ${issue.file ?? location}: skipped an advisory: ${issue.message}`);
    if (invalid.length > 20) options.warn(`chainward: warning: ${invalid.length - 20} more advisories skipped`);
    const index = MatchIndex.build(records);
    const published = new Map<string, string>();
    for (const record of records) if (record.published !== undefined) published.set(record.id, record.published);
    options.progress(`matching ${libraries.length} components against ${index.size} advisories`);
    const source = options.advisories ?? `${options.server?.url ?? ''}/api/v1/advisories/snapshot`;
    const knownExploited = catalogue ? { catalogVersion: catalogue.catalogVersion, entries: catalogue.entries.length } : null;
    return {
      matched: matchComponents(index, libraries, catalogue ? { knownExploited: knownExploitedLookup(catalogue.entries) } : {}),
      published,
      summary: { source, records: records.length, invalid: invalid.length, knownExploited },
    };
  } finally {
    await cleanup?.();
  }
}
