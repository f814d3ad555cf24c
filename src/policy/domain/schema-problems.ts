/**
 * Turns schema issues into plain-words problems located at the YAML node they
 * concern: the instance path of each issue is looked up in the parsed
 * Document, and unknown keys and values get a "did you mean" hint from the
 * schema itself.
 */
import type { z } from 'zod';
import { closestMatch } from './did-you-mean.js';
import type { PolicyProblem } from './problems.js';
import { keyNodeAt, nodeAt, positionOf, type YamlPath, type YamlSource } from './yaml-source.js';

type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

export function problemsFromIssues(source: YamlSource, schema: Schema, issues: readonly Issue[]): PolicyProblem[] {
  return issues.flatMap((issue) => describeIssue(source, schema, issue, []));
}

function describeIssue(source: YamlSource, schema: Schema, issue: Issue, prefix: YamlPath): PolicyProblem[] {
  const path: YamlPath = [...prefix, ...(issue.path as Array<string | number>)];
  const label = labelOf(path);
  const value = valueAt(source.data, path);
  const here = (message: string, at: YamlPath = path): PolicyProblem => ({ file: source.file, ...positionOf(source, nodeAt(source, at).node), message });

  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = objectKeys(schemaAt(schema, path, source.data));
      return issue.keys.map((key) => {
        const hint = closestMatch(key, allowed);
        const where = path.length === 0 ? '' : ` in ${label}`;
        const advice = hint ? `; did you mean "${hint}"?` : allowed.length > 0 ? `; allowed keys are ${allowed.join(', ')}` : '';
        const node = keyNodeAt(source, path, key);
        return { file: source.file, ...positionOf(source, node ?? nodeAt(source, path).node), message: `unknown key "${key}"${where}${advice}` };
      });
    }
    case 'invalid_type': {
      if (isMissing(source.data, path)) return [missingKey(path, here)];
      const quote = issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean') ? '; put it in quotes' : '';
      return [here(`${label} must be ${expectedWords(issue.expected)}, not ${describeValue(value)}${quote}`)];
    }
    case 'invalid_value': {
      if (isMissing(source.data, path)) return [missingKey(path, here)];
      const values = issue.values.map(String);
      return [here(oneOf(label, values, value))];
    }
    case 'invalid_union': {
      if ('discriminator' in issue && typeof issue.discriminator === 'string') {
        if (isMissing(source.data, path)) {
          const options = discriminatorValues(schemaAt(schema, path.slice(0, -1), source.data), issue.discriminator);
          return [missingKey(path, here, options.length > 0 ? ` (one of ${options.join(', ')})` : '')];
        }
        const options = discriminatorValues(schemaAt(schema, path.slice(0, -1), source.data), issue.discriminator);
        return [here(oneOf(label, options, value))];
      }
      const plausible = issue.errors.filter((branch) => !branch.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0));
      if (plausible.length === 1) return (plausible[0] as Issue[]).flatMap((inner) => describeIssue(source, schema, inner, path));
      const expected = issue.errors
        .flatMap((branch) => branch.filter((inner) => inner.code === 'invalid_type' && inner.path.length === 0))
        .map((inner) => expectedWords((inner as z.core.$ZodIssueInvalidType).expected));
      return [here(`${label} must be ${[...new Set(expected)].join(' or ') || 'in another form'}, not ${describeValue(value)}`)];
    }
    case 'too_small':
      return [here(sizeMessage(label, issue.origin, Number(issue.minimum), issue.inclusive !== false, 'small'))];
    case 'too_big':
      return [here(sizeMessage(label, issue.origin, Number(issue.maximum), issue.inclusive !== false, 'big'))];
    case 'invalid_format':
    case 'custom':
      return [here(`${label} ${issue.message}`)];
    default:
      return [here(`${label}: ${issue.message}`)];
  }
}

function missingKey(path: YamlPath, here: (message: string, at?: YamlPath) => PolicyProblem, suffix = ''): PolicyProblem {
  const parent = path.slice(0, -1);
  return here(`${labelOf(parent)} is missing the required key "${String(path[path.length - 1])}"${suffix}`, parent);
}

function oneOf(label: string, values: string[], value: unknown): string {
  const found = describeValue(value);
  if (values.length === 1) return `${label} must be "${values[0]}", not ${found}`;
  const hint = typeof value === 'string' ? closestMatch(value, values) : undefined;
  return `${label} must be one of ${values.join(', ')}, not ${found}${hint ? `; did you mean "${hint}"?` : ''}`;
}

function sizeMessage(label: string, origin: string, limit: number, inclusive: boolean, side: 'small' | 'big'): string {
  if (origin === 'string' && side === 'small' && limit <= 1) return `${label} must not be empty`;
  if (origin === 'array' || origin === 'set') {
    const count = `${limit} item${limit === 1 ? '' : 's'}`;
    return side === 'small' ? `${label} must list at least ${count}` : `${label} must list at most ${count}`;
  }
  if (origin === 'string') return `${label} must be at ${side === 'small' ? 'least' : 'most'} ${limit} characters long`;
  if (side === 'small') return `${label} must be ${inclusive ? 'at least' : 'more than'} ${limit}`;
  return `${label} must be ${inclusive ? 'at most' : 'less than'} ${limit}`;
}

export function labelOf(path: YamlPath): string {
  if (path.length === 0) return 'the document';
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

function expectedWords(expected: string): string {
  const words: Record<string, string> = {
    string: 'a text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping',
    record: 'a mapping',
  };
  return words[expected] ?? expected;
}

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'empty';
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function isMissing(data: unknown, path: YamlPath): boolean {
  if (path.length === 0) return false;
  const parent = valueAt(data, path.slice(0, -1));
  return parent !== null && typeof parent === 'object' && !Array.isArray(parent) && !Object.hasOwn(parent, path[path.length - 1] as string);
}

/** The schema that validates the value at `path`, following the data through unions. */
function schemaAt(root: Schema, path: YamlPath, data: unknown): Schema | undefined {
  let schema: Schema | undefined = root;
  let value = data;
  for (const segment of path) {
    schema = schema && step(unwrap(schema), segment, value);
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[segment] : undefined;
  }
  return schema && unwrap(schema, value);
}

function unwrap(schema: Schema, value?: unknown): Schema {
  let current = schema;
  for (;;) {
    const def = current._zod.def as z.core.$ZodTypeDef & { innerType?: Schema; in?: Schema; options?: Schema[]; discriminator?: string };
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else if (def.type === 'union' && def.options) {
      const chosen = chooseOption(def.options, def.discriminator, value);
      if (!chosen) return current;
      current = chosen;
    } else return current;
  }
}

function chooseOption(options: Schema[], discriminator: string | undefined, value: unknown): Schema | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const objects = options.filter((option) => unwrap(option)._zod.def.type === 'object');
  if (discriminator) {
    const wanted = (value as Record<string, unknown>)[discriminator];
    return objects.find((option) => discriminatorValues(option, discriminator).includes(String(wanted)));
  }
  return objects.length === 1 ? objects[0] : undefined;
}

function step(schema: Schema, segment: string | number, value: unknown): Schema | undefined {
  const def = schema._zod.def as z.core.$ZodTypeDef & { shape?: Record<string, Schema>; element?: Schema; valueType?: Schema };
  const resolved = unwrap(schema, value);
  const resolvedDef = resolved._zod.def as typeof def;
  if (resolvedDef.type === 'object' && resolvedDef.shape) return resolvedDef.shape[String(segment)];
  if (resolvedDef.type === 'array') return resolvedDef.element;
  if (resolvedDef.type === 'record') return resolvedDef.valueType;
  return def.type === 'object' && def.shape ? def.shape[String(segment)] : undefined;
}

function objectKeys(schema: Schema | undefined): string[] {
  const def = schema?._zod.def as { type?: string; shape?: Record<string, Schema> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function discriminatorValues(schema: Schema | undefined, discriminator: string): string[] {
  if (!schema) return [];
  const def = unwrap(schema)._zod.def as { type: string; options?: Schema[]; shape?: Record<string, Schema> };
  if (def.type === 'union' && def.options) return def.options.flatMap((option) => discriminatorValues(option, discriminator));
  const field = def.shape?.[discriminator];
  const fieldDef = field?._zod.def as { values?: unknown[] } | undefined;
  return (fieldDef?.values ?? []).map(String);
}
