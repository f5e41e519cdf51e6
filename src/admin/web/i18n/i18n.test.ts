import { describe, expect, it } from 'vitest';
import { makeI18n } from './i18n.tsx';

describe('counted messages', () => {
  it('take the singular for 0 and 1 in French, for 1 alone in English', () => {
    const fr = makeI18n('fr');
    const en = makeI18n('en');
    expect([0, 1, 2].map((n) => fr.counted('posts.count', n))).toEqual(['0 résultat', '1 résultat', '2 résultats']);
    expect([0, 1, 2].map((n) => en.counted('posts.count', n))).toEqual(['0 results', '1 result', '2 results']);
  });

  it('write the count as a number of the locale, millions included', () => {
    expect(makeI18n('fr').counted('redirects.count', 1_000_000)).toBe('1\u202f000\u202f000 redirections');
    expect(makeI18n('en').counted('redirects.count', 1234)).toBe('1,234 redirects');
  });
});
