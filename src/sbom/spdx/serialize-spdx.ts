import type { SpdxDocument } from './spdx-types.js';

/** Two-space JSON with the document's keys in the order the SPDX examples use; the mapper has already sorted every list. */
export function serializeSpdx(document: SpdxDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
