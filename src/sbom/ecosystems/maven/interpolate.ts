/** Longest value an expression may expand to: real ones are a version or a group id. */
export const MAX_EXPANDED_LENGTH = 10_000;

const EXPRESSION = /\$\{([^${}]+)\}/g;

export interface Interpolated {
  /** The text with every expression that could be resolved replaced; unresolved ones stay as written. */
  value: string;
  /** True when no `${...}` is left. */
  complete: boolean;
}

/**
 * Maven's `${name}` substitution over one effective model. Values may refer
 * to other values (nested); a cycle, or an expansion past
 * MAX_EXPANDED_LENGTH (a "billion laughs" built from properties), leaves the
 * expression unresolved and is reported once through `onProblem`. Each name
 * is resolved once and remembered.
 */
export class Interpolator {
  private readonly resolved = new Map<string, string | undefined>();

  constructor(
    /** The raw (uninterpolated) value of a name, or undefined when the model has none. */
    private readonly lookup: (name: string) => string | undefined,
    private readonly onProblem: (message: string) => void,
  ) {}

  interpolate(text: string): Interpolated {
    return this.expand(text, []);
  }

  private expand(text: string, stack: string[]): Interpolated {
    if (!text.includes('${')) return { value: text, complete: true };
    let complete = true;
    const value = text.replace(EXPRESSION, (expression, name: string) => {
      const resolved = this.resolve(name.trim(), stack);
      if (resolved === undefined) {
        complete = false;
        return expression;
      }
      return resolved;
    });
    if (value.length > MAX_EXPANDED_LENGTH) {
      this.onProblem(`\${${stack[stack.length - 1] ?? text.slice(0, 40)}} expands beyond ${MAX_EXPANDED_LENGTH} characters; left unresolved`);
      return { value: text, complete: false };
    }
    // A `${` with no closing brace, or an expression we left in place, means the text is not final.
    return { value, complete: complete && !value.includes('${') };
  }

  private resolve(name: string, stack: string[]): string | undefined {
    if (this.resolved.has(name)) return this.resolved.get(name);
    if (stack.includes(name)) {
      this.onProblem(`property cycle: ${[...stack.slice(stack.indexOf(name)), name].map((n) => `\${${n}}`).join(' -> ')}`);
      return undefined;
    }
    const raw = this.lookup(name);
    let result: string | undefined;
    if (raw !== undefined) {
      const expanded = this.expand(raw, [...stack, name]);
      result = expanded.complete ? expanded.value : undefined;
    }
    this.resolved.set(name, result);
    return result;
  }
}
