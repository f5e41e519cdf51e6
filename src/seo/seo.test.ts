import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n.ts';
import { makeChrome } from '../site/views/views.fixtures.ts';
import { buildPageHead, robotsDirective, SeoHead } from './seo.head.tsx';
import { cardImage, searchImages } from './seo.images.ts';
import { jsonLdText } from './seo.jsonld.ts';
import type { ImageCopy } from './seo.models.ts';
import { isThinListing, THIN_ARCHIVE_POSTS } from './seo.pages.ts';
import { HEADLINE_LENGTH, metaDescription, shorten, textOfHtml } from './seo.text.ts';
import { isoWithOffset } from '../lib/time-zones.ts';

const t = translator('fr');
const SITE = 'https://www.blog.example';

describe('text for search engines', () => {
  it('cuts a long description at a word, under 160 characters, with an ellipsis', () => {
    const long = 'Le bilan annuel de la Fevad montre une progression du commerce en ligne '.repeat(5);
    const cut = metaDescription(undefined, long);
    expect(cut.length).toBeLessThanOrEqual(160);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
    expect(cut.at(-2)).not.toBe(' ');
  });

  it('uses the description written for the page as it is, else the first fallback with text', () => {
    expect(metaDescription('Écrite à la main.', 'Extrait')).toBe('Écrite à la main.');
    expect(metaDescription('  ', '', undefined, 'Le site.')).toBe('Le site.');
    expect(metaDescription(undefined)).toBe('');
  });

  it('keeps headlines within Google’s 110 characters', () => {
    const title = 'OVH : « On Vous Habitue »… aux incidents. Dossier complet sur l’incendie, les manquements relevés et les recours des clients';
    const headline = shorten(title, HEADLINE_LENGTH);
    expect(headline.length).toBeLessThanOrEqual(HEADLINE_LENGTH);
    expect(headline.endsWith('…')).toBe(true);
    expect(shorten('Court', HEADLINE_LENGTH)).toBe('Court');
  });

  it('reads the text of article HTML', () => {
    const html = '<h2 id="a">Les recours</h2><p>Trois pistes\u00a0: l’assureur, <a href="/ovh/">OVH</a> &amp; la CNIL.</p><ul><li>1\u202f000 clients — déçus</li></ul>';
    expect(textOfHtml(html)).toBe('Les recours Trois pistes\u00a0: l’assureur, OVH & la CNIL. 1\u202f000 clients — déçus');
  });

  it('writes dates in the site’s zone with its offset, winter and summer', () => {
    expect(isoWithOffset('2021-03-10T08:00:00.000Z', 'Europe/Paris')).toBe('2021-03-10T09:00:00+01:00');
    expect(isoWithOffset('2021-07-14T22:30:00.000Z', 'Europe/Paris')).toBe('2021-07-15T00:30:00+02:00');
    expect(isoWithOffset('2021-07-14T22:30:00.000Z', 'UTC')).toBe('2021-07-14T22:30:00+00:00');
    expect(isoWithOffset('2021-07-14T22:30:00.000Z', 'America/Montreal')).toBe('2021-07-14T18:30:00-04:00');
    expect(isoWithOffset('2021-07-14T22:30:00.000Z', 'Nulle/Part')).toBe('2021-07-14T22:30:00+00:00');
  });
});

describe('JSON-LD text', () => {
  it('cannot end its script element or open a comment, and parses back to the same data', () => {
    const nodes = [{ '@type': 'Thing', name: 'a </script><script>alert(1)</script> <!-- b & c \u2028' }];
    const text = jsonLdText(nodes);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual({ '@context': 'https://schema.org', '@graph': nodes });
  });
});

describe('robots', () => {
  it('hides everything while the site is hidden, else follows the page', () => {
    expect(robotsDirective(true, false)).toBe('noindex, nofollow');
    expect(robotsDirective(true, true)).toBe('noindex, nofollow');
    expect(robotsDirective(false, true)).toBe('noindex');
    expect(robotsDirective(false, false)).toBe('max-image-preview:large');
  });

  it('calls a listing thin after its first page, and an archive with fewer than two posts', () => {
    const page = (n: number, pages: number) => ({ page: n, pages, previousHref: undefined, nextHref: undefined });
    expect(THIN_ARCHIVE_POSTS).toBe(2);
    expect(isThinListing(page(2, 3), 10, false)).toBe(true);
    expect(isThinListing(page(2, 2), 10, true)).toBe(true);
    expect(isThinListing(page(1, 1), 1, true)).toBe(true);
    expect(isThinListing(page(1, 1), 0, true)).toBe(true);
    expect(isThinListing(page(1, 1), 2, true)).toBe(false);
    // The home page is the site: indexed even while it holds one post.
    expect(isThinListing(page(1, 1), 1, false)).toBe(false);
  });
});

describe('shared images', () => {
  const copies: ImageCopy[] = [2400, 1600, 1200, 800, 480].flatMap((width) =>
    ['image/avif', 'image/webp', 'image/jpeg'].map((type) => ({ src: `/media/2026/05/photo-${width}w.${type.slice(6).replace('jpeg', 'jpg')}`, width, height: width / 2, type })),
  );
  const image = { src: '/media/2026/05/photo-2400w.jpg', alt: 'La photo', width: 2400, height: 1200 };

  it('gives cards the smallest JPEG at least 1200 pixels wide', () => {
    expect(cardImage(SITE, image, copies)).toEqual({ url: `${SITE}/media/2026/05/photo-1200w.jpg`, width: 1200, height: 600, alt: 'La photo', type: 'image/jpeg' });
  });

  it('gives search engines every size in the photo’s own format, absolute, largest first', () => {
    expect(searchImages(SITE, image, copies).map((c) => c.url)).toEqual([2400, 1600, 1200, 800, 480].map((w) => `${SITE}/media/2026/05/photo-${w}w.jpg`));
  });

  it('gives cards and search engines a drawing’s PNG copy, never the SVG; keeps an image from elsewhere as it is', () => {
    const drawing = { src: '/media/2021/03/incendie-0123456789.svg', alt: 'Dessin', width: 600, height: 300 };
    const drawingCopies: ImageCopy[] = [
      { src: '/media/2021/03/incendie-1200w-abcdef0123.png', width: 1200, height: 600, type: 'image/png' },
      { src: drawing.src, width: 600, height: 300, type: 'image/svg+xml' },
    ];
    const copy = { url: `${SITE}/media/2021/03/incendie-1200w-abcdef0123.png`, width: 1200, height: 600, alt: 'Dessin', type: 'image/png' };
    expect(cardImage(SITE, drawing, drawingCopies)).toEqual(copy);
    expect(searchImages(SITE, drawing, drawingCopies)).toEqual([copy]);
    // A drawing that could not be drawn: the site's logo stands in on cards, and Google gets no SVG.
    expect(cardImage(SITE, drawing, [])).toBeUndefined();
    expect(searchImages(SITE, drawing, [])).toEqual([]);
    const remote = { src: 'https://cdn.example.com/photo.jpg', alt: 'Photo', width: undefined, height: undefined };
    expect(cardImage(SITE, remote, [])?.url).toBe('https://cdn.example.com/photo.jpg');
  });
});

describe('the head', () => {
  const render = (alternates?: { hreflang: string; href: string }[]) =>
    SeoHead({
      head: buildPageHead(makeChrome({ siteUrl: SITE }), t, { title: 'T', description: 'D', canonicalPath: '/article/', noindex: false, seo: alternates ? { alternates } : undefined }),
    }).value;

  it('names other languages of a page only when it has some', () => {
    expect(render()).not.toContain('hreflang');
    expect(render([
      { hreflang: 'fr', href: '/article/' },
      { hreflang: 'en', href: 'https://en.blog.example/article/' },
      { hreflang: 'x-default', href: '/article/' },
    ])).toContain(
      `<link rel="alternate" hreflang="fr" href="${SITE}/article/"><link rel="alternate" hreflang="en" href="https://en.blog.example/article/"><link rel="alternate" hreflang="x-default" href="${SITE}/article/">`,
    );
  });

  it('makes the canonical absolute and uses English Open Graph locale on an English site', () => {
    const head = buildPageHead(makeChrome({ siteUrl: SITE, locale: 'en' }), translator('en'), { title: 'T', description: 'D', canonicalPath: '/a/', noindex: false, seo: undefined });
    expect(head.canonical).toBe(`${SITE}/a/`);
    expect(head.openGraph?.locale).toBe('en_US');
    expect(head.feeds.map((feed) => feed.title)).toEqual(['Le Blog Ecommerce – RSS feed', 'Le Blog Ecommerce – Atom feed', 'Le Blog Ecommerce – JSON feed']);
  });
});
