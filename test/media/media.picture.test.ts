import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/content/markdown/markdown.pipeline.ts';
import { ARTICLE_IMAGE_SIZES, pictureMarkup } from '../../src/media/media.picture.ts';
import { addUploadedMedia } from '../../src/media/media.upload.ts';
import { mediaVariants, type MediaVariant } from '../../src/media/media.service.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';
import { photoJpeg } from './media.fixtures.ts';

const variants: MediaVariant[] = ['avif', 'webp', 'jpeg'].flatMap((format) =>
  [480, 800].map((width) => ({
    format: format as MediaVariant['format'],
    width,
    height: width / 2,
    key: `2026/05/manif-${width}w-0123456789.${format === 'jpeg' ? 'jpg' : format}`,
    bytes: 1000,
  })),
);

describe('library images in articles', () => {
  const render = (markdown: string) =>
    renderMarkdown(markdown, {
      locale: 'fr',
      imageSize: (src) => (src === '/media/2026/05/manif-800w-0123456789.jpg' ? { width: 800, height: 400, picture: pictureMarkup(variants, 'image/jpeg') } : undefined),
    }).html;

  it('become a <picture> with AVIF and WebP sources, sizes, and the width and height of the image', () => {
    const avif = '/media/2026/05/manif-480w-0123456789.avif 480w, /media/2026/05/manif-800w-0123456789.avif 800w';
    const webp = '/media/2026/05/manif-480w-0123456789.webp 480w, /media/2026/05/manif-800w-0123456789.webp 800w';
    const jpeg = '/media/2026/05/manif-480w-0123456789.jpg 480w, /media/2026/05/manif-800w-0123456789.jpg 800w';
    expect(render('![La manifestation](/media/2026/05/manif-800w-0123456789.jpg "Place de la République")')).toBe(
      '<figure><picture>' +
        `<source type="image/avif" srcset="${avif}" sizes="${ARTICLE_IMAGE_SIZES}">` +
        `<source type="image/webp" srcset="${webp}" sizes="${ARTICLE_IMAGE_SIZES}">` +
        `<img src="/media/2026/05/manif-800w-0123456789.jpg" alt="La manifestation" loading="lazy" decoding="async" width="800" height="400" srcset="${jpeg}" sizes="${ARTICLE_IMAGE_SIZES}">` +
        '</picture><figcaption>Place de la République</figcaption></figure>',
    );
  });

  it('stay a <picture> inside a sentence, without becoming a figure', () => {
    expect(render('Voir ![la manifestation](/media/2026/05/manif-800w-0123456789.jpg) ici.')).toMatch(/^<p>Voir <picture><source type="image\/avif"[^>]*>.*<img [^>]*><\/picture> ici\.<\/p>$/);
  });

  it('leave other images as plain <img>', () => {
    expect(render('![Logo](https://cdn.example.com/logo.png)')).not.toContain('<picture');
  });

  it('never let a writer’s own <picture> or srcset through the sanitiser', () => {
    const html = render('<picture><source srcset="javascript:alert(1) 1x"><img src="/x.png" srcset="https://evil.example/a.png 1x" alt="x"></picture>');
    expect(html).not.toContain('<picture');
    expect(html).not.toContain('<source');
    expect(html).not.toContain('srcset');
    expect(html).not.toContain('javascript');
  });
});

describe.each(ENGINES)('an uploaded photo in a published article on %s', (engine) => {
  let site: TestSite;

  beforeAll(async () => {
    site = await startTestSite(engine);
  });
  afterAll(async () => {
    await site.dispose();
  });

  it('is offered as AVIF and WebP at every width, each served with its type', async () => {
    const { kiosque } = site;
    const { media } = await addUploadedMedia(kiosque.db, kiosque.config.dataDir, { content: await photoJpeg(1000, 750), originalName: 'manif.jpg', uploadedBy: null });
    await site.makePost({ slug: 'la-manif', title: 'La manif', markdown: `Le cortège.\n\n![Le cortège](/media/${media.storage_key} "Place de la République")\n` });
    const html = (await site.get('/la-manif/')).body;
    const picture = /<picture>.*?<\/picture>/s.exec(html)?.[0] ?? '';
    expect(picture).toContain(`<img src="/media/${media.storage_key}"`);
    expect(picture).toMatch(/width="1000" height="750"/);
    for (const variant of mediaVariants(media)) {
      expect(picture).toContain(`/media/${variant.key} ${variant.width}w`);
      const response = await site.get(`/media/${variant.key}`);
      expect(response.statusCode, variant.key).toBe(200);
      expect(response.headers['content-type'], variant.key).toBe(`image/${variant.format}`);
    }
    expect(mediaVariants(media).map((variant) => variant.width).sort((a, b) => a - b)).toEqual([480, 480, 480, 800, 800, 800, 1000, 1000, 1000]);
  });
});
