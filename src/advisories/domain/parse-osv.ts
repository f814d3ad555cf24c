/**
 * Reads one OSV record: permissive, but every input crosses the official schema.
 *
 * Real advisory databases publish records that the official schema rejects in one
 * small part (GitHub's `purl-type:swift` ecosystem, an unparseable reference URL,
 * an id prefix newer than the schema). Rejecting the whole record would lose its
 * other packages, and a missed advisory is a breach; so the parser drops only the
 * smallest part that fails (one affected package, one range, one reference...),
 * records why, and re-validates what is left. Only a record whose core (id,
 * modified, the shape of the document) is wrong is refused.
 */
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { ChainwardError, lineAndColumnAt } from '../../common/errors.js';
import type { OsvRecord } from './osv-schema.js';
import osvJsonSchema from './osv.schema.json' with { type: 'json' };

/** Where and why a record (or a part of it) could not be used. */
export interface OsvIssue {
  /** The file the record came from, as the user would recognise it. */
  file?: string;
  /** RFC 6901 JSON pointer into the record (`""` is the whole document). */
  pointer: string;
  message: string;
  /** For JSON syntax errors: 1-based position in the file. */
  line?: number;
  column?: number;
}

export type OsvParseResult =
  | { ok: true; record: OsvRecord; warnings: OsvIssue[] }
  | { ok: false; error: OsvIssue };

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    // strict: false because the official schema uses annotations (titles inside `contains`) Ajv's strict mode refuses;
    // verbose so an error carries the offending value, which the reason quotes.
    // Loaded on first use: commands that only import this module (`policy validate`, for the version
    // orderings) do not pay for Ajv at start-up.
    const require = createRequire(import.meta.url);
    const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    const addFormats = require('ajv-formats') as typeof import('ajv-formats');
    const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
    addFormats.default(ajv);
    compiled = ajv.compile(osvJsonSchema);
  }
  return compiled;
}

/** Parses the text of one OSV JSON file. */
export function parseOsvJson(text: string, file?: string): OsvParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const where = position ? lineAndColumnAt(body, Number(position[1])) : undefined;
    return { ok: false, error: { file, pointer: '', message: `not valid JSON: ${message}`, ...where } };
  }
  return parseOsvRecord(value, file);
}

/** Checks an already-parsed JSON value against the OSV schema and returns the typed record. */
export function parseOsvRecord(value: unknown, file?: string): OsvParseResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: { file, pointer: '', message: 'an OSV record must be a JSON object' } };
  }
  const validate = validator();
  if (validate(value)) return { ok: true, record: toRecord(value as RawRecord), warnings: [] };

  const document = structuredClone(value) as Record<string, unknown>;
  const plan = planRepairs(validate.errors ?? []);
  if ('fatal' in plan) return { ok: false, error: { file, ...plan.fatal } };

  // Removed from the highest array index down, so earlier removals do not shift later ones; reported in document order.
  for (const repair of plan.repairs) applyRepair(document, repair);
  const warnings: OsvIssue[] = plan.repairs.reverse().map((repair) => ({ file, pointer: repair.pointer, message: repair.message }));
  // What is left must pass, apart from the deviations deliberately kept (an unknown id prefix).
  const remaining = validate(document) ? [] : (validate.errors ?? []).filter((error) => repairFor(error)?.action !== 'keep');
  if (remaining.length > 0) {
    const first = remaining[0];
    return { ok: false, error: { file, pointer: first?.instancePath ?? '', message: describe(first) } };
  }
  return { ok: true, record: toRecord(document as RawRecord), warnings };
}

/** The error a caller throws when it wants an exception rather than a result. */
export function osvIssueToError(issue: OsvIssue): ChainwardError {
  const where = issue.pointer === '' ? '' : ` at ${issue.pointer}`;
  return new ChainwardError({
    code: 'ADVISORY_INVALID_OSV',
    category: 'bad-input',
    message: `invalid OSV record${where}: ${issue.message}`,
    location: issue.file === undefined ? undefined : { file: issue.file, line: issue.line, column: issue.column },
    details: { pointer: issue.pointer },
  });
}

// ---------------------------------------------------------------------------------------------
// Repairs: which part of the document an error condemns.

interface Repair {
  /** Pointer of the part removed (or, for `keep`, only reported). */
  pointer: string;
  path: (string | number)[];
  action: 'remove' | 'keep';
  message: string;
}

/** Arrays whose items can be dropped one by one without changing the meaning of the rest. */
const DROPPABLE_ITEMS = new Set(['severity', 'references', 'credits', 'aliases', 'related', 'upstream', 'affected']);

function planRepairs(errors: ErrorObject[]): { repairs: Repair[] } | { fatal: Omit<OsvIssue, 'file'> } {
  const byPointer = new Map<string, Repair>();
  for (const error of errors) {
    const repair = repairFor(error);
    if (!repair) return { fatal: { pointer: error.instancePath, message: describe(error) } };
    if (!byPointer.has(repair.pointer)) byPointer.set(repair.pointer, repair);
  }
  // A removal makes every repair inside it moot; then remove array items from the highest index down.
  const repairs = [...byPointer.values()].filter(
    (repair) => ![...byPointer.values()].some((other) => other !== repair && other.action === 'remove' && repair.pointer.startsWith(`${other.pointer}/`)),
  );
  repairs.sort((a, b) => comparePathsDescending(a.path, b.path));
  return { repairs };
}

function repairFor(error: ErrorObject): Repair | undefined {
  const path = parsePointer(error.instancePath);
  const reason = describe(error);
  const [top, index, field, subIndex] = path;

  if (path.length === 0 && error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty?: string }).additionalProperty);
    return remove([extra], `unknown field "${extra}" ignored`);
  }
  if (path.length === 1 && top === 'id' && error.keyword === 'pattern') {
    return { pointer: '/id', path, action: 'keep', message: 'id prefix is not one the OSV schema lists; kept' };
  }
  if (top === 'affected' && typeof index === 'number') {
    if (field === 'ranges' && typeof subIndex === 'number') {
      return remove(['affected', index, 'ranges', subIndex], `range skipped: ${reason}`);
    }
    if (field === 'severity') return remove(['affected', index, 'severity'], `package severity skipped: ${reason}`);
    if (field === 'versions' && typeof subIndex === 'number') {
      return remove(['affected', index, 'versions', subIndex], `version skipped: ${reason}`);
    }
    return remove(['affected', index], `affected package skipped: ${reason}`);
  }
  if (typeof top === 'string' && DROPPABLE_ITEMS.has(top) && typeof index === 'number') {
    return remove([top, index], `${top} entry skipped: ${reason}`);
  }
  return undefined;
}

function remove(path: (string | number)[], message: string): Repair {
  return { pointer: toPointer(path), path, action: 'remove', message };
}

function applyRepair(document: Record<string, unknown>, repair: Repair): void {
  if (repair.action === 'keep') return;
  let parent: unknown = document;
  for (const key of repair.path.slice(0, -1)) {
    parent = (parent as Record<string | number, unknown> | undefined)?.[key];
  }
  const last = repair.path[repair.path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[String(last)];
}

function comparePathsDescending(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (b[i] as number) - (a[i] as number);
    return String(a[i]) < String(b[i]) ? 1 : -1;
  }
  return b.length - a.length;
}

function parsePointer(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}

function toPointer(path: (string | number)[]): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Ajv's message, with the schema's own title for the rule when it has one (pattern errors name the rule, not the regex). */
function describe(error: ErrorObject | undefined): string {
  if (!error) return 'does not match the OSV schema';
  const title = titleAt(error.schemaPath);
  if (error.keyword === 'pattern') return `${JSON.stringify(error.data)} does not match "${title ?? 'the OSV schema'}"`;
  const message = error.keyword === 'additionalProperties'
    ? `unexpected field "${String((error.params as { additionalProperty?: string }).additionalProperty)}"`
    : (error.message ?? 'does not match the OSV schema');
  return title ? `${message} (${title})` : message;
}

/** The title of the innermost schema on `schemaPath` (`#/properties/affected/...`) that has one. */
function titleAt(schemaPath: string): string | undefined {
  let node: unknown = osvJsonSchema;
  let title: string | undefined;
  for (const segment of parsePointer(schemaPath.replace(/^#/, ''))) {
    node = (node as Record<string | number, unknown> | undefined)?.[segment];
    if (node === undefined || node === null || typeof node !== 'object') break;
    const own = (node as { title?: unknown }).title;
    if (typeof own === 'string') title = own;
  }
  return title;
}

// ---------------------------------------------------------------------------------------------
// The valid document as a typed record: null arrays become empty ones.

type RawRecord = Omit<OsvRecord, 'aliases' | 'related' | 'upstream' | 'severity' | 'affected' | 'references' | 'credits'> & {
  aliases?: string[] | null;
  related?: string[] | null;
  upstream?: string[] | null;
  severity?: OsvRecord['severity'] | null;
  affected?: RawAffected[] | null;
  references?: OsvRecord['references'] | null;
  credits?: OsvRecord['credits'] | null;
};

type RawAffected = Omit<OsvRecord['affected'][number], 'ranges' | 'versions' | 'severity'> & {
  ranges?: OsvRecord['affected'][number]['ranges'] | null;
  versions?: string[] | null;
  severity?: OsvRecord['severity'] | null;
};

function toRecord(raw: RawRecord): OsvRecord {
  const { aliases, related, upstream, severity, affected, references, credits, ...rest } = raw;
  return {
    ...rest,
    aliases: aliases ?? [],
    related: related ?? [],
    upstream: upstream ?? [],
    severity: severity ?? [],
    affected: (affected ?? []).map(({ ranges, versions, severity: packageSeverity, ...entry }) => ({
      ...entry,
      ...(packageSeverity ? { severity: packageSeverity } : {}),
      ranges: ranges ?? [],
      versions: versions ?? [],
    })),
    references: references ?? [],
    credits: credits ?? [],
  };
}
