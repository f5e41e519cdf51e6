import { afterEach, describe, expect, it } from 'vitest';
import { createRenderPool, type MarkdownRenderer } from './markdown.pool.ts';
import { commentHtml } from '../../comments/comments.html.ts';
import { renderMarkdown } from './markdown.pipeline.ts';
import { stemmedText } from '../../search/search.french.ts';

const BODIES = [
  '## Le marché\n\nLe e-commerce pèse **112 milliards** d’euros : +10 % en un an !',
  '| Pays | Projets |\n|---|---:|\n| France | 1 259 |\n| Allemagne | 832 |',
  ':::pullquote\nLa livraison reste le nerf de la guerre.\n:::\n\nUn chiffre[^1].\n\n[^1]: Fevad, bilan 2024.',
  '::video{url="https://youtu.be/dQw4w9WgXcQ" title="Démo"}\n\n![Entrepôt](/media/2024/05/entrepot.jpg "Un entrepôt")',
  'Du <mark>HTML</mark> écrit à la main, et un <script>alert(1)</script> qui ne passe pas.',
];
const SIZES = new Map([['/media/2024/05/entrepot.jpg', { width: 1200, height: 800 }]]);

let pool: MarkdownRenderer | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('render pool', () => {
  it('renders on its threads exactly what the calling thread renders', async () => {
    pool = createRenderPool({ threads: 2 });
    const jobs = BODIES.flatMap((body) => (['fr', 'en'] as const).map((locale) => ({ body, locale })));
    const results = await Promise.all(jobs.map(({ body, locale }) => pool!.render(body, { locale, imageSizes: SIZES })));
    results.forEach((result, index) => {
      const { body, locale } = jobs[index]!;
      expect(result).toEqual(renderMarkdown(body, { locale, imageSize: (src) => SIZES.get(src) }));
    });
    expect(results[6]!.html).toContain('width="1200" height="800"');
    expect(pool.rendered).toEqual({ threads: jobs.length, inline: 0 });
  });

  it('stems the body’s text for the search index when asked, on its threads and on the calling thread', async () => {
    // Two bodies on the calling thread first, the rest on the thread.
    pool = createRenderPool({ threads: 1, inlineFirst: 2 });
    const stemmed = await Promise.all(BODIES.map((body) => pool!.render(body, { locale: 'fr', stems: true })));
    const plain = await pool.render(BODIES[0]!, { locale: 'fr' });
    for (const [index, result] of stemmed.entries()) {
      const { textStems, ...rendered } = result;
      expect(rendered).toEqual(renderMarkdown(BODIES[index]!, { locale: 'fr' }));
      expect(textStems).toBe(stemmedText(rendered.text));
    }
    expect(stemmed[0]!.textStems).toContain('milliard');
    expect(plain.textStems).toBeUndefined();
    expect(pool.rendered).toEqual({ threads: BODIES.length - 1, inline: 2 });
  });

  it('makes comments safe on its threads exactly as the calling thread does', async () => {
    pool = createRenderPool({ threads: 1 });
    const texts = ['Merci !\n\nTrès utile : <a href="https://example.fr" onclick="x()">mon site</a>', '<script>alert(1)</script>Bien vu', ''];
    expect(await pool.renderComments(texts, 'fr')).toEqual(texts.map((text) => commentHtml(text, 'fr')));
    expect(await pool.renderComments([], 'en')).toEqual([]);
  });

  it('renders on the calling thread what a thread that ran out of memory could not', async () => {
    // A heap too small to load the pipeline: every thread dies of it, no body is lost. (Far
    // smaller, 1 MB, and V8 cannot even create the thread's heap: Node 24 then aborts the process.)
    pool = createRenderPool({ threads: 1, heapMb: 8 });
    const results = await Promise.all(BODIES.map((body) => pool!.render(body, { locale: 'fr' })));
    results.forEach((result, index) => expect(result).toEqual(renderMarkdown(BODIES[index]!, { locale: 'fr' })));
    expect(pool.rendered).toEqual({ threads: 0, inline: BODIES.length });
  });

  it('rejects what it had not rendered when it is closed, and renders nothing after', async () => {
    pool = createRenderPool({ threads: 1 });
    const pending = pool.render(BODIES[0]!.repeat(200), { locale: 'fr' });
    await pool.close();
    await expect(pending).rejects.toThrow(/closed before this body was rendered/);
    await expect(pool.render(BODIES[0]!, { locale: 'fr' })).rejects.toThrow(/closed/);
  });
});
