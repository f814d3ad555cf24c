/**
 * Decides whether a component's licences are acceptable under one licence
 * condition. Whole SPDX expressions are evaluated (spdx-expression-parse): with
 * OR one alternative must be acceptable, with AND every part must. Each
 * licence is judged in this order:
 *   1. listed in `deny.ids`            -> refused
 *   2. listed in `allow.ids`           -> accepted
 *   3. its category in `deny`          -> refused
 *   4. category unknown                -> as `unknown` says
 *   5. `allow` given                   -> accepted only if its category is listed
 *   6. otherwise                       -> accepted
 * Id lists are matched with spdx-satisfies, so "GPL-2.0-or-later" covers
 * "GPL-3.0-only" and "GPL-2.0+".
 */
import parseSpdx from 'spdx-expression-parse';
import spdxSatisfies from 'spdx-satisfies';
import type { LicenceCondition } from './condition.schema.js';
import type { LicenseFact } from './facts.js';
import { categoryOfLicence, categoryOfNamedLicence, type LicenceCategory } from './licence-categories.js';

type Tree = ReturnType<typeof parseSpdx>;

export interface LicenceJudge {
  /** Why the licences are refused, or `undefined` when they are acceptable. */
  refusal(facts: readonly LicenseFact[]): string | undefined;
}

export function licenceJudge(condition: LicenceCondition): LicenceJudge {
  const denyIds = condition.deny?.ids ?? [];
  const allowIds = condition.allow?.ids ?? [];
  const denyCategories = new Set<string>(condition.deny?.categories ?? []);
  const allowCategories = condition.allow ? new Set<string>(condition.allow.categories ?? []) : undefined;
  const expressionCache = new Map<string, string | null>();
  const nameCache = new Map<string, string | null>();

  const judgeLicence = (text: string, category: LicenceCategory, spdx: boolean): string | undefined => {
    if (spdx && matchesAny(text, denyIds)) return `${text} is on the deny list`;
    if (spdx && matchesAny(text, allowIds)) return undefined;
    if (denyCategories.has(category)) return `${text} is ${category}, a denied category`;
    if (category === 'unknown') {
      return condition.unknown === 'deny' ? `${text} is not in the licence category table and unknown licences are not accepted` : undefined;
    }
    if (allowCategories && !allowCategories.has(category)) return `${text} is ${category}, which is not on the allow list`;
    return undefined;
  };

  const judgeTree = (tree: Tree): string[] => {
    if ('conjunction' in tree) {
      const left = judgeTree(tree.left);
      const right = judgeTree(tree.right);
      if (tree.conjunction === 'or') return left.length === 0 || right.length === 0 ? [] : [...left, ...right];
      return [...left, ...right];
    }
    const text = `${tree.license}${tree.plus ? '+' : ''}${tree.exception ? ` WITH ${tree.exception}` : ''}`;
    const refusal = judgeLicence(text, categoryOfLicence(tree.license, tree.exception), true);
    return refusal ? [refusal] : [];
  };

  const judgeFact = (fact: LicenseFact): string | undefined => {
    const cache = fact.kind === 'expression' ? expressionCache : nameCache;
    const key = fact.kind === 'expression' ? fact.expression : fact.name;
    const cached = cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    let refusal: string | undefined;
    let tree: Tree | undefined;
    if (fact.kind === 'expression') {
      try {
        tree = parseSpdx(fact.expression);
      } catch {
        tree = undefined;
      }
    }
    if (tree) {
      const reasons = judgeTree(tree);
      const compound = 'conjunction' in tree;
      if (reasons.length > 0) refusal = compound ? `licence ${(fact as { expression: string }).expression} is not acceptable: ${reasons.join('; ')}` : `licence ${reasons[0]}`;
    } else {
      const name = fact.kind === 'expression' ? fact.expression : fact.name;
      const reason = judgeLicence(`"${name}"`, categoryOfNamedLicence(name), false);
      if (reason) refusal = `licence ${reason}`;
    }
    cache.set(key, refusal ?? null);
    return refusal;
  };

  return {
    refusal(facts) {
      if (facts.length === 0) {
        return condition.unknown === 'deny' ? 'no licence is declared and unknown licences are not accepted' : undefined;
      }
      if (facts.length === 1) return judgeFact(facts[0] as LicenseFact);
      const refusals = [...new Set(facts.map(judgeFact).filter((r): r is string => r !== undefined))];
      return refusals.length > 0 ? refusals.join('; ') : undefined;
    },
  };
}

/** spdx-satisfies throws on ids it cannot read (LicenseRef- in some positions); those simply do not match. */
function matchesAny(licence: string, ids: readonly string[]): boolean {
  if (ids.length === 0) return false;
  try {
    return spdxSatisfies(licence, [...ids]);
  } catch {
    return ids.includes(licence);
  }
}
