/**
 * Which published policy set is in force for a repository. A set is activated
 * for a scope: every repository (`*`) or the repository names a pattern in
 * .gitignore syntax matches (`payments-*`). Several scopes may match one
 * repository; the most specific wins, so a team can refine the organisation's
 * default without touching it.
 */
import { pathMatcher } from './glob.js';
import { compareText } from './problems.js';

/** The scope that covers every repository. */
export const ALL_REPOSITORIES = '*';

export interface PolicySetReference {
  name: string;
  version: string;
}

/** What choosing among activations needs of one. */
export interface Activation {
  /** `*` or a repository-name pattern. */
  scope: string;
  /** When it was activated: of two equally specific scopes, the later activation wins. */
  activatedAt: Date;
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,79}$/;

/** `default@1.2.0` -> `{ name: 'default', version: '1.2.0' }`, or undefined when the text is not such a reference. */
export function parsePolicySetReference(text: string): PolicySetReference | undefined {
  const at = text.indexOf('@');
  if (at <= 0 || at === text.length - 1) return undefined;
  const name = text.slice(0, at);
  const version = text.slice(at + 1);
  if (!NAME.test(name) || /\s/.test(version) || version.includes('@')) return undefined;
  return { name, version };
}

export function formatPolicySetReference(reference: PolicySetReference): string {
  return `${reference.name}@${reference.version}`;
}

/** Why a scope pattern cannot be used, or undefined when it can. */
export function scopeProblem(scope: string): string | undefined {
  if (scope.trim() === '' || scope !== scope.trim()) return 'a scope is `*` (every repository) or a repository-name pattern such as `payments-*`';
  if (scope.includes('/')) return `"${scope}" contains "/": repository names have none (they are the scanned directory's name)`;
  if (scope.startsWith('!')) return `"${scope}" is a negation; activate a set for the repositories it should cover instead`;
  return undefined;
}

/**
 * Specificity of a scope: `*` is the least specific; otherwise the more
 * literal characters a pattern has, the more specific it is (`payments-api`
 * beats `payments-*`, which beats `*-api`... by length of what it pins down).
 */
export function scopeSpecificity(scope: string): number {
  if (scope === ALL_REPOSITORIES) return -1;
  return scope.replace(/[*?[\]]/g, '').length;
}

/**
 * The activation in force for a repository: among the scopes matching its
 * name (only `*` when no name is given), the most specific; then the latest
 * activated. Undefined when none matches.
 */
export function selectActivation<T extends Activation>(activations: readonly T[], repositoryName?: string): T | undefined {
  const matching = activations.filter((activation) =>
    activation.scope === ALL_REPOSITORIES ? true : repositoryName !== undefined && pathMatcher([activation.scope])(repositoryName),
  );
  return matching.sort(
    (a, b) =>
      scopeSpecificity(b.scope) - scopeSpecificity(a.scope) ||
      b.activatedAt.getTime() - a.activatedAt.getTime() ||
      compareText(a.scope, b.scope),
  )[0];
}
