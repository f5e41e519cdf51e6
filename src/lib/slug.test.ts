import { describe, expect, it } from 'vitest';
import { slugify, uniqueSlug } from './slug.ts';

describe('slugify', () => {
  it.each([
    ['Création d’emplois : Ecommerce ou Retail ?', 'creation-demplois-ecommerce-ou-retail'],
    ['Planet’Puzzles', 'planetpuzzles'],
    ["L'été de l'e-commerce", 'lete-de-le-commerce'],
    ['Chiffre d\u02BCaffaires', 'chiffre-daffaires'],
    ['Cœur de cible', 'coeur-de-cible'],
    ['Ex æquo', 'ex-aequo'],
    ['Straße', 'strasse'],
    ['Français, ça marche ! Ünïcödé', 'francais-ca-marche-unicode'],
    ['  --Déjà vu--  ', 'deja-vu'],
    ['SEO & SEA : 45 000 € en 2024', 'seo-sea-45-000-en-2024'],
    ['C++ / C#', 'c-c'],
    ['Ørsted à Łódź', 'orsted-a-lodz'],
  ])('%s → %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('returns an empty string when nothing is left, so callers pick their fallback', () => {
    expect(slugify('')).toBe('');
    expect(slugify('!!! ??? …')).toBe('');
    expect(slugify('🚀')).toBe('');
  });

  it('cuts long slugs at a hyphen so no word is left half-written', () => {
    const title =
      'Les marketplaces françaises accélèrent leur internationalisation malgré une conjoncture particulièrement difficile';
    const slug = slugify(title);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toBe('les-marketplaces-francaises-accelerent-leur-internationalisation-malgre-une');
    expect(slug.endsWith('-')).toBe(false);
  });

  it('keeps a cut exactly at the limit when the next character is a hyphen', () => {
    const word = 'a'.repeat(40);
    expect(slugify(`${word} ${'b'.repeat(39)} c`)).toBe(`${word}-${'b'.repeat(39)}`);
  });

  it('hard-cuts a single word longer than the limit', () => {
    expect(slugify('x'.repeat(100))).toBe('x'.repeat(80));
  });
});

describe('uniqueSlug', () => {
  it('returns the base when it is free', () => {
    expect(uniqueSlug('seo', () => false)).toBe('seo');
  });

  it('numbers from 2 onwards until a slug is free', () => {
    const taken = new Set(['seo', 'seo-2', 'seo-3']);
    expect(uniqueSlug('seo', (slug) => taken.has(slug))).toBe('seo-4');
  });
});
