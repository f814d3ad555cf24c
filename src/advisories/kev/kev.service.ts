import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_RECORDER, type AuditRecorder } from '../../audit/index.js';
import { ChainwardError } from '../../common/errors.js';
import { TOOL_NAME, TOOL_VERSION } from '../../common/version.js';
import type { KnownExploitedCatalogue, KnownExploitedEntry } from './known-exploited.js';
import { MAX_KEV_BYTES, parseKevCatalogue } from './parse-kev.js';
import { KevRepository } from './kev.repository.js';
import { fromEntity, toRow } from './kev-row.mapper.js';

export interface KevImportSummary {
  catalogVersion: string;
  dateReleased: string;
  entries: number;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** The catalogue's own `count`, when it states one (an excerpt states the full catalogue's). */
  statedCount?: number;
}

/**
 * CISA's Known Exploited Vulnerabilities catalogue in the store: an import replaces the stored
 * catalogue with the one given (entries CISA removed go too), never with an older release.
 */
@Injectable()
export class KevService {
  constructor(
    private readonly kev: KevRepository,
    @Inject(AUDIT_RECORDER) private readonly audit: AuditRecorder,
  ) {}

  async importCatalogue(file: string): Promise<KevImportSummary> {
    const text = await readCatalogue(file);
    const catalogue = parseKevCatalogue(text, file);
    return this.kev.transaction(async (manager) => {
      const stored = await this.kev.findCatalogue(manager);
      if (stored && stored.catalogReleased.getTime() > Date.parse(catalogue.dateReleased)) {
        throw new ChainwardError({
          code: 'KEV_OLDER',
          category: 'bad-input',
          message: `catalogue ${catalogue.catalogVersion} (released ${catalogue.dateReleased}) is older than the stored ${stored.catalogVersion} (released ${stored.catalogReleased.toISOString()}); nothing changed`,
          location: { file },
        });
      }
      const before = new Map((await this.kev.findAll(manager)).map((entity) => [entity.cveId, fingerprint(fromEntity(entity))]));
      const summary: KevImportSummary = {
        catalogVersion: catalogue.catalogVersion,
        dateReleased: catalogue.dateReleased,
        entries: catalogue.entries.length,
        added: 0,
        updated: 0,
        removed: 0,
        unchanged: 0,
        ...(catalogue.count === undefined ? {} : { statedCount: catalogue.count }),
      };
      const listed = new Set<string>();
      for (const entry of catalogue.entries) {
        listed.add(entry.cveID);
        const previous = before.get(entry.cveID);
        if (previous === undefined) summary.added++;
        else if (previous === fingerprint(entry)) summary.unchanged++;
        else summary.updated++;
      }
      summary.removed = [...before.keys()].filter((id) => !listed.has(id)).length;
      await this.kev.replaceAll(manager, catalogue.entries.map((entry) => toRow(entry, catalogue)));
      await this.audit.record(manager, {
        actor: { kind: 'system', id: TOOL_NAME, version: TOOL_VERSION },
        action: 'advisories.kev-imported',
        subject: {},
        inputsDigest: `sha256:${createHash('sha256').update(text).digest('hex')}`,
        rationale: `Stored the Known Exploited Vulnerabilities catalogue ${catalogue.catalogVersion}: ${summary.added} added, ${summary.updated} updated, ${summary.removed} removed.`,
        payload: { ...summary },
      });
      return summary;
    });
  }

  /** The stored catalogue, as a snapshot carries it; undefined when none was imported. */
  async storedCatalogue(): Promise<KnownExploitedCatalogue | undefined> {
    const stored = await this.kev.findCatalogue();
    if (!stored) return undefined;
    return { catalogVersion: stored.catalogVersion, dateReleased: stored.catalogReleased.toISOString(), entries: (await this.kev.findAll()).map(fromEntity) };
  }
}

async function readCatalogue(file: string): Promise<string> {
  try {
    if ((await stat(file)).size > MAX_KEV_BYTES) {
      throw new ChainwardError({ code: 'KEV_INVALID', category: 'bad-input', message: `larger than ${MAX_KEV_BYTES / 1024 / 1024} MB: not a KEV catalogue`, location: { file } });
    }
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof ChainwardError) throw error;
    throw new ChainwardError({ code: 'KEV_NOT_FOUND', category: 'not-found', message: `cannot read ${file}: ${(error as Error).message}`, cause: error });
  }
}

/** What an entry says, compared across imports to count updates. */
function fingerprint(entry: KnownExploitedEntry): string {
  return JSON.stringify([
    entry.vendorProject,
    entry.product,
    entry.vulnerabilityName,
    entry.dateAdded,
    entry.dueDate,
    entry.knownRansomwareCampaignUse ?? null,
    entry.shortDescription ?? null,
    entry.requiredAction ?? null,
    entry.notes ?? null,
    entry.cwes ?? [],
  ]);
}
