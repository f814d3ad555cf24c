import type { ImportedFrom } from './entities/scan.entity.js';
import type { ScanWithRepository } from './scans.service.js';

/** The public shape of a scan, shared by the API and the CLI's --json output: entities are never shown as they are. */
export interface ScanView {
  id: string;
  repository: { id: string; name: string; location: string };
  commit: string | null;
  branch: string | null;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  toolVersion: string;
  components: number;
  lockfiles: string[];
  warnings: Array<{ file: string; message: string }>;
  sbom: { digest: string | null; href: string };
  /** `scan` (lockfiles read by Chainward) or `import` (an SBOM from another tool, described by `importedFrom`). */
  origin: string;
  importedFrom: ImportedFrom | null;
}

export function toScanView(scan: ScanWithRepository): ScanView {
  return {
    id: scan.id,
    repository: { id: scan.repository.id, name: scan.repository.name, location: scan.repository.location },
    commit: scan.commitSha,
    branch: scan.branch,
    status: scan.status,
    startedAt: scan.startedAt.toISOString(),
    finishedAt: scan.finishedAt?.toISOString() ?? null,
    toolVersion: scan.toolVersion,
    components: scan.componentCount,
    lockfiles: scan.lockfiles,
    warnings: scan.warnings,
    sbom: { digest: scan.sbomDigest, href: `/api/v1/scans/${scan.id}/sbom` },
    origin: scan.origin,
    importedFrom: scan.importedFrom,
  };
}
