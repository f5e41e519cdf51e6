import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMissingDrawingCopies } from '../../src/media/media.drawings.ts';
import { mediaRoot, mediaVariants } from '../../src/media/media.service.ts';
import { addUploadedMedia } from '../../src/media/media.upload.ts';
import { ENGINES } from '../support/database.ts';
import { metaOf, nodeOfType, parseHead } from '../support/html-head.ts';
import { startTestSite, type TestSite } from '../support/site.ts';
import { HOSTILE_SVGS } from '../media/media.fixtures.ts';

const SITE_URL = 'https://www.blog-exemple.fr';
const DRAWING = '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675"><rect width="1200" height="675" fill="#1d2540"/><circle cx="600" cy="330" r="200" fill="#f4a261"/></svg>';

/** What social networks and Google get for an article whose featured image is an SVG drawing. */
describe.each(ENGINES)('an article illustrated by a drawing on %s', (engine) => {
  let site: TestSite;
  let drawingKey: string;
  let copy: { key: string; width: number; height: number };

  beforeAll(async () => {
    site = await startTestSite(engine, { KIOSQUE_SITE_URL: SITE_URL });
    const { kiosque } = site;
    const { media } = await addUploadedMedia(kiosque.db, kiosque.config.dataDir, { content: Buffer.from(DRAWING), originalName: 'incendie.svg', uploadedBy: null });
    drawingKey = media.storage_key;
    copy = mediaVariants(media)[0]!;
    await site.makePost({ title: 'Incendie au datacenter', slug: 'incendie', image: { url: `/media/${drawingKey}`, alt: 'La tour en flammes' } });
  });
  afterAll(() => site.dispose());

  /** The page without its head, where the drawing is shown. */
  const bodyOf = (html: string) => html.slice(html.indexOf('</head>'));

  it('shares the PNG copy as a large card, with its size and type', async () => {
    const page = parseHead((await site.get('/incendie/')).body);
    expect(copy).toMatchObject({ width: 1200, height: 675 });
    expect(metaOf(page, 'og:image')).toBe(`${SITE_URL}/media/${copy.key}`);
    expect(metaOf(page, 'og:image:type')).toBe('image/png');
    expect(metaOf(page, 'og:image:width')).toBe('1200');
    expect(metaOf(page, 'og:image:height')).toBe('675');
    expect(metaOf(page, 'og:image:alt')).toBe('La tour en flammes');
    expect(metaOf(page, 'twitter:card')).toBe('summary_large_image');
    expect(metaOf(page, 'twitter:image')).toBe(`${SITE_URL}/media/${copy.key}`);
    const response = await site.get(`/media/${copy.key}`);
    expect(response.headers['content-type']).toBe('image/png');
  });

  it('gives Google the PNG copy, never the SVG, in the article’s structured data', async () => {
    const article = nodeOfType(parseHead((await site.get('/incendie/')).body), 'NewsArticle');
    expect(article!.image).toEqual([{ '@type': 'ImageObject', url: `${SITE_URL}/media/${copy.key}`, width: 1200, height: 675 }]);
  });

  it('still shows the drawing itself on the page, as a plain image, exactly as before it had a copy', async () => {
    const { kiosque } = site;
    const withCopy = bodyOf((await site.get('/incendie/')).body);
    expect(withCopy).toContain(`<img src="/media/${drawingKey}"`);
    expect(withCopy).not.toContain('<picture');
    expect(withCopy).not.toContain('.png');
    // The same drawing as a library made before copies existed: the page is the same, byte for byte.
    await kiosque.db.kysely.updateTable('media').set({ variants: '[]' }).execute();
    await kiosque.events.emit({ type: 'content.changed', reason: 'unannounced' });
    const before = (await site.get('/incendie/')).body;
    expect(metaOf(parseHead(before), 'og:image')).toBe(`${SITE_URL}/logo.png`);
    expect(bodyOf(before)).toBe(withCopy);

    // The next start gives it its copy again.
    fs.rmSync(path.join(mediaRoot(kiosque.config.dataDir), copy.key));
    expect(await addMissingDrawingCopies(kiosque.db, kiosque.config.dataDir)).toBe(1);
    await kiosque.events.emit({ type: 'content.changed', reason: 'unannounced' });
    const after = (await site.get('/incendie/')).body;
    expect(metaOf(parseHead(after), 'og:image')).toBe(`${SITE_URL}/media/${copy.key}`);
    expect(fs.existsSync(path.join(mediaRoot(kiosque.config.dataDir), copy.key))).toBe(true);
    expect(bodyOf(after)).toBe(withCopy);
  });

  it('never draws a drawing in the library that is not a plain one, however it got there', async () => {
    const { kiosque } = site;
    const hostile = HOSTILE_SVGS.find((svg) => svg.name === 'an external image')!.svg;
    const key = '2020/01/ancien-0123456789.svg';
    const file = path.join(mediaRoot(kiosque.config.dataDir), key);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, hostile.replace('<svg ', '<svg width="100" height="50" '));
    await kiosque.db.kysely
      .insertInto('media')
      .values({ storage_key: key, original_name: 'ancien.svg', mime_type: 'image/svg+xml', bytes: hostile.length, width: 100, height: 50, sha256: 'f'.repeat(64), alt: '', created_at: new Date().toISOString() })
      .execute();
    expect(await addMissingDrawingCopies(kiosque.db, kiosque.config.dataDir)).toBe(0);
    const row = await kiosque.db.kysely.selectFrom('media').select('variants').where('storage_key', '=', key).executeTakeFirstOrThrow();
    expect(row.variants).toBe('[]');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['ancien-0123456789.svg']);
  });
});
