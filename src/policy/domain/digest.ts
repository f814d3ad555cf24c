import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';

/** `sha256:<hex>` of the value's RFC 8785 canonical JSON: the same policy gives the same digest wherever it is evaluated. */
export function canonicalDigest(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalize(value)).digest('hex')}`;
}

/**
 * A 64-bit fingerprint (16 hex digits) of a violation's identity, stable
 * across runs and machines. Fingerprints identify, they protect nothing, and
 * an evaluation can produce hundreds of thousands of them: a SHA-256 object
 * per violation (Node 20 has no one-shot hash) cost more than the rest of
 * the evaluation, so this is the two-lane multiplicative hash known as cyrb53,
 * with both 32-bit lanes kept.
 */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
