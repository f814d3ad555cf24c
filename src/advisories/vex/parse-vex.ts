/**
 * A CycloneDX VEX document (JSON, spec 1.4-1.6) read into suppressing statements.
 * `affects[].ref` is a bom-ref: a component of the document (nested ones included),
 * a BOM-Link (`urn:cdx:<serial>/<version>#<ref>`) or directly a package URL.
 * Analyses in other states (exploitable, in_triage, resolved…) suppress nothing and are counted as ignored.
 */
import { ChainwardError } from '../../common/errors.js';
import { SUPPRESSING_STATES, type VexStatement } from './vex-statement.js';

export interface ParsedVex {
  statements: VexStatement[];
  /** Analyses left out, and why (state that does not suppress, a ref that names no package). */
  ignored: string[];
}

interface CdxComponent {
  'bom-ref'?: unknown;
  purl?: unknown;
  components?: unknown;
}

export function parseCycloneDxVex(text: string, file: string): ParsedVex {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(document) || document.bomFormat !== 'CycloneDX') throw invalid(file, 'not a CycloneDX JSON document (bomFormat "CycloneDX")');
  if (!Array.isArray(document.vulnerabilities)) throw invalid(file, 'a VEX document needs a "vulnerabilities" array');

  const purlByRef = new Map<string, string>();
  collectComponents(document.metadata && isObject(document.metadata) ? [document.metadata.component] : [], purlByRef);
  collectComponents(Array.isArray(document.components) ? document.components : [], purlByRef);

  const statements: VexStatement[] = [];
  const ignored: string[] = [];
  document.vulnerabilities.forEach((vulnerability: unknown, index: number) => {
    if (!isObject(vulnerability) || typeof vulnerability.id !== 'string') {
      ignored.push(`vulnerabilities[${index}]: no id`);
      return;
    }
    const analysis = isObject(vulnerability.analysis) ? vulnerability.analysis : {};
    const state = typeof analysis.state === 'string' ? analysis.state : 'none';
    if (!SUPPRESSING_STATES.has(state)) {
      ignored.push(`${vulnerability.id}: analysis state ${state} does not suppress`);
      return;
    }
    for (const affect of Array.isArray(vulnerability.affects) ? vulnerability.affects : []) {
      const ref = isObject(affect) && typeof affect.ref === 'string' ? affect.ref : undefined;
      const purl = ref === undefined ? undefined : resolveRef(ref, purlByRef);
      if (!purl) {
        ignored.push(`${vulnerability.id}: affects ${ref ?? '(no ref)'} names no package URL`);
        continue;
      }
      statements.push({
        vulnerabilityId: vulnerability.id,
        purl,
        state: state as VexStatement['state'],
        ...(typeof analysis.justification === 'string' ? { justification: analysis.justification } : {}),
        ...(typeof analysis.detail === 'string' ? { detail: analysis.detail } : {}),
      });
    }
  });
  return { statements, ignored };
}

function collectComponents(components: unknown[], purlByRef: Map<string, string>): void {
  for (const component of components) {
    if (!isObject(component)) continue;
    const { 'bom-ref': ref, purl, components: children } = component as CdxComponent;
    if (typeof ref === 'string' && typeof purl === 'string') purlByRef.set(ref, purl);
    if (Array.isArray(children)) collectComponents(children, purlByRef);
  }
}

function resolveRef(ref: string, purlByRef: Map<string, string>): string | undefined {
  const local = ref.startsWith('urn:cdx:') && ref.includes('#') ? decodeURIComponent(ref.slice(ref.indexOf('#') + 1)) : ref;
  return purlByRef.get(local) ?? (local.startsWith('pkg:') ? local : undefined);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(file: string, message: string): ChainwardError {
  return new ChainwardError({ code: 'VEX_INVALID', category: 'bad-input', message: `invalid VEX document: ${message}`, location: { file } });
}
