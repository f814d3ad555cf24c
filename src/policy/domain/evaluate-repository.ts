import type { RepositoryCondition } from './condition.schema.js';
import { forEachLine, MAX_SCANNED_FILE_BYTES, applicablePatterns, excerptAround, scanLine, type ContentMatch } from './content-scan.js';
import type { EvaluationContext, RuleOutput } from './evaluation-context.js';
import { pathMatcher, rootAnchoredMatcher, type PathMatcher } from './glob.js';
import { importReader, languageOfPath, moduleMatches, type ImportLanguage } from './import-patterns.js';
import { SECRET_PATTERNS, type ContentPattern } from './secret-patterns.js';

type ForbiddenImport = NonNullable<RepositoryCondition['forbiddenImports']>[number];

/**
 * Repository checks: required files, file size, forbidden content (shipped
 * secret patterns and custom ones) and forbidden imports. Files are read one
 * at a time, and only when a content or import check applies to them.
 */
export function evaluateRepository(condition: RepositoryCondition, context: EvaluationContext): RuleOutput {
  const violations: RuleOutput['violations'] = [];
  const notes: string[] = [];

  for (const entry of condition.requiredFiles ?? []) {
    const alternatives = typeof entry === 'string' ? [entry] : entry.anyOf;
    const matcher = rootAnchoredMatcher(alternatives);
    if (context.fileList.some(matcher)) continue;
    violations.push({
      key: `required|${alternatives.join('|')}`,
      reason: `required file ${alternatives.join(' or ')} is missing`,
      evidence: { kind: 'file', file: alternatives[0] as string },
    });
  }

  const excluded = pathMatcher(condition.exclude ?? []);
  const content = condition.forbiddenContent ? compileContent(condition.forbiddenContent) : undefined;
  const importsByLanguage = groupImports(condition.forbiddenImports ?? []);
  let unread = 0;

  for (const path of context.fileList) {
    if (excluded(path)) continue;
    const size = context.files.size(path);
    if (condition.maxFileSizeBytes !== undefined && size > condition.maxFileSizeBytes) {
      violations.push({ key: `size|${path}`, reason: `${path} is ${size} bytes; the limit is ${condition.maxFileSizeBytes} bytes`, evidence: { kind: 'file', file: path } });
    }
    const scansContent = content !== undefined && content.selects(path);
    const language = languageOfPath(path);
    const importRules = language ? importsByLanguage.get(language) : undefined;
    if (!scansContent && !importRules) continue;
    const text = size > MAX_SCANNED_FILE_BYTES ? undefined : context.files.read(path);
    if (text === undefined || text.includes('\u0000')) {
      unread++;
      continue;
    }
    if (scansContent) {
      for (const match of scanText(text, content.patterns)) {
        violations.push({
          key: `content|${path}|${match.line}|${match.column}|${match.pattern.id}`,
          reason: match.pattern.description,
          evidence: { kind: 'file', file: path, line: match.line, column: match.column, excerpt: match.excerpt },
        });
      }
    }
    if (importRules && language) violations.push(...scanImports(path, text, language, importRules));
  }
  if (unread > 0) notes.push(`${unread} file(s) were not read for content: binary, unreadable or larger than ${MAX_SCANNED_FILE_BYTES} bytes`);
  return { violations, notes };
}

function compileContent(content: NonNullable<RepositoryCondition['forbiddenContent']>): { patterns: ContentPattern[]; selects: PathMatcher } {
  const secrets = content.secrets === true ? [...SECRET_PATTERNS] : content.secrets === false ? [] : SECRET_PATTERNS.filter((p) => (content.secrets as string[]).includes(p.id));
  const secretPatterns = secrets.map((p) => ({ ...p, description: `possible secret: ${p.description} (${p.id})` }));
  const custom = (content.patterns ?? []).map(
    (p): ContentPattern => ({
      id: p.id,
      description: `forbidden content "${p.id}"${p.description ? `: ${p.description}` : ''}`,
      regex: new RegExp(p.regex, `u${p.ignoreCase ? 'i' : ''}dg`),
      keywords: [],
      mask: p.mask,
    }),
  );
  const include = content.files ? pathMatcher(content.files) : () => true;
  const exclude = pathMatcher(content.exclude ?? []);
  return { patterns: [...secretPatterns, ...custom], selects: (path) => include(path) && !exclude(path) };
}

function scanText(text: string, patterns: readonly ContentPattern[]): ContentMatch[] {
  const active = applicablePatterns(text, patterns);
  if (active.length === 0) return [];
  const found: ContentMatch[] = [];
  forEachLine(text, (line, lineNumber) => scanLine(line, lineNumber, active, found));
  return found;
}

function groupImports(rules: readonly ForbiddenImport[]): Map<ImportLanguage, ForbiddenImport[]> {
  const grouped = new Map<ImportLanguage, ForbiddenImport[]>();
  for (const rule of rules) {
    const list = grouped.get(rule.language) ?? [];
    list.push(rule);
    grouped.set(rule.language, list);
  }
  // TypeScript files import JavaScript modules too, and the other way round.
  const js = grouped.get('javascript') ?? [];
  const ts = grouped.get('typescript') ?? [];
  if (js.length + ts.length > 0) {
    grouped.set('javascript', [...js, ...ts]);
    grouped.set('typescript', [...ts, ...js]);
  }
  return grouped;
}

function scanImports(path: string, text: string, language: ImportLanguage, rules: readonly ForbiddenImport[]): RuleOutput['violations'] {
  const violations: RuleOutput['violations'] = [];
  const read = importReader(language);
  forEachLine(text, (line, lineNumber) => {
    for (const imported of read(line)) {
      const rule = rules.find((r) => r.modules.some((module) => moduleMatches(module, imported.module)));
      if (!rule) continue;
      const column = imported.index + 1;
      violations.push({
        key: `import|${path}|${lineNumber}|${column}`,
        reason: `imports ${imported.module}, which this rule forbids in ${rule.language}${rule.reason ? `: ${rule.reason}` : ''}`,
        evidence: { kind: 'file', file: path, line: lineNumber, column, excerpt: excerptAround(line, imported.index) },
      });
    }
  });
  return violations;
}
