/// <reference types="node" />
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JSONContent } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../content/markdown/markdown.pipeline.ts';
import { splitFrontMatter as importerSplit } from '../../../importers/markdown/markdown.frontmatter.ts';
import { articleSchema } from './extensions.ts';
import { TRICKY_MARKDOWN } from './markdown.corpus.ts';
import { generatedMarkdown } from './markdown.samples.ts';
import { docToMarkdown, markdownToDoc, splitFrontMatter } from './markdown.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const demoFiles = ['demo/posts', 'demo/pages'].flatMap((folder) =>
  fs
    .readdirSync(path.join(root, folder))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `${folder}/${name}`),
);
const demoBody = (file: string) => splitFrontMatter(fs.readFileSync(path.join(root, file), 'utf8')).body;

const html = (markdown: string) => renderMarkdown(markdown, { locale: 'fr' }).html;
const roundTrip = (markdown: string) => docToMarkdown(markdownToDoc(markdown));

/** Types of the nodes of a document, nested ones included. */
function nodeTypes(doc: JSONContent): string[] {
  return [doc.type ?? '', ...(doc.content ?? []).flatMap(nodeTypes)];
}

function expectValidDocument(doc: JSONContent): void {
  expect(() => Node.fromJSON(articleSchema, doc).check()).not.toThrow();
}

describe('the demo articles', () => {
  it('are all found', () => {
    expect(demoFiles).toHaveLength(13);
  });

  it.each(demoFiles)('%s comes back exactly as written', (file) => {
    const body = demoBody(file);
    expect(roundTrip(body)).toBe(body);
  });

  it.each(demoFiles)('%s is edited with real nodes, nothing kept as raw Markdown', (file) => {
    const types = nodeTypes(markdownToDoc(demoBody(file)));
    expect(types).not.toContain('rawMarkdown');
    expect(types).not.toContain('rawInline');
  });

  it.each(demoFiles)('%s renders the same page from the round-tripped Markdown', (file) => {
    const body = demoBody(file);
    expect(html(roundTrip(body))).toBe(html(body));
  });

  it.each(demoFiles)('%s gives a document the editor schema accepts', (file) => {
    expectValidDocument(markdownToDoc(demoBody(file)));
  });

  it('use the article blocks the editor must show as such', () => {
    const types = new Set(demoFiles.flatMap((file) => nodeTypes(markdownToDoc(demoBody(file)))));
    for (const type of ['heading', 'bulletList', 'orderedList', 'table', 'captionedTable', 'figure', 'pullquote', 'sources', 'readMore', 'video', 'hardBreak']) {
      expect(types).toContain(type);
    }
  });

  it.each(demoFiles)('%s splits from its front matter as the importer stores its body', (file) => {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const imported = importerSplit(text);
    if (!imported.ok) throw new Error(`${file}: front matter not understood`);
    expect(splitFrontMatter(text).body).toBe(imported.frontMatter.body.replace(/^(?:[ \t]*\n)+/, '').trimEnd());
    expect(splitFrontMatter(text).frontMatter).toMatch(/^---\n[\s\S]*\n---\n$/);
  });
});

describe('Markdown that is easy to get wrong', () => {
  it.each(Object.entries(TRICKY_MARKDOWN))('%s comes back exactly as written', (_name, markdown) => {
    expect(roundTrip(markdown)).toBe(markdown);
  });

  it.each(Object.entries(TRICKY_MARKDOWN))('%s renders the same page', (_name, markdown) => {
    expect(html(roundTrip(markdown))).toBe(html(markdown));
  });

  it.each(Object.entries(TRICKY_MARKDOWN))('%s gives a document the editor schema accepts', (_name, markdown) => {
    expectValidDocument(markdownToDoc(markdown));
  });
});

describe('what the editor cannot represent', () => {
  it('keeps HTML blocks, unknown directives and link definitions as raw Markdown blocks, verbatim', () => {
    const doc = markdownToDoc('Avant.\n\n<details>\n<summary>Plus</summary>\n</details>\n\n:::note\nUn bloc inconnu.\n:::\n\n[f]: https://www.fevad.com\n\nAprès.');
    expect(doc.content?.map((block) => block.type)).toEqual(['paragraph', 'rawMarkdown', 'rawMarkdown', 'rawMarkdown', 'paragraph']);
    expect(doc.content?.[1]?.content?.[0]?.text).toBe('<details>\n<summary>Plus</summary>\n</details>');
    expect(doc.content?.[2]?.content?.[0]?.text).toBe(':::note\nUn bloc inconnu.\n:::');
  });

  it('keeps inline HTML and reference links as raw inline Markdown inside editable text', () => {
    const doc = markdownToDoc('H<sub>2</sub>O et [la Fevad][f].\n\n[f]: https://www.fevad.com');
    const inline = doc.content?.[0]?.content ?? [];
    expect(inline.filter((node) => node.type === 'rawInline').map((node) => node.attrs?.markdown)).toEqual(['<sub>', '</sub>', '[la Fevad][f]']);
    expect(inline.some((node) => node.type === 'text' && node.text === 'O et ')).toBe(true);
  });

  it('keeps a video address on no known provider as written, since the site shows it as a link', () => {
    const doc = markdownToDoc('::video{url="https://exemple.fr/video"}');
    expect(doc.content?.[0]?.type).toBe('rawMarkdown');
  });
});

describe('other spellings of the same Markdown', () => {
  const spellings: [string, string, string][] = [
    ['a heading underlined', 'Titre\n=====', '# Titre'],
    ['a heading with a closing sequence', '## Titre ##', '## Titre'],
    ['a padded table', '| A   | B |\n| :-- | --: |\n| 1   | 2 |', '| A | B |\n|:---|---:|\n| 1 | 2 |'],
    ['a table row missing a cell', '| A | B |\n|---|---|\n| 1 |', '| A | B |\n|---|---|\n| 1 | |'],
    ['another thematic break', '***', '---'],
    ['an indented code block', '    const a = 1;', '```\nconst a = 1;\n```'],
    ['a tilde fence', '~~~js\nx\n~~~', '```js\nx\n```'],
    ['ordered items all numbered 1', '1. un\n1. deux', '1. un\n2. deux'],
    ['a link title in single quotes', "[a](/b 'titre')", '[a](/b "titre")'],
    ['a character reference', 'Caf&eacute; &amp; th&#233;', 'Café & thé'],
    ['an autolink written as a link', '[https://www.fevad.com](https://www.fevad.com)', '<https://www.fevad.com>'],
    ['a needless escape', 'Un point\\. Une virgule\\,', 'Un point. Une virgule,'],
    ['a video address in angle brackets', '<https://youtu.be/dQw4w9WgXcQ>', 'https://youtu.be/dQw4w9WgXcQ'],
    ['directive attributes in single quotes', "::video{url='https://vimeo.com/76979871' title='Titre'}", '::video{url="https://vimeo.com/76979871" title="Titre"}'],
    ['blocks without a blank line between them', '## Titre\nTexte.\n- un', '## Titre\n\nTexte.\n\n- un'],
  ];

  it.each(spellings)('%s is printed in the canonical spelling, with the same page', (_name, written, canonical) => {
    expect(roundTrip(written)).toBe(canonical);
    expect(html(canonical)).toBe(html(written));
    expect(roundTrip(canonical)).toBe(canonical);
  });
});

describe('documents made in the editor', () => {
  const text = (value: string, marks: JSONContent['marks'] = []): JSONContent => ({ type: 'text', text: value, marks });
  const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
  const cell = (type: string, ...content: JSONContent[]): JSONContent => ({ type, content: [{ type: 'paragraph', content }] });
  const made: JSONContent = {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [text('Les chiffres')] },
      paragraph(text('Un '), text('lien', [{ type: 'link', attrs: { href: 'https://www.fevad.com', title: 'Fevad' } }]), text(' et du '), text('gras', [{ type: 'bold' }]), text('.')),
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('tableHeader', text('Enseigne')), cell('tableHeader', text('C.A. | Md€'))] },
          { type: 'tableRow', content: [cell('tableCell', text('Leclerc')), cell('tableCell')] },
        ],
      },
      { type: 'figure', attrs: { src: '/media/2024/soldes.webp', alt: 'Des acheteurs [en soldes]', caption: 'Les soldes « d’hiver »', width: '1200', height: '800' } },
      { type: 'pullquote', attrs: { attribution: 'Marc Lolivier' }, content: [paragraph(text('Une phrase forte.'))] },
      { type: 'video', attrs: { url: 'https://www.dailymotion.com/video/x7tgad0', title: 'Reportage' } },
      { type: 'sources', content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('Fevad, 2024'))] }] }] },
      paragraph(),
    ],
  };

  it('print Markdown that reads back as the same document', () => {
    const markdown = docToMarkdown(made);
    expect(markdown).toBe(
      [
        '## Les chiffres',
        'Un [lien](https://www.fevad.com "Fevad") et du **gras**.',
        '| Enseigne | C.A. \\| Md€ |\n|---|---|\n| Leclerc | |',
        '![Des acheteurs \\[en soldes\\]](/media/2024/soldes.webp "Les soldes « d’hiver »")',
        ':::pullquote[Marc Lolivier]\nUne phrase forte.\n:::',
        '::video{url="https://www.dailymotion.com/video/x7tgad0" title="Reportage"}',
        ':::sources\n- Fevad, 2024\n:::',
      ].join('\n\n'),
    );
    const expected = Node.fromJSON(articleSchema, { ...made, content: made.content?.slice(0, -1) });
    const read = Node.fromJSON(articleSchema, markdownToDoc(markdown));
    // Sizes known from the upload are for the editor only; the site finds them in the media library.
    expect(read.toJSON().content[3].attrs).toEqual({ ...expected.toJSON().content[3].attrs, width: null, height: null });
    expect(read.child(0).eq(expected.child(0)) && read.child(1).eq(expected.child(1)) && read.child(2).eq(expected.child(2))).toBe(true);
    expect(read.childCount).toBe(expected.childCount);
    for (const index of [4, 5, 6]) expect(read.child(index).eq(expected.child(index))).toBe(true);
  });

  it('keep emphasis next to its words when spaces are selected with it', () => {
    expect(docToMarkdown({ type: 'doc', content: [paragraph(text('du'), text(' gras ', [{ type: 'bold' }]), text('ici'))] })).toBe('du **gras** ici');
  });

  it('give two lists in a row different markers, so that they stay two', () => {
    const list = { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('un'))] }] };
    expect(docToMarkdown({ type: 'doc', content: [list, list, list] })).toBe('- un\n\n* un\n\n- un');
    expect(markdownToDoc('- un\n\n* un\n\n- un').content).toHaveLength(3);
  });
});

describe('generated Markdown', () => {
  const samples = generatedMarkdown(100);

  it.each(samples.map((markdown, index) => [index, markdown] as const))('sample %i renders the same page and prints stably', (_index, markdown) => {
    const doc = markdownToDoc(markdown);
    expectValidDocument(doc);
    const printed = docToMarkdown(doc);
    expect(html(printed)).toBe(html(markdown));
    expect(roundTrip(printed)).toBe(printed);
  });
});
