import { describe, expect, it } from '@jest/globals';
import { canonicalDigest, fingerprint } from './digest.js';

describe('digests', () => {
  it('hashes the RFC 8785 canonical form, so key order does not matter', () => {
    expect(canonicalDigest({ b: [1, 'x'], a: 1e21 })).toBe(canonicalDigest({ a: 1e21, b: [1, 'x'] }));
    // sha256 of the canonical text {"a":1e+21,"b":[1,"x"]}
    expect(canonicalDigest({ b: [1, 'x'], a: 1e21 })).toBe('sha256:146360a27b6d43dffcb797d43a6bc6bb9ec397b7319de1f8c23675f919d5af5a');
  });

  it('gives 16-hex-digit fingerprints that are stable and differ for different subjects', () => {
    // Pinned: baselines store fingerprints, so the function must never change.
    expect(fingerprint('licence-copyleft\u0000pkg:npm/a@1.0.0')).toBe('f8f114da21b0c885');
    expect(fingerprint('licence-copyleft\u0000pkg:npm/a@1.0.0')).toBe(fingerprint('licence-copyleft\u0000pkg:npm/a@1.0.0'));
    const many = new Set(Array.from({ length: 100_000 }, (_, i) => fingerprint(`rule\u0000pkg:npm/pkg-${i}@1.0.0`)));
    expect(many.size).toBe(100_000);
  });
});
