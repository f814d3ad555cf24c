import { createHash } from 'node:crypto';
import path from 'node:path';
import { TOOL_NAME, TOOL_VERSION } from '../common/version.js';
import { serializeBom, type CycloneDxSpecVersion } from './cyclonedx/serialize.js';
import { serialNumberFor, toCycloneDx } from './cyclonedx/to-cyclonedx.js';
import { SPDX_VERSION, type SbomFormat } from './formats.js';
import type { DependencyGraph } from './model/graph.js';
import type { SbomVulnerability } from './model/vulnerability.js';
import { scanRepository, type RepositoryScan, type ScanOptions } from './scan-repository.js';
import { serializeSpdx } from './spdx/serialize-spdx.js';
import { toSpdx } from './spdx/to-spdx.js';

export interface SbomOptions extends ScanOptions {
  format?: SbomFormat;
  specVersion?: CycloneDxSpecVersion;
  /**
   * Same input, same bytes: the serial number (SPDX: the namespace) derives from the content and the timestamp
   * from SOURCE_DATE_EPOCH, or is left out (SPDX, which requires one: 1970-01-01T00:00:00Z).
   */
  reproducible?: boolean;
  /** Overrides the timestamp (reproducible builds pass SOURCE_DATE_EPOCH here). */
  timestamp?: Date;
  /** Known vulnerabilities to embed as the CycloneDX `vulnerabilities` section. */
  vulnerabilities?: readonly SbomVulnerability[];
}

export interface SbomDocument {
  scan: RepositoryScan;
  format: SbomFormat;
  /** CycloneDX `1.6`/`1.5`, or SPDX `2.3`. */
  specVersion: string;
  /** CycloneDX serial number, or SPDX document namespace. */
  serialNumber: string;
  /** The serialised document. */
  content: string;
  /** SHA-256 of `content`, hex. */
  digest: string;
}

/** Scans a directory and renders its SBOM. */
export async function buildSbom(directory: string, options: SbomOptions = {}): Promise<SbomDocument> {
  const scan = await scanRepository(directory, options);
  return renderSbom(scan, options);
}

/** Renders an already scanned repository (used by `scan`, which stores the graph too). */
export function renderSbom(scan: RepositoryScan, options: SbomOptions = {}): SbomDocument {
  const format = options.format ?? 'cyclonedx-json';
  const reproducible = options.reproducible ?? false;
  const timestamp = options.timestamp ?? (reproducible ? undefined : new Date());
  const serialNumber = serialNumberFor(reproducible ? graphFingerprint(scan.graph, options.vulnerabilities) : undefined);
  const repositoryName = path.basename(scan.root);
  if (format === 'spdx-json') {
    const spdx = toSpdx(scan.graph, {
      toolName: TOOL_NAME,
      toolVersion: TOOL_VERSION,
      repositoryName,
      created: timestamp ?? new Date(0),
      namespaceId: serialNumber.replace(/^urn:uuid:/, ''),
    });
    return finish(scan, format, SPDX_VERSION, spdx.documentNamespace, serializeSpdx(spdx));
  }
  const specVersion = options.specVersion ?? '1.6';
  const bom = toCycloneDx(scan.graph, {
    toolName: TOOL_NAME,
    toolVersion: TOOL_VERSION,
    repositoryName,
    reproducible,
    timestamp,
    vulnerabilities: options.vulnerabilities,
  });
  bom.serialNumber = serialNumber;
  return finish(scan, format, specVersion, serialNumber, serializeBom(bom, format, specVersion));
}

function finish(scan: RepositoryScan, format: SbomFormat, specVersion: string, serialNumber: string, content: string): SbomDocument {
  return { scan, format, specVersion, serialNumber, content, digest: createHash('sha256').update(content).digest('hex') };
}

/** A stable text of everything the SBOM says about the graph, for deterministic serial numbers. */
function graphFingerprint(graph: DependencyGraph, vulnerabilities?: readonly SbomVulnerability[]): string {
  const components = [...graph.components.values()]
    .map((n) => [n.ref, n.version, n.scope, n.development, n.direct, n.hashes, n.licenses, n.properties])
    .sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
  const edges = [...graph.edges].map(([from, to]) => [from, [...to].sort()]).sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
  // Vulnerabilities join the fingerprint only when present, so SBOMs without them keep their serial numbers.
  return JSON.stringify({ tool: TOOL_VERSION, roots: graph.roots, components, edges, ...(vulnerabilities?.length ? { vulnerabilities } : {}) });
}
