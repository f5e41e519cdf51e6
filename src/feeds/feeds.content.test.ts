import type { Element, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../content/markdown/markdown.pipeline.ts';
import { pictureMarkup } from '../media/media.picture.ts';
import { feedArticleHtml } from './feeds.content.ts';

const ARTICLE = 'https://www.blog.example/2021/03/incendie/';

/** An article body as saved: through the real Markdown pipeline, a library image with its copies. */
function saved(markdown: string): string {
  const picture = pictureMarkup(
    [
      { format: 'avif', width: 480, height: 270, key: '2021/03/baies-480.avif', bytes: 1 },
      { format: 'webp', width: 480, height: 270, key: '2021/03/baies-480.webp', bytes: 1 },
      { format: 'jpeg', width: 480, height: 270, key: '2021/03/baies-480.jpg', bytes: 1 },
    ],
    'image/jpeg',
  );
  return renderMarkdown(markdown, { locale: 'fr', imageSize: (src) => (src.startsWith('/media/') ? { width: 960, height: 540, picture } : undefined) }).html;
}

/** What a real HTML parser finds in the result: every address, and the text. */
function read(html: string): { addresses: string[]; text: string; tags: string[] } {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html) as Root;
  const addresses: string[] = [];
  const tags: string[] = [];
  let text = '';
  visit(tree, (node) => {
    if (node.type === 'text') text += node.value;
    if (node.type !== 'element') return;
    const element = node as Element;
    tags.push(element.tagName);
    for (const name of ['href', 'src', 'poster', 'cite']) {
      const value = element.properties[name];
      if (typeof value === 'string') addresses.push(value);
    }
    const srcSet = element.properties.srcSet;
    for (const candidate of Array.isArray(srcSet) ? srcSet : typeof srcSet === 'string' ? srcSet.split(',') : []) {
      addresses.push(String(candidate).trim().split(/\s+/)[0]!);
    }
  });
  return { addresses, text, tags };
}

const BODY = [
  'Voir [les pharmacies](/pharmacies/?tri=date&ordre=desc), [plus bas](#les-recours), [la même page](./), [le parent](../autre/), un [CDN](//cdn.example.org/a.pdf), [écrire](mailto:redaction@blog.example) et [la FEVAD](https://www.fevad.com/).',
  '',
  '![Les baies](/media/2021/03/baies.jpg "Les baies après l’incendie")',
  '',
  '::video{url="https://vimeo.com/76979871" title="Le reportage"}',
  '',
  '## Les recours',
  '',
  'Du texte qui cite du code : `<a href="/piege/">` et href="/encore/" en clair, 3 < 4 & 5 > 2.',
  '',
  'Une note[^1].',
  '',
  '[^1]: La source, [en ligne](/sources/).',
].join('\n');

describe('an article as feeds carry it', () => {
  it('makes every address absolute from the article’s, as a real HTML parser reads them', () => {
    const { addresses } = read(feedArticleHtml(saved(BODY), ARTICLE));
    expect(addresses.length).toBeGreaterThan(10);
    for (const address of addresses) expect(address, address).toMatch(/^(https:\/\/|mailto:)/);
    expect(addresses).toEqual(
      expect.arrayContaining([
        'https://www.blog.example/pharmacies/?tri=date&ordre=desc',
        `${ARTICLE}#les-recours`,
        ARTICLE,
        'https://www.blog.example/2021/03/autre/',
        'https://cdn.example.org/a.pdf',
        'mailto:redaction@blog.example',
        'https://www.fevad.com/',
        'https://www.blog.example/media/2021/03/baies.jpg',
        'https://www.blog.example/media/2021/03/baies-480.avif',
        'https://www.blog.example/media/2021/03/baies-480.webp',
        'https://www.blog.example/sources/',
        `${ARTICLE}#user-content-fn-1`,
      ]),
    );
  });

  it('changes no text: code and prose that look like attributes stay as written', () => {
    const before = read(saved(BODY));
    const after = read(feedArticleHtml(saved(BODY), ARTICLE));
    // The heading's "#" anchor goes; every other character of text stays.
    expect(after.text).toBe(before.text.replace('Les recours#', 'Les recours'));
    expect(after.text).toContain('<a href="/piege/">');
    expect(after.text).toContain('href="/encore/" en clair, 3 < 4 & 5 > 2.');
  });

  it('drops the click-to-load video frame and the heading anchors, keeping the link to the video', () => {
    const source = saved(BODY);
    expect(read(source).tags).toContain('iframe');
    const html = feedArticleHtml(source, ARTICLE);
    const { tags, addresses } = read(html);
    expect(tags).not.toContain('iframe');
    expect(html).not.toContain('srcdoc');
    expect(html).not.toContain('class="anchor"');
    expect(addresses).toContain('https://vimeo.com/76979871');
    // Nothing else goes: one element fewer per heading anchor, and the frame.
    const anchors = source.match(/class="anchor"/g)?.length ?? 0;
    expect(anchors).toBeGreaterThan(0);
    expect(tags).toHaveLength(read(source).tags.length - anchors - 1);
  });

  it('drops characters XML cannot carry', () => {
    expect(feedArticleHtml('<p>un \u0001contrôle\uFFFF</p>', ARTICLE)).toBe('<p>un contrôle</p>');
  });
});
