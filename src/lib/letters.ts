/**
 * Whether a character is a letter or a digit in Unicode's sense (`[\p{L}\p{N}]`), the test that
 * word counts and search words are made of.
 *
 * A regular expression with Unicode properties looks the character up in Unicode's tables each
 * time, which made it most of the cost of reading a text word by word. Each UTF-16 code unit is
 * tested once here and the answer remembered in a table of 64 KB.
 */

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Per UTF-16 code unit: 0 not yet tested, 1 a letter or digit, 2 anything else. */
const unitKinds = new Uint8Array(0x10000);

/**
 * Whether a UTF-16 code unit is, on its own, a letter or a digit. Surrogates are not: a character
 * beyond the Basic Multilingual Plane needs both halves (see `isLetterOrDigitAt`).
 */
export function isLetterOrDigitUnit(code: number): boolean {
  let kind = unitKinds[code]!;
  if (kind === 0) unitKinds[code] = kind = LETTER_OR_DIGIT.test(String.fromCharCode(code)) ? 1 : 2;
  return kind === 1;
}

/** Whether the character starting at `index` of `text` is a letter or a digit, astral ones included. */
export function isLetterOrDigitAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (!isSurrogate(code)) return isLetterOrDigitUnit(code);
  return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(index)!));
}

/** False for NaN, which charCodeAt gives past a text's end. */
export function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}
