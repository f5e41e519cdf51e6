import { describe, expect, it } from 'vitest';
import { acceptedLocale } from './i18n.ts';

describe('the language a request asks for', () => {
  it.each([
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE, en;q=0.5, fr;q=0.7', 'fr'],
    ['EN', 'en'],
    ['fr;q=0, en;q=0.1', 'en'],
    ['de-DE', undefined],
    ['*', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s is %s', (header, locale) => {
    expect(acceptedLocale(header)).toBe(locale);
  });
});
