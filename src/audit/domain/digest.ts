import { createHash } from 'node:crypto';
import { canonicalJsonBytes } from './canonical.js';

/**
 * `sha256:<hex>` of the RFC 8785 form of a JSON value: the digest format for an entry's inputsDigest and
 * outputsDigest when what was decided on is JSON (a policy set, evaluation results, an SBOM document).
 */
export function sha256Digest(value: unknown): string {
  return sha256DigestOfBytes(canonicalJsonBytes(value));
}

/** `sha256:<hex>` of raw bytes, for inputs that are files (a lockfile, a rendered report). */
export function sha256DigestOfBytes(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
