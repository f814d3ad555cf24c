/** One pure mapper per direction between catalogue entries and stored rows. */
import type { KnownExploitedEntity } from '../entities/known-exploited.entity.js';
import type { KnownExploitedCatalogue, KnownExploitedEntry } from './known-exploited.js';

export function toRow(entry: KnownExploitedEntry, catalogue: KnownExploitedCatalogue): Record<string, unknown> {
  return {
    cve_id: entry.cveID,
    vendor_project: entry.vendorProject,
    product: entry.product,
    vulnerability_name: entry.vulnerabilityName,
    date_added: entry.dateAdded,
    due_date: entry.dueDate,
    known_ransomware_campaign_use: entry.knownRansomwareCampaignUse ?? null,
    short_description: entry.shortDescription ?? null,
    required_action: entry.requiredAction ?? null,
    notes: entry.notes ?? null,
    cwes: entry.cwes ?? [],
    catalog_version: catalogue.catalogVersion,
    catalog_released: catalogue.dateReleased,
  };
}

export function fromEntity(entity: KnownExploitedEntity): KnownExploitedEntry {
  return {
    cveID: entity.cveId,
    vendorProject: entity.vendorProject,
    product: entity.product,
    vulnerabilityName: entity.vulnerabilityName,
    dateAdded: entity.dateAdded,
    dueDate: entity.dueDate,
    ...(entity.knownRansomwareCampaignUse === null ? {} : { knownRansomwareCampaignUse: entity.knownRansomwareCampaignUse }),
    ...(entity.shortDescription === null ? {} : { shortDescription: entity.shortDescription }),
    ...(entity.requiredAction === null ? {} : { requiredAction: entity.requiredAction }),
    ...(entity.notes === null ? {} : { notes: entity.notes }),
    ...(entity.cwes.length === 0 ? {} : { cwes: entity.cwes }),
  };
}
