/**
 * Finds the modules a source line imports, per language. Line-based on
 * purpose: a full parser per language would be heavy for a policy check,
 * and forbidden-import rules only need the module names. Multi-line Go import
 * blocks are followed with a little state.
 */
export const IMPORT_LANGUAGES = ['javascript', 'typescript', 'python', 'java', 'kotlin', 'go', 'ruby', 'csharp', 'rust', 'php'] as const;
export type ImportLanguage = (typeof IMPORT_LANGUAGES)[number];

const EXTENSIONS: Record<ImportLanguage, readonly string[]> = {
  javascript: ['.js', '.mjs', '.cjs', '.jsx'],
  typescript: ['.ts', '.mts', '.cts', '.tsx'],
  python: ['.py'],
  java: ['.java'],
  kotlin: ['.kt', '.kts'],
  go: ['.go'],
  ruby: ['.rb'],
  csharp: ['.cs'],
  rust: ['.rs'],
  php: ['.php'],
};

export function languageOfPath(path: string): ImportLanguage | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return undefined;
  const extension = path.slice(dot).toLowerCase();
  return IMPORT_LANGUAGES.find((language) => EXTENSIONS[language].includes(extension));
}

export interface ImportedModule {
  module: string;
  /** 0-based index of the module name in the line. */
  index: number;
}

const JS_PATTERNS = [/\bfrom\s*["']([^"']+)["']/dg, /^\s*import\s*["']([^"']+)["']/dg, /\b(?:require|import)\s*\(\s*["']([^"']+)["']\s*\)/dg];
const PATTERNS: Record<ImportLanguage, readonly RegExp[]> = {
  javascript: JS_PATTERNS,
  typescript: JS_PATTERNS,
  python: [],
  java: [/^\s*import\s+(?:static\s+)?([\w.]+(?:\.\*)?)\s*;/dg],
  kotlin: [/^\s*import\s+([\w.]+(?:\.\*)?)/dg],
  go: [/^\s*import\s+(?:[\w.]+\s+)?"([^"]+)"/dg],
  ruby: [/^\s*(?:require|require_relative|load)\s*\(?\s*["']([^"']+)["']/dg],
  csharp: [/^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?([\w.]+)\s*;/dg],
  rust: [/^\s*(?:pub(?:\([^)]*\))?\s+)?use\s+(?:::)?([\w:]+)/dg, /^\s*extern\s+crate\s+(\w+)/dg],
  php: [/^\s*use\s+(?:function\s+|const\s+)?\\?([\w\\]+)/dg],
};

const COMMENT_PREFIXES: Record<ImportLanguage, readonly string[]> = {
  javascript: ['//', '/*', '*'],
  typescript: ['//', '/*', '*'],
  python: ['#'],
  java: ['//', '/*', '*'],
  kotlin: ['//', '/*', '*'],
  go: ['//', '/*', '*'],
  ruby: ['#'],
  csharp: ['//', '/*', '*'],
  rust: ['//', '/*', '*'],
  php: ['//', '/*', '*', '#'],
};

/** Reads the imports of a file line by line; create one per file (Go keeps block state). */
export function importReader(language: ImportLanguage): (line: string) => ImportedModule[] {
  let inGoBlock = false;
  return (line) => {
    const trimmed = line.trimStart();
    if (COMMENT_PREFIXES[language].some((prefix) => trimmed.startsWith(prefix))) return [];
    if (language === 'go') {
      if (inGoBlock) {
        if (trimmed.startsWith(')')) inGoBlock = false;
        return collect(line, [/^\s*(?:[\w.]+\s+)?"([^"]+)"/dg]);
      }
      if (/^import\s*\(/.test(trimmed)) {
        inGoBlock = !trimmed.includes(')');
        return [];
      }
    }
    if (language === 'python') return pythonImports(line);
    return collect(line, PATTERNS[language]);
  };
}

/** `from a.b import c` names `a.b`; `import a, b as c` names `a` and `b`. */
function pythonImports(line: string): ImportedModule[] {
  const from = /^(\s*from\s+)([\w.]+)\s+import\b/.exec(line);
  if (from) return [{ module: from[2] as string, index: (from[1] as string).length }];
  const plain = /^(\s*import\s+)(.+)$/.exec(line);
  if (!plain) return [];
  const found: ImportedModule[] = [];
  let offset = (plain[1] as string).length;
  for (const part of (plain[2] as string).split(',')) {
    const name = /^(\s*)([\w.]+)/.exec(part);
    if (name) found.push({ module: name[2] as string, index: offset + (name[1] as string).length });
    offset += part.length + 1;
  }
  return found;
}

function collect(line: string, patterns: readonly RegExp[]): ImportedModule[] {
  const found: ImportedModule[] = [];
  for (const regex of patterns) {
    regex.lastIndex = 0;
    for (let match = regex.exec(line); match; match = regex.exec(line)) {
      const indices = match.indices?.[1];
      if (match[1] !== undefined && indices) found.push({ module: match[1], index: indices[0] });
      if (match[0] === '') regex.lastIndex++;
    }
  }
  return found;
}

/**
 * Whether an imported module is one a policy names: the same module, a
 * sub-module of it (`/`, `.`, `::` or `\` after the name) or, for a name
 * ending in `*`, anything starting with the rest. Node's `node:` prefix is
 * ignored on both sides.
 */
export function moduleMatches(forbidden: string, imported: string): boolean {
  const want = forbidden.replace(/^node:/, '');
  const got = imported.replace(/^node:/, '');
  if (want.endsWith('*')) return got.startsWith(want.slice(0, -1));
  if (got === want) return true;
  if (!got.startsWith(want)) return false;
  const next = got.slice(want.length);
  return next.startsWith('/') || next.startsWith('.') || next.startsWith('::') || next.startsWith('\\');
}
