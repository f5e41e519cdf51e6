import type { JSONContent } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../content/markdown/markdown.pipeline.ts';
import { articleSchema } from './extensions.ts';
import { docToMarkdown, markdownToDoc } from './markdown.ts';

/**
 * Web addresses typed in an article's text: what readers see once it is saved (the editor's
 * Markdown through the site's own pipeline) must be what the writer typed, each address linked
 * to itself only; and the article must open again as the writer left it.
 */

type Mark = NonNullable<JSONContent['marks']>[number];
const text = (value: string, ...marks: Mark[]): JSONContent => (marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });
const link = (href: string): Mark => ({ type: 'link', attrs: { href } });

function saved(document: JSONContent) {
  const markdown = docToMarkdown(document);
  const rendered = renderMarkdown(markdown, { locale: 'fr' });
  const links = [...rendered.html.matchAll(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map(([, href, label]) => ({ href, text: label }));
  // French typography puts no-break spaces before ":" and the like, and the text sets table cells
  // apart with a middle dot: neither is at stake here.
  return { markdown, links, text: rendered.text.replace(/[\s\u00a0\u202f·]/g, '') };
}

/** The document the editor opens from `markdown`, as ProseMirror holds it (defaults filled in). */
const reopened = (markdown: string) => Node.fromJSON(articleSchema, markdownToDoc(markdown));
const asTyped = (document: JSONContent) => Node.fromJSON(articleSchema, document);

const shown = (typed: string) => typed.replace(/\s/g, '');
const self = (url: string) => ({ href: url, text: url });

describe('web addresses typed in a paragraph', () => {
  it.each([
    ['an address followed by "_"', 'voir https://x.fr/a_ et _b', [self('https://x.fr/a')]],
    ['an address followed by a backtick', 'https://x.fr/a`b`', [self('https://x.fr/a')]],
    ['an address followed by "]"', '[Source : https://www.lemonde.fr/article]', [self('https://www.lemonde.fr/article')]],
    ['an address followed by "]" and "."', '[voir https://x.fr/a].', [self('https://x.fr/a')]],
    ['an address followed by ")"', '(voir https://x.fr/a)', [self('https://x.fr/a')]],
    ['an address with its own parentheses, in parentheses', '(https://fr.wikipedia.org/wiki/Paris_(France))', [self('https://fr.wikipedia.org/wiki/Paris_(France)')]],
    ['an address followed by "*"', 'https://x.fr/a* et 2 * 3', [self('https://x.fr/a')]],
    ['an address holding "*"', 'https://x.fr/a*b*c fin', [self('https://x.fr/a*b*c')]],
    ['an address holding "_"', 'https://x.fr/un_chemin_long?a=1', [self('https://x.fr/un_chemin_long?a=1')]],
    ['an address followed by "<"', 'https://x.fr/a<b>', [self('https://x.fr/a')]],
    ['an address followed by "~"', 'https://x.fr/a~ ~~b~~', [self('https://x.fr/a')]],
    ['an address followed by "|"', 'https://x.fr/a|b|c', [self('https://x.fr/a')]],
    ['addresses ending sentences', 'Lisez https://x.fr/a. Puis https://x.fr/b, enfin https://x.fr/c!', [
      self('https://x.fr/a'),
      self('https://x.fr/b'),
      self('https://x.fr/c'),
    ]],
    ['an address ending the paragraph', 'Tout est sur https://x.fr/a', [self('https://x.fr/a')]],
    ['an address followed by an entity-like text', 'https://x.fr/a&amp; b', [self('https://x.fr/a')]],
    ['an address holding an entity-like text', 'https://x.fr/?a=1&amp;b=2 fin', [self('https://x.fr/?a=1&#x26;amp;b=2')]],
    ['an address at the start of a line', 'Première ligne\nhttps://x.fr/a_', [self('https://x.fr/a')]],
    ['an address typed with a scheme in capitals', 'Https://x.fr/a_', [{ href: 'https://x.fr/a', text: 'Https://x.fr/a' }]],
    ['a "www." address', '[www.lemonde.fr/a_b]', [{ href: 'http://www.lemonde.fr/a_b', text: 'www.lemonde.fr/a_b' }]],
    ['a "www." address after "!", which stays a link and not an image', 'Attention!www.x.fr/a', [{ href: 'http://www.x.fr/a', text: 'www.x.fr/a' }]],
    ['a "www." address holding an entity-like text', 'www.x.fr/?a&amp;b', [{ href: 'http://www.x.fr/?a&#x26;amp;b', text: 'www.x.fr/?a&#x26;amp;b' }]],
    ['an address right after a word, which GFM does not link', 'voirhttps://x.fr/a*b* [c]', []],
  ])('%s', (_, typed, links) => {
    const document = doc(paragraph(text(typed)));
    const result = saved(document);
    expect(result.links).toEqual(links);
    expect(result.text).toBe(shown(typed));
    expect(reopened(result.markdown).eq(asTyped(document))).toBe(true);
    expect(docToMarkdown(markdownToDoc(result.markdown))).toBe(result.markdown);
  });

  it('writes the address as a link to itself, with an end of its own', () => {
    expect(saved(doc(paragraph(text('voir https://x.fr/a_ et _b')))).markdown).toBe('voir <https://x.fr/a>\\_ et \\_b');
    expect(saved(doc(paragraph(text('https://x.fr/a`b`')))).markdown).toBe('<https://x.fr/a>\\`b\\`');
    expect(saved(doc(paragraph(text('[www.x.fr/a_b]')))).markdown).toBe('[[www.x.fr/a_b](http://www.x.fr/a_b)]');
  });
});

describe('web addresses next to marks and in other blocks', () => {
  it('ends an address where the next mark starts', () => {
    const document = doc(
      paragraph(
        text('https://x.fr/a'),
        text('b', { type: 'code' }),
        text(' https://x.fr/c'),
        text('d', { type: 'italic' }),
        text(' https://x.fr/e'),
        text('f', link('https://f.fr')),
      ),
    );
    const result = saved(document);
    expect(result.links).toEqual([self('https://x.fr/a'), self('https://x.fr/c'), self('https://x.fr/e'), { href: 'https://f.fr', text: 'f' }]);
    expect(result.text).toBe('https://x.fr/abhttps://x.fr/cdhttps://x.fr/ef');
    expect(reopened(result.markdown).eq(asTyped(document))).toBe(true);
  });

  it('links an address in bold text', () => {
    const document = doc(paragraph(text('voir '), text('https://x.fr/a_', { type: 'bold' }), text(' ici')));
    const result = saved(document);
    expect(result.links).toEqual([self('https://x.fr/a')]);
    expect(result.text).toBe('voirhttps://x.fr/a_ici');
    expect(reopened(result.markdown).eq(asTyped(document))).toBe(true);
  });

  it('keeps an address in a link’s text as text, as GFM does', () => {
    const document = doc(paragraph(text('voir https://x.fr/a] et *b*', link('https://f.fr'))));
    const result = saved(document);
    expect(result.links).toEqual([{ href: 'https://f.fr', text: 'voir https://x.fr/a] et *b*' }]);
    expect(reopened(result.markdown).eq(asTyped(document))).toBe(true);
  });

  it.each([
    ['a heading', { type: 'heading', attrs: { level: 2 }, content: [text('Voir [https://x.fr/#]')] }, 'Voir[https://x.fr/#]'],
    ['a list item', { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('https://x.fr/a_ et *b*'))] }] }, 'https://x.fr/a_et*b*'],
    [
      'a table cell',
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [{ type: 'tableHeader', content: [paragraph(text('Lien'))] }] },
          { type: 'tableRow', content: [{ type: 'tableCell', content: [paragraph(text('[https://x.fr/a]|b'))] }] },
        ],
      },
      'Lien[https://x.fr/a]|b',
    ],
    ['a quote', { type: 'blockquote', content: [paragraph(text('(https://x.fr/a)'))] }, '(https://x.fr/a)'],
  ])('links an address in %s', (_, block, expected) => {
    const document = doc(block);
    const result = saved(document);
    expect(result.links.map(({ href }) => href)).toEqual([expect.stringMatching(/^https:\/\/x\.fr\/(?:#|a)$/)]);
    expect(result.links[0]?.text).toBe(result.links[0]?.href);
    expect(result.text).toBe(expected);
    expect(reopened(result.markdown).eq(asTyped(document))).toBe(true);
  });
});

describe('addresses the site links to themselves, when the article opens again', () => {
  it('gives back an address written in angle brackets as text, not as a link the writer never made', () => {
    const opened = markdownToDoc('Voir <https://www.fevad.com>, [www.x.fr/a](http://www.x.fr/a) et [https://y.fr](https://y.fr).');
    expect(opened.content?.[0]?.content).toEqual([text('Voir https://www.fevad.com, www.x.fr/a et https://y.fr.')]);
  });

  it('gives back an address the editor linked as it was typed as text, linked on the site all the same', () => {
    const typed = doc(paragraph(text('Voir '), text('https://x.fr/a', link('https://x.fr/a')), text(' ici.')));
    const markdown = docToMarkdown(typed);
    expect(markdown).toBe('Voir <https://x.fr/a> ici.');
    expect(markdownToDoc(markdown).content?.[0]?.content).toEqual([text('Voir https://x.fr/a ici.')]);
  });

  it('keeps the link when the text alone would link another address, or none', () => {
    for (const markdown of ['<https://x.fr/a>b', '<https://x.fr/a.>', 'voir<https://x.fr/a>', '<https://x.fr/a> [texte](/b "t")', '**<https://x.fr/a>**']) {
      const opened = markdownToDoc(markdown);
      expect(docToMarkdown(opened)).toBe(markdown);
      expect(renderMarkdown(docToMarkdown(opened), { locale: 'fr' }).html).toBe(renderMarkdown(markdown, { locale: 'fr' }).html);
    }
    expect(markdownToDoc('<https://x.fr/a>b').content?.[0]?.content?.[0]?.marks?.[0]?.type).toBe('link');
    expect(markdownToDoc('voir<https://x.fr/a>').content?.[0]?.content?.[1]?.marks?.[0]?.type).toBe('link');
  });

  it('keeps an address written bare as a link, printed bare as written', () => {
    const opened = markdownToDoc('Voir https://x.fr/a, fin.');
    expect(opened.content?.[0]?.content?.[1]).toMatchObject({ text: 'https://x.fr/a', marks: [{ type: 'link', attrs: { autolink: 'literal' } }] });
    expect(docToMarkdown(opened)).toBe('Voir https://x.fr/a, fin.');
  });
});
