import type { RepositoryIdentity } from './facts.js';
import { pathMatcher } from './glob.js';
import type { PolicySet } from './policy-set.schema.js';

/**
 * Whether a policy set applies to a repository: its name matches one of
 * `scope.repositories` (when given) and it carries one of `scope.tags` (when
 * given). `scope.ecosystems` narrows which components are checked instead.
 */
export function policyAppliesTo(policy: PolicySet, repository: RepositoryIdentity): boolean {
  const scope = policy.scope;
  if (scope?.repositories && !pathMatcher(scope.repositories)(repository.name)) return false;
  if (scope?.tags && !scope.tags.some((tag) => repository.tags?.includes(tag))) return false;
  return true;
}
