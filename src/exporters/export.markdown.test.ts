import type { Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../content/markdown/markdown.pipeline.ts';
import { tablesClosedApart } from './export.markdown.ts';

const tablesOf = (markdown: string) => unified().use(remarkParse).use(remarkGfm).parse(markdown).children.filter((node): node is Table => node.type === 'table');

describe('bodies of the Markdown export', () => {
  const written = ':::table[Titre]\n| a | b |\n|---|---|\n| 1 | 2 |\n:::\n\nAprès.';

  it('closes a captioned table on a line of its own, so that GFM (Hugo, GitHub) ends the table before it', () => {
    // As written, GFM reads the closing ":::" as one more row.
    expect(tablesOf(written)[0]!.children).toHaveLength(3);
    const exported = tablesClosedApart(written);
    expect(exported).toBe(':::table[Titre]\n| a | b |\n|---|---|\n| 1 | 2 |\n\n:::\n\nAprès.');
    expect(tablesOf(exported)[0]!.children).toHaveLength(2);
  });

  it('gives Kiosque the same captioned table either way', () => {
    const html = renderMarkdown(written, { locale: 'fr' }).html;
    expect(html).toContain('<caption>Titre</caption>');
    expect(html).not.toContain(':::');
    expect(renderMarkdown(tablesClosedApart(written), { locale: 'fr' }).html).toBe(html);
  });

  it('leaves code blocks and blocks that end in a paragraph as written', () => {
    const code = '```\n| x |\n:::\n```\n\n~~~~\n| y |\n:::\n~~~~';
    expect(tablesClosedApart(code)).toBe(code);
    const quote = ':::pullquote[Claire]\nUne phrase.\n:::';
    expect(tablesClosedApart(quote)).toBe(quote);
  });
});
