import type { PolicySetEntity } from './entities/policy-set.entity.js';

/** A published set as `policy list --json` prints it and `GET /api/v1/policy-sets` returns it. */
export interface PolicySetView {
  name: string;
  version: string;
  digest: string;
  waiversDigest: string;
  publishedAt: string;
  publishedBy: string;
  message: string;
  /** Scopes it is in force for (`*`, or repository-name patterns). */
  activeScopes: string[];
}

export function toPolicySetView(set: PolicySetEntity, activeScopes: string[]): PolicySetView {
  return {
    name: set.name,
    version: set.version,
    digest: set.digest,
    waiversDigest: set.waiversDigest,
    publishedAt: set.publishedAt.toISOString(),
    publishedBy: set.publishedBy,
    message: set.message,
    activeScopes,
  };
}
