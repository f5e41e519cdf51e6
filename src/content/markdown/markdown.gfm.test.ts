import fs from 'node:fs';
import path from 'node:path';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { DEMO_DIR } from '../../demo/demo.ts';
import { constructsLeftOut, remarkArticleGfm } from './markdown.gfm.ts';
import { xssCorpus } from './xss-corpus.ts';

/** Markdown → HTML with GFM, leaving out the constructs named. */
function html(markdown: string, leftOut: readonly string[]): string {
  const processor = unified().use(remarkParse).use(remarkArticleGfm, leftOut).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true });
  return String(processor.processSync(markdown));
}

const EDGES = [
  'Texte simple, sans rien de particulier : « oui » !',
  'Écrivez à redaction@example.fr ou à *a.b+c@d.fr*.',
  'Une adresse écrite redaction&#64;example.fr, une autre contact @ example.fr.',
  'Le site www.fevad.com, WWW.FEVAD.COM, Https://example.fr/page?x=1 et HTTP://EXAMPLE.FR.',
  'Pas un lien : www, http:/x, https:example.fr, wwwfevad.com.',
  '[Un lien vers www.fevad.com](https://www.fevad.com) et <https://example.fr>.',
  '| Enseigne | CA |\n| --- | --: |\n| Amazon | 4,65 |',
  'a | b\n--- | ---\n1 | 2',
  'a \\| b\n--- \\| ---',
  'a &#124; b\n--- &#124; ---\n1 &#124; 2',
  '- | a |\n  | - |\n  | 1 |\n- www.exemple.fr\n- e@exemple.fr',
  '> | x |\n> |---|\n> | y |',
  '`www.fevad.com` et `a@b.fr` et `| x |`',
  'Note[^1] et ~~barré~~.\n\n[^1]: www.fevad.com',
  '- [ ] à faire\n- [x] fait',
];

describe('GFM without the constructs a body cannot hold', () => {
  it('names the constructs whose characters the source lacks', () => {
    expect(constructsLeftOut('Texte simple.')).toEqual(['emailAutolink', 'wwwAutolink', 'protocolAutolink', 'table']);
    expect(constructsLeftOut('WWW.FEVAD.COM et Https://x.fr, a@b.fr | c')).toEqual([]);
    expect(constructsLeftOut('http:/x, wwwx.fr et a &#124; b')).toEqual(['emailAutolink', 'wwwAutolink', 'protocolAutolink', 'table']);
  });

  const demo = fs
    .readdirSync(path.join(DEMO_DIR, 'posts'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => ({ name: file, markdown: fs.readFileSync(path.join(DEMO_DIR, 'posts', file), 'utf8') }));
  const bodies = [...EDGES.map((markdown, index) => ({ name: `edge ${index + 1}`, markdown })), ...xssCorpus, ...demo];

  it.each(bodies)('reads $name as the whole of GFM does', ({ markdown }) => {
    expect(html(markdown, constructsLeftOut(markdown))).toBe(html(markdown, []));
  });

  it('would read a table as text if the construct were left out where the source needs it', () => {
    const table = '| a |\n| - |\n| 1 |';
    expect(html(table, [])).toContain('<table>');
    expect(html(table, ['table'])).toBe('<p>| a |\n| - |\n| 1 |</p>');
  });
});
