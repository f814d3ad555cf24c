import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_RECORDER, type AuditRecorder } from '../audit/index.js';
import { TOOL_NAME, TOOL_VERSION } from '../common/version.js';
import { parseOsvJson, type OsvRecord } from './domain/index.js';
import { toAdvisoryRow, toOsvRecord, toPackageRows } from './advisory-row.mapper.js';
import { AdvisoriesRepository } from './advisories.repository.js';
import { KevRepository } from './kev/kev.repository.js';
import { fromEntity } from './kev/kev-row.mapper.js';
import { openOsvSource, type OsvSource, type OsvSourceKind } from './import/osv-source.js';
import { writeSnapshot } from './snapshot/write-snapshot.js';

/** Records per transaction: large enough to amortise round trips, small enough to keep memory flat. */
const IMPORT_BATCH = 1000;
const EXPORT_PAGE = 1000;

export interface InvalidAdvisory {
  file: string;
  reason: string;
}

export interface ImportSummary {
  source: OsvSourceKind;
  files: number;
  imported: number;
  updated: number;
  unchanged: number;
  invalid: InvalidAdvisory[];
  /** Records kept with a part dropped (a malformed range or reference), as the parser reported. */
  repaired: number;
}

export interface ImportOptions {
  onProgress?: (summary: Readonly<ImportSummary>) => void;
  batchSize?: number;
}

/** The advisory store: imports OSV sources idempotently and exports snapshots. */
@Injectable()
export class AdvisoriesService {
  constructor(
    private readonly advisories: AdvisoriesRepository,
    @Inject(AUDIT_RECORDER) private readonly audit: AuditRecorder,
    private readonly kev: KevRepository,
  ) {}

  /**
   * Imports every record of `location`. Idempotent by (id, modified): a record whose
   * `modified` is not newer than the stored one is left unchanged. Invalid records are
   * reported with their file and reason and skipped; each batch is one transaction.
   */
  async importFrom(location: string, options: ImportOptions = {}): Promise<ImportSummary> {
    return this.importSource(await openOsvSource(location), options);
  }

  /** `importFrom` for records that do not come from a path (the OSV API). */
  async importSource(source: OsvSource, options: ImportOptions = {}): Promise<ImportSummary> {
    const summary: ImportSummary = { source: source.kind, files: 0, imported: 0, updated: 0, unchanged: 0, invalid: [], repaired: 0 };
    const batchSize = options.batchSize ?? IMPORT_BATCH;
    let batch = new Map<string, OsvRecord>();
    for await (const item of source.items) {
      summary.files++;
      if ('error' in item) {
        summary.invalid.push({ file: item.file, reason: item.error });
      } else {
        const parsed = parseOsvJson(item.text, item.file);
        if (!parsed.ok) {
          const { pointer, message, line, column } = parsed.error;
          const where = line === undefined ? (pointer ? ` at ${pointer}` : '') : ` at line ${line}, column ${column ?? 1}`;
          summary.invalid.push({ file: item.file, reason: `${message}${where}` });
        } else {
          if (parsed.warnings.length > 0) summary.repaired++;
          const previous = batch.get(parsed.record.id);
          // The same id twice in one source: the later `modified` wins, as it would across imports.
          if (!previous || Date.parse(parsed.record.modified) >= Date.parse(previous.modified)) batch.set(parsed.record.id, parsed.record);
          else summary.unchanged++;
        }
      }
      if (batch.size >= batchSize) {
        await this.storeBatch([...batch.values()], summary);
        batch = new Map();
        options.onProgress?.(summary);
      }
    }
    await this.storeBatch([...batch.values()], summary);
    options.onProgress?.(summary);
    return summary;
  }

  private async storeBatch(records: OsvRecord[], summary: ImportSummary): Promise<void> {
    if (records.length === 0) return;
    await this.advisories.transaction(async (manager) => {
      const stored = await this.advisories.findModified(
        manager,
        records.map((record) => record.id),
      );
      const changed: OsvRecord[] = [];
      for (const record of records) {
        const modified = stored.get(record.id);
        if (modified === undefined) summary.imported++;
        else if (Date.parse(record.modified) > modified.getTime()) summary.updated++;
        else {
          summary.unchanged++;
          continue;
        }
        changed.push(record);
      }
      if (changed.length === 0) return;
      await this.advisories.upsertAdvisories(manager, changed.map(toAdvisoryRow));
      await this.advisories.replacePackages(
        manager,
        changed.map((record) => record.id),
        changed.flatMap(toPackageRows),
      );
      // What the vulnerability answers rest on changed: the ledger says which records, as of which `modified`.
      const versions = changed.map((record) => `${record.id}@${record.modified}`).sort();
      await this.audit.record(manager, {
        actor: { kind: 'system', id: TOOL_NAME, version: TOOL_VERSION },
        action: 'advisories.imported',
        subject: {},
        outputsDigest: `sha256:${createHash('sha256').update(versions.join('\n')).digest('hex')}`,
        rationale: `Stored ${changed.length} new or updated OSV record(s).`,
        payload: { records: versions.length <= 100 ? versions : versions.slice(0, 100), total: versions.length },
      });
    });
  }

  /** Writes every stored advisory, and the Known Exploited Vulnerabilities catalogue if one was imported, to a snapshot file; returns how many advisories. */
  async exportSnapshot(file: string): Promise<number> {
    const count = await this.advisories.count();
    const catalogue = await this.kev.findCatalogue();
    const knownExploited = catalogue
      ? { catalogVersion: catalogue.catalogVersion, dateReleased: catalogue.catalogReleased.toISOString(), entries: (await this.kev.findAll()).map(fromEntity) }
      : undefined;
    const advisories = this.advisories;
    async function* records(): AsyncGenerator<OsvRecord> {
      let after: string | undefined;
      for (;;) {
        const page = await advisories.findPage(after, EXPORT_PAGE);
        for (const entity of page) yield toOsvRecord(entity);
        if (page.length < EXPORT_PAGE) return;
        after = page[page.length - 1]?.id;
      }
    }
    return writeSnapshot(file, count, records(), new Date(), knownExploited);
  }

  count(): Promise<number> {
    return this.advisories.count();
  }

  /** id -> `modified` of the stored record, for the ids given that are stored. */
  storedModified(ids: string[]): Promise<Map<string, Date>> {
    return this.advisories.transaction((manager) => this.advisories.findModified(manager, ids));
  }
}
