import { describe, expect, it } from 'vitest';
import { isLetterOrDigitAt, isLetterOrDigitUnit, isSurrogate } from './letters.ts';

const UNICODE = /^[\p{L}\p{N}]$/u;

describe('isLetterOrDigitUnit', () => {
  it('agrees with Unicode’s letters and numbers on every code unit, asked twice', () => {
    const wrong: string[] = [];
    for (let round = 0; round < 2; round++) {
      for (let code = 0; code < 0x10000; code++) {
        const expected = UNICODE.test(String.fromCharCode(code));
        if (isLetterOrDigitUnit(code) !== expected) wrong.push(code.toString(16));
      }
    }
    expect(wrong).toEqual([]);
  });

  it('knows the characters a French text is made of', () => {
    for (const letter of 'aZ09éÀçœŒ') expect(isLetterOrDigitUnit(letter.charCodeAt(0)), letter).toBe(true);
    for (const other of ' -_@[`{%€«»’\u00a0\u202f—') expect(isLetterOrDigitUnit(other.charCodeAt(0)), other).toBe(false);
  });
});

describe('isLetterOrDigitAt', () => {
  it('reads a character beyond the Basic Multilingual Plane from both of its halves', () => {
    expect(isLetterOrDigitAt('𝐀', 0)).toBe(true); // MATHEMATICAL BOLD CAPITAL A, a letter
    expect(isLetterOrDigitAt('𝟏', 0)).toBe(true); // MATHEMATICAL BOLD DIGIT ONE
    expect(isLetterOrDigitAt('🎉', 0)).toBe(false);
    expect(isLetterOrDigitAt('\ud835', 0)).toBe(false); // a lone high surrogate
    expect(isLetterOrDigitAt('𝐀', 1)).toBe(false); // the second half alone
  });

  it('agrees with Unicode over random code points', () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const seen = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      const point = Math.floor(random() * 0x30000);
      seen.add(point);
      if (point >= 0xd800 && point <= 0xdfff) continue;
      const text = `x${String.fromCodePoint(point)}`;
      expect(isLetterOrDigitAt(text, 1), point.toString(16)).toBe(UNICODE.test(String.fromCodePoint(point)));
    }
    expect(seen.size).toBeGreaterThan(15_000);
  });

  it('says no past the end of the text', () => {
    expect(isLetterOrDigitAt('a', 1)).toBe(false);
    expect(isSurrogate(Number.NaN)).toBe(false);
  });
});
