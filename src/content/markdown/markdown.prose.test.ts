import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePosts, mulberry32 } from '../../../bench/corpus.ts';
import { parseArticle } from './markdown.pipeline.ts';
import { parseProseAware, plainParagraphs } from './markdown.prose.ts';
import { xssCorpus } from './xss-corpus.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');

/** The parser's tree, and the tree with prose set aside and put back: they must be one and the same. */
function expectSameTree(markdown: string): void {
  expect(parseArticle(markdown, { prose: true }), JSON.stringify(markdown)).toStrictEqual(parseArticle(markdown, { prose: false }));
}

/** What the parser is given for `markdown`, call by call. */
function parsed(markdown: string): string[] {
  const given: string[] = [];
  parseProseAware(markdown, (text) => {
    given.push(text);
    return parseArticle(text, { prose: false });
  });
  return given;
}

function markdownFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
}

// Blocks of every kind, some holding prose where the parser must not see a paragraph (code,
// HTML left open, a directive's container), and prose-like text that is not prose.
const PROSE = [
  'Le marché progresse.',
  'Une phrase\nsur deux lignes.',
  'p',
  'Trois lignes\nde texte\nà la suite.',
  '2024 a été une année record.',
  '« Citation », dit-il.',
  'Texte\tavec une tabulation.',
  'Prix : 10 € ! Vraiment ?',
  'À 10:30, un ratio de 3:2.',
  '(Entre parenthèses.)',
  '1234567890. Trop long pour une liste.',
];
const OTHERS = [
  '- un\n- deux',
  '1. un\n2. deux',
  '3) trois',
  '- p',
  '* étoile',
  '+ plus',
  '- un\n\n- deux, liste lâche',
  '- un\n  suite indentée',
  '- item\n\n  second paragraphe du même item',
  '10. dix',
  '## Titre',
  '# Titre {#ancre}',
  'Titre setext\n===',
  'Sous-titre\n---',
  '---',
  '***',
  '___',
  '| a | b |\n| --- | ---: |\n| 1 | 2 |',
  'a | b\n--|--\n1 | 2',
  '> Citation\nparesseuse',
  '> p',
  '```\ncode\n\nPhrase dans le code.\n```',
  '```js\nouvert sans fin',
  '~~~\np\n~~~',
  '    code indenté',
  '\tcode après une tabulation',
  '<div>\nHTML\n</div>',
  '<!-- commentaire\n\nPhrase dans le commentaire.\n-->',
  '<!-- ouvert',
  '<script>\nvar a;\n\nb\n</script>',
  '<pre>\n\nx\n</pre>',
  ':::pullquote\nCitation mise en avant.\n:::',
  ':::pullquote\n\nPhrase dans le bloc.\n\n:::',
  '::::note\n:::inner\n\ntexte\n\n:::\n::::',
  '::video{#abc}',
  ':::pullquote',
  '[^1]: Une note.\n\n    Suite de la note.',
  'Appel de note[^1].',
  '[ref]: https://example.org',
  'Un [lien][ref] ici.',
  '[ref]',
  'Texte avec *emphase* et __gras__.',
  'Lien <https://exemple.fr>.',
  'Voir www.exemple.fr',
  'Écrire à a@b.fr',
  'Texte &amp; entité.',
  'Ligne dure  \nsuite',
  'Échappé \\*',
  'Émoji :wink:',
  'Directive :abbr[x]',
  'Ligne avec une espace finale ',
  'Texte\r\navec CRLF',
  'Paragraphe\n- liste qui interrompt',
  'Paragraphe\n1. liste qui interrompt',
  'Paragraphe\n2. pas une liste',
  'Paragraphe\n# titre qui interrompt',
  'Paragraphe\n> citation qui interrompt',
  '~~barré~~',
  '\u00a0Espace insécable en tête',
  '',
  '   ',
  // Stand-ins the parser must not read as paragraphs of their own, or must read as they are.
  'p\n- p',
  '- a\n\n  p',
  '<div>\np\n\np',
  '<!--\np\n-->\n\np',
  'p\n===',
  '1. a\n\n   p',
  '  p',
  ':::a\n::::b\n\np\n\n::::\n:::',
  '~~~~\n```\n\np\n\n~~~~',
  '<textarea>\n\np\n\n</textarea>',
  '<?php\n\np\n\n?>',
  '<![CDATA[\n\np\n\n]]>',
  '<!DOCTYPE x\n\np\n\n>',
  '- [ ] tâche',
];
const SEPARATORS = ['\n\n', '\n\n', '\n\n', '\n', '\n\n\n', '\n  \n', '\n\t\n'];

function generatedDocuments(count: number, seed: number): string[] {
  const random = mulberry32(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, () => {
    const blocks = Array.from({ length: 2 + Math.floor(random() * 7) }, () => (random() < 0.5 ? pick(PROSE) : pick(OTHERS)));
    let document = blocks[0]!;
    for (const block of blocks.slice(1)) document += pick(SEPARATORS) + block;
    return (random() < 0.2 ? '\n' : '') + document + pick(['', '\n', '\n\n']);
  });
}

describe('paragraphs of plain prose', () => {
  it('are the paragraphs whose every line starts as prose and holds nothing the parser reads as more than text', () => {
    const markdown = 'Premier paragraphe,\nsur deux lignes.\n\n## Titre\n\n- liste\n\nAvec *emphase*.\n\n2024 fut bon.\n\n2024. Une liste ?\n\nFin.';
    expect(plainParagraphs(markdown).map((paragraph) => markdown.slice(paragraph.start, paragraph.end))).toEqual([
      'Premier paragraphe,\nsur deux lignes.',
      '2024 fut bon.',
      'Fin.',
    ]);
    expect(plainParagraphs('Une ligne\n- puis une liste')).toEqual([]);
    expect(plainParagraphs('Une adresse : www.exemple.fr')).toEqual([]);
    expect(plainParagraphs('Une directive :abbr[x]')).toEqual([]);
    expect(plainParagraphs('Une fin de ligne dure  \nsuite')).toEqual([]);
  });

  it('reach the parser as one stand-in per run of paragraphs, and the whole body when a stand-in is not a paragraph of its own', () => {
    expect(parsed('Un.\n\nDeux.\n\n## Titre\n\nTrois.\n')).toEqual(['p\n\n## Titre\n\np\n']);
    expect(parsed('Rien que de la prose.')).toEqual(['p']);
    const inCode = '```\n\nUne phrase dans du code.\n\n```';
    expect(parsed(inCode)).toEqual(['```\n\np\n\n```', inCode]);
    expect(parsed('- Une liste, sans prose')).toEqual(['- Une liste, sans prose']);
  });

  it('give the tree the parser gives, positions included, for every Markdown text the project holds', () => {
    const texts = [
      ...markdownFiles(path.join(REPO, 'demo')),
      ...markdownFiles(path.join(REPO, 'docs')),
      fs.readFileSync(path.join(REPO, 'README.md'), 'utf8'),
      ...xssCorpus.map((entry) => entry.markdown),
      ...Array.from(generatePosts(40), (post) => post.body.markdown),
    ];
    expect(texts.length).toBeGreaterThan(60);
    for (const text of texts) expectSameTree(text);
  });

  it('give the tree the parser gives for thousands of documents mixing prose with every kind of block', () => {
    const documents = generatedDocuments(3_000, 0x9e05e);
    let shortened = 0;
    for (const document of documents) {
      expectSameTree(document);
      if (plainParagraphs(document).length > 0) shortened++;
    }
    // Most of them do take the shortcut.
    expect(shortened).toBeGreaterThan(2_000);
  });
});
