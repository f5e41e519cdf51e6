import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../content/markdown/markdown.pipeline.ts';
import { wordpressToMarkdown } from './wp.content.ts';

/**
 * Web addresses typed in a post's text: what readers see after the import (the Markdown through
 * the site's own pipeline) must be what WordPress showed, each address linked to itself only.
 */
const SITE = 'https://blog.example.fr';

function page(html: string) {
  const markdown = wordpressToMarkdown(html, { siteUrl: SITE }).markdown;
  const rendered = renderMarkdown(markdown, { locale: 'fr' });
  const links = [...rendered.html.matchAll(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map(([, href, text]) => ({ href, text }));
  // French typography puts no-break spaces before ":" and the like: spaces are not at stake here.
  return { markdown, links, text: rendered.text.replace(/[\s\u00a0\u202f]/g, '') };
}

/** The text WordPress shows for a paragraph of HTML, without its spaces. */
function shown(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s/g, '');
}

const self = (url: string) => ({ href: url, text: url });

describe('web addresses in a post’s text', () => {
  it.each([
    ['a source in square brackets', '<p>[Source : https://www.lemonde.fr/article]</p>', [self('https://www.lemonde.fr/article')]],
    ['a shortcode left as typed', '[youtube https://www.youtube.com/watch?v=abcdefghijk]', [self('https://www.youtube.com/watch?v=abcdefghijk')]],
    ['a shortcode attribute', '[su_button url="https://x.example"]Cliquez[/su_button]', [self('https://x.example')]],
    ['an address in single quotes', "[bouton url='https://x.example/a']", [self('https://x.example/a')]],
    ['an address followed by ")"', '(voir https://x.example/a)', [self('https://x.example/a')]],
    ['an address with its own parentheses, in parentheses', '(https://fr.wikipedia.org/wiki/Paris_(France))', [self('https://fr.wikipedia.org/wiki/Paris_(France)')]],
    ['an address followed by "*"', 'https://x.example/a* et 2 * 3', [self('https://x.example/a')]],
    ['an address holding "*"', 'https://x.example/a*b*c fin', [self('https://x.example/a*b*c')]],
    ['an address followed by "_"', 'https://x.example/a_ et _b', [self('https://x.example/a')]],
    ['an address holding "_"', 'https://x.example/un_chemin_long?a=1', [self('https://x.example/un_chemin_long?a=1')]],
    ['an address followed by "`"', 'https://x.example/a`b`', [self('https://x.example/a')]],
    ['an address followed by "<"', 'https://x.example/a&lt;b&gt;', [self('https://x.example/a')]],
    ['an address ending a sentence', 'Lisez https://x.example/a. Puis https://x.example/b, enfin https://x.example/c!', [
      self('https://x.example/a'),
      self('https://x.example/b'),
      self('https://x.example/c'),
    ]],
    ['an address followed by "]" and "."', '[voir https://x.example/a].', [self('https://x.example/a')]],
    ['an address followed by "~"', 'https://x.example/a~ ~~b~~', [self('https://x.example/a')]],
    ['an address followed by "|"', 'https://x.example/a|b|c', [self('https://x.example/a')]],
    ['an address followed by an entity-like text', 'https://x.example/a&amp;amp; b', [self('https://x.example/a')]],
    ['a "www." address', '[www.lemonde.fr/a_b]', [{ href: 'http://www.lemonde.fr/a_b', text: 'www.lemonde.fr/a_b' }]],
    ['an address right after a word, which GFM does not link', 'voirhttps://x.example/a*b* [c]', []],
    ['a "www." address after "!", which stays a link and not an image', 'Attention!www.x.example/a', [{ href: 'http://www.x.example/a', text: 'www.x.example/a' }]],
    ['a "www." address in quotes', '"www.x.example/b"', [{ href: 'http://www.x.example/b', text: 'www.x.example/b' }]],
    ['a "www." address right after a letter, which GFM does not link', 'éwww.x.example/a_b_', []],
    ['a "www." address holding an entity-like text', 'www.x.example/?a=1&amp;amp;b=2 fin', [{ href: 'http://www.x.example/?a=1&#x26;amp;b=2', text: 'www.x.example/?a=1&#x26;amp;b=2' }]],
  ])('%s', (_, html, links) => {
    const result = page(html);
    expect(result.links).toEqual(links);
    expect(result.text).toBe(shown(html));
  });

  it('ends an address where the next element starts', () => {
    expect(page('<p>https://x.example/a<code>b</code> https://x.example/c<em>d</em> https://x.example/e<a href="https://f.example">f</a></p>').links).toEqual([
      self('https://x.example/a'),
      self('https://x.example/c'),
      self('https://x.example/e'),
      { href: 'https://f.example', text: 'f' },
    ]);
    const bold = page('<p><strong>voir https://x.example/a</strong>b</p>');
    expect(bold.links).toEqual([self('https://x.example/a')]);
    expect(bold.text).toBe('voirhttps://x.example/ab');
  });

  it('does not link an address inside a link’s text, where it stays text', () => {
    const result = page('<p><a href="https://f.example">voir https://x.example/a] et *b*</a></p>');
    expect(result.links).toEqual([{ href: 'https://f.example', text: 'voir https://x.example/a] et *b*' }]);
  });

  it('links addresses in headings and table cells', () => {
    expect(page('<h2>Voir [https://x.example/#]</h2>').links).toEqual([expect.objectContaining({ href: 'https://x.example/#', text: 'https://x.example/#' })]);
    expect(page('<table><tr><th>Lien</th></tr><tr><td>[https://x.example/a]|b</td></tr></table>').links).toEqual([self('https://x.example/a')]);
  });
});
