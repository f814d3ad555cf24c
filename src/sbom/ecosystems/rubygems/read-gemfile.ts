/**
 * The groups of the gems a Gemfile (or gems.rb) declares, read line by line.
 *
 * A Gemfile is Ruby code: it can loop, branch, read other files (`eval_gemfile`)
 * and compute names. Running it is out of the question for a scanner, so this
 * reads the plain declarations only: `gem "name", ..., group: :x` lines, and
 * `group :a, :b do ... end` blocks (nested blocks and `optional: true` groups
 * included). Other blocks (`source ... do`, `platforms ... do`, `if ... end`)
 * are tracked only so that their `end` closes the right one. A gem declared in
 * a way this does not recognise keeps the default group, which is what the
 * lockfile's DEPENDENCIES alone would say.
 */

export interface GemDeclaration {
  name: string;
  /** Groups in effect, `default` when none: the enclosing group blocks plus `group:`/`groups:` options. */
  groups: string[];
  line: number;
}

export interface Gemfile {
  /** Name -> every declaration of it (a gem may be declared once per platform or group). */
  declarations: Map<string, GemDeclaration[]>;
  /** Groups declared with `optional: true`, installed only on request. */
  optionalGroups: Set<string>;
  /** The Gemfile calls `gemspec`: the project is a gem whose development dependencies Bundler puts in `development`. */
  usesGemspec: boolean;
}

interface Frame {
  groups: string[];
}

const BLOCK_KEYWORD = /^(if|unless|case|while|until|begin|def|class|module|for)\b/;
const OPENS_BLOCK = /\bdo(\s*\|[^|]*\|)?$/;
const CLOSES_BLOCK = /^end\b/;
const GROUP_BLOCK = /^group[\s(]/;
const GEM_LINE = /^gem[\s(]+(["'])([^"']+)\1(.*)$/;
const SYMBOL_OR_STRING = /:([A-Za-z_][A-Za-z0-9_]*)|(["'])([^"']*)\2/g;

export function readGemfile(text: string): Gemfile {
  const gemfile: Gemfile = { declarations: new Map(), optionalGroups: new Set(), usesGemspec: false };
  const stack: Frame[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = stripComment(raw).trim();
    if (line === '') return;
    if (CLOSES_BLOCK.test(line)) {
      stack.pop();
      return;
    }
    if (GROUP_BLOCK.test(line) && OPENS_BLOCK.test(line)) {
      const args = line.replace(/^group\s*\(?/, '').replace(OPENS_BLOCK, '');
      const { positional, options } = splitArguments(args);
      const groups = positional.flatMap(namesIn);
      if (/\btrue\b/.test(options.get('optional') ?? '')) groups.forEach((group) => gemfile.optionalGroups.add(group));
      stack.push({ groups });
      return;
    }
    const gem = GEM_LINE.exec(line);
    if (gem) {
      const { options } = splitArguments(gem[3] ?? '');
      const own = [...namesIn(options.get('group') ?? ''), ...namesIn(options.get('groups') ?? '')];
      const groups = [...new Set([...stack.flatMap((frame) => frame.groups), ...own])];
      const declaration = { name: gem[2] as string, groups: groups.length > 0 ? groups : ['default'], line: index + 1 };
      const list = gemfile.declarations.get(declaration.name);
      if (list) list.push(declaration);
      else gemfile.declarations.set(declaration.name, [declaration]);
      if (OPENS_BLOCK.test(line)) stack.push({ groups: [] });
      return;
    }
    if (/^gemspec\b/.test(line)) gemfile.usesGemspec = true;
    if (OPENS_BLOCK.test(line) || BLOCK_KEYWORD.test(line)) stack.push({ groups: [] });
  });
  return gemfile;
}

/**
 * Positional arguments and `key: value` / `:key => value` options of a call,
 * split at top-level commas (brackets and quotes respected).
 */
function splitArguments(text: string): { positional: string[]; options: Map<string, string> } {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (const part of splitTopLevel(text.replace(/^\s*,/, '').replace(/\)\s*$/, ''))) {
    const option = /^(?::?([A-Za-z_][A-Za-z0-9_]*):|:([A-Za-z_][A-Za-z0-9_]*)\s*=>|["']([A-Za-z_]+)["']\s*=>)\s*(.*)$/s.exec(part);
    if (option) options.set((option[1] ?? option[2] ?? option[3]) as string, (option[4] as string).trim());
    else if (part !== '') positional.push(part);
  }
  return { positional, options };
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '[' || char === '(' || char === '{') depth++;
    else if (char === ']' || char === ')' || char === '}') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current.trim());
  return parts;
}

/** The symbols and strings in an argument: `:development`, `[:development, :test]`, `"test"`. */
function namesIn(argument: string): string[] {
  return [...argument.matchAll(SYMBOL_OR_STRING)].map((match) => (match[1] ?? match[3]) as string).filter((name) => name !== '');
}

/** The line without its `#` comment; a `#` inside quotes is kept. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#') return line.slice(0, i);
  }
  return line;
}
