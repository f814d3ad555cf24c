import { open } from 'node:fs/promises';
import { ChainwardError } from '../../common/errors.js';
import { parseJsonFile } from '../common/parse-json.js';
import type { TextFile } from '../ecosystems/types.js';
import { cycloneDxXmlToJson } from './cyclonedx-xml.js';
import { fromCycloneDx } from './from-cyclonedx.js';
import { fromSpdx } from './from-spdx.js';
import type { ImportedSbom } from './imported-graph.js';

/** Default size limit for an SBOM to import or compare. */
export const DEFAULT_MAX_SBOM_BYTES = 100 * 1024 * 1024;

/**
 * Reads any SBOM Chainward understands: CycloneDX JSON or XML (1.2–1.6) and
 * SPDX 2.2/2.3 JSON, told apart by their content, not their file name.
 * Malformed documents fail with file:line:column.
 */
export function parseSbom(file: TextFile): ImportedSbom {
  const text = file.text.replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('<')) return fromCycloneDx(cycloneDxXmlToJson(text, file.path), file.path, 'cyclonedx-xml');
  const parsed = parseJsonFile({ path: file.path, text }, 'SBOM JSON');
  const document = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  return parseSbomDocument(document, file.path);
}

/** Reads an SBOM already parsed from JSON (a CycloneDX or SPDX document, e.g. inside a gate upload); `file` names it in errors. */
export function parseSbomDocument(document: Record<string, unknown>, file: string): ImportedSbom {
  if (document.bomFormat === 'CycloneDX') return fromCycloneDx(document, file, 'cyclonedx-json');
  if (typeof document.spdxVersion === 'string') return fromSpdx(document, file);
  // GitHub's dependency-graph API wraps the SPDX document: { "sbom": { ... } }.
  const wrapped = document.sbom;
  if (wrapped && typeof wrapped === 'object' && typeof (wrapped as Record<string, unknown>).spdxVersion === 'string') {
    return fromSpdx(wrapped as Record<string, unknown>, file);
  }
  throw new ChainwardError({
    code: 'SBOM_IMPORT_UNSUPPORTED',
    category: 'bad-input',
    message: 'not a CycloneDX or SPDX JSON document (no "bomFormat": "CycloneDX" and no "spdxVersion")',
    location: { file, line: 1, column: 1 },
  });
}

/** Reads an SBOM file named by the user, refusing one over the size limit before reading it. */
export async function readSbomFile(file: string, maxBytes = DEFAULT_MAX_SBOM_BYTES): Promise<TextFile> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new ChainwardError({
      code: error.code === 'ENOENT' ? 'SBOM_IMPORT_NOT_FOUND' : 'SBOM_IMPORT_UNREADABLE',
      category: error.code === 'ENOENT' ? 'not-found' : 'bad-input',
      message: error.code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${error.message}`,
    });
  });
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new ChainwardError({ code: 'SBOM_IMPORT_UNREADABLE', category: 'bad-input', message: `not a file: ${file}` });
    if (stats.size > maxBytes) {
      throw new ChainwardError({
        code: 'SBOM_FILE_TOO_LARGE',
        category: 'bad-input',
        message: `file is ${(stats.size / 1024 / 1024).toFixed(1)} MB, over the ${(maxBytes / 1024 / 1024).toFixed(1)} MB limit (raise it with --max-file-size)`,
        location: { file },
      });
    }
    return { path: file, text: await handle.readFile('utf8') };
  } finally {
    await handle.close();
  }
}
