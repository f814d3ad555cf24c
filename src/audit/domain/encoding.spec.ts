import { describe, expect, it } from '@jest/globals';
import { decodeBase64Strict, decodeHexStrict, hasControlCharacter, isWellFormedUnicode } from './encoding.js';

describe('decodeBase64Strict', () => {
  it('accepts only the canonical padded encoding', () => {
    expect(decodeBase64Strict('AAE=')).toEqual(Buffer.from([0, 1]));
    expect(decodeBase64Strict('')).toEqual(Buffer.alloc(0));
    expect(decodeBase64Strict('AAF=')).toBeNull(); // non-zero bits in the padding
    expect(decodeBase64Strict('AAE')).toBeNull(); // missing padding
    expect(decodeBase64Strict('AA E=')).toBeNull(); // Node's decoder would skip the space
    expect(decodeBase64Strict('AA-_')).toBeNull(); // URL-safe alphabet
    expect(decodeBase64Strict('A===')).toBeNull();
  });
});

describe('decodeHexStrict', () => {
  it('wants lowercase hex of the exact length', () => {
    expect(decodeHexStrict('00ff', 2)).toEqual(Buffer.from([0, 255]));
    expect(decodeHexStrict('00FF', 2)).toBeNull();
    expect(decodeHexStrict('00f', 2)).toBeNull();
    expect(decodeHexStrict('00ff00', 2)).toBeNull();
  });
});

describe('hasControlCharacter and isWellFormedUnicode', () => {
  it('find control characters, newline allowed or not', () => {
    expect(hasControlCharacter('a\nb', true)).toBe(false);
    expect(hasControlCharacter('a\nb', false)).toBe(true);
    expect(hasControlCharacter('a\tb', true)).toBe(true);
    expect(hasControlCharacter('a\u007fb é', true)).toBe(false);
  });

  it('find unpaired surrogates only', () => {
    expect(isWellFormedUnicode('smile \u{1F600}')).toBe(true);
    expect(isWellFormedUnicode('\uD83D')).toBe(false);
    expect(isWellFormedUnicode('\uDE00\uD83D')).toBe(false);
  });
});
