/**
 * Strict standard base64 (RFC 4648 section 4, padded): Node's decoder silently skips characters it does not know,
 * which would let two different texts carry the same bytes. Returns null for anything that is not the one canonical
 * encoding of its bytes.
 */
export function decodeBase64Strict(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** Lowercase hex of exactly `byteLength` bytes, or null. */
export function decodeHexStrict(text: string, byteLength: number): Buffer | null {
  if (text.length !== byteLength * 2 || !/^[0-9a-f]*$/.test(text)) return null;
  return Buffer.from(text, 'hex');
}

// A UTF-16 surrogate with no partner cannot be encoded as UTF-8.
const ANY_SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the string has an UTF-8 encoding, i.e. no unpaired surrogate. */
export function isWellFormedUnicode(text: string): boolean {
  // The plain character class is cheap; the look-around pattern runs only on the rare text holding a surrogate.
  return !ANY_SURROGATE.test(text) || !LONE_SURROGATE.test(text);
}

/** True when the text holds an ASCII control character (below U+0020), other than newline if `allowNewline`. */
export function hasControlCharacter(text: string, allowNewline: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && !(allowNewline && code === 0x0a)) return true;
  }
  return false;
}
