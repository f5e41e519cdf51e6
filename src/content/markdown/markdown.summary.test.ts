import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.pipeline.ts';
import { countWords, cutAtWord } from './markdown.summary.ts';

const render = (markdown: string) => renderMarkdown(markdown, { locale: 'fr' });

describe('text, excerpt and reading time', () => {
  it('gives the plain text of the body with whitespace normalised and page furniture left out', () => {
    const { text } = render(
      '## Bilan\n\nLe *commerce* en ligne\nprogresse : 45 000 €.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n' +
        '::video{url="https://youtu.be/dQw4w9WgXcQ" title="Démo"}\n\nUne note[^1].\n\n[^1]: Source.',
    );
    expect(text).toBe('Bilan · Le commerce en ligne progresse : 45 000 €. a · b · 1 · 2 · Démo · Une note. Source.');
  });

  it('sets apart the blocks that end without closing punctuation, and only those', () => {
    const { text, wordCount } = render('## Le marché\n\nIl progresse.\n\n- un point\n- un autre\n\nLe chiffre :\n\n> « Cité »\n\nFin');
    expect(text).toBe('Le marché · Il progresse. un point · un autre · Le chiffre : « Cité » Fin');
    expect(wordCount).toBe(12);
    // A line break inside a paragraph is a space, as the reader sees it, a hard one too.
    expect(render('Une ligne\npuis la suivante').text).toBe('Une ligne puis la suivante');
    expect(render('12 rue du Commerce\\\nParis').text).toBe('12 rue du Commerce Paris');
  });

  it('takes the excerpt from the first paragraph with words, skipping headings, figures and lists', () => {
    const { excerpt } = render(
      '## Intro\n\n![Photo](/a.webp)\n\n- point\n\n> citation\n\nLe marché **progresse** encore.\n\nSecond paragraphe.',
    );
    expect(excerpt).toBe('Le marché progresse encore.');
  });

  it('keeps typographic spaces in the excerpt', () => {
    expect(render('Bilan : 45 000 € !').excerpt).toBe('Bilan\u00A0: 45\u202F000\u00A0€\u202F!');
  });

  it('cuts a long excerpt at a word boundary with an ellipsis, within 200 characters', () => {
    const sentence = 'Les ventes en ligne ont encore progressé cette année, portées par les marketplaces et le mobile. ';
    const { excerpt } = render(sentence.repeat(4));
    expect(excerpt.length).toBeLessThanOrEqual(200);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt).toBe(`${sentence}${sentence.trim()} Les…`);
  });

  it('counts words and rounds reading time up, with at least one minute', () => {
    expect(render('Un deux trois, quatre !').wordCount).toBe(4);
    expect(render('Un mot').readingMinutes).toBe(1);
    const long = render(Array.from({ length: 461 }, (_, i) => `mot${i}`).join(' '));
    expect(long.wordCount).toBe(461);
    expect(long.readingMinutes).toBe(3);
  });

  it('gives empty results for an empty body', () => {
    expect(render('')).toEqual({ html: '', text: '', excerpt: '', wordCount: 0, readingMinutes: 1, headings: [] });
  });
});

describe('cutAtWord', () => {
  it('leaves short text alone', () => {
    expect(cutAtWord('Court.', 200)).toBe('Court.');
  });

  it('keeps the last whole word when a space falls right at the limit', () => {
    expect(cutAtWord('abc def ghi', 8)).toBe('abc def…');
  });

  it('drops trailing punctuation before the ellipsis', () => {
    expect(cutAtWord('abc, def ghi', 6)).toBe('abc…');
  });

  it('cuts a single long word hard', () => {
    expect(cutAtWord('x'.repeat(300), 200)).toBe(`${'x'.repeat(199)}…`);
  });
});

describe('countWords', () => {
  it('counts the words holding a letter or a digit, in any script', () => {
    expect(countWords('Le e-commerce pèse 112 Md€ — soit +9,8 % !')).toBe(7);
    expect(countWords('Été à Zürich : 3,5 % « ok »')).toBe(5);
    expect(countWords('Ελλάδα 東京 𝐀 ١٢٣ 🎉 … —')).toBe(4);
    expect(countWords('')).toBe(0);
    expect(countWords('% — ! ?')).toBe(0);
  });

  it('counts a word once however many letters follow its first, up to the end of the text', () => {
    expect(countWords('(vraiment) 2024')).toBe(2);
    expect(countWords('«ok»')).toBe(1);
    expect(countWords('anticonstitutionnellement')).toBe(1);
  });
});
