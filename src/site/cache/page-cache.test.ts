import v8 from 'node:v8';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../lib/memory.ts';
import { chooseEncoding, matchesEtag, PageCache, prepareResponse } from './page-cache.ts';

const page = (text: string, size = 2000) => prepareResponse(text.padEnd(size, '.'), { contentType: 'text/html', cacheControl: 'public' });

describe('PageCache', () => {
  it('keeps pages within its byte budget, dropping the least recently used first', () => {
    const pages = [1, 2, 3, 4, 5].map((n) => page(`page ${n}`));
    const budget = pages.slice(0, 4).reduce((sum, p) => sum + p.bytes, 0);
    const cache = new PageCache(budget);
    pages.slice(0, 4).forEach((p, i) => cache.set(`/${i + 1}/`, p));
    expect(cache.size).toBe(4);
    cache.get('/1/');
    cache.set('/5/', pages[4]!);
    expect(cache.get('/2/')).toBeUndefined();
    expect(cache.get('/1/')).toBeDefined();
    expect(cache.get('/5/')).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(budget);
  });

  it('orders pages by their last use, a replaced page counting as used and by its new size', () => {
    const pages = [1, 2, 3, 4, 5, 6].map((n) => page(`page ${n}`));
    const size = pages[0]!.bytes;
    const cache = new PageCache(size * 5);
    pages.slice(0, 5).forEach((p, i) => cache.set(`/${i + 1}/`, p));
    for (let round = 0; round < 3; round++) for (const key of ['/5/', '/1/', '/2/', '/3/', '/4/']) cache.get(key);
    // Replacing /5/ makes it the most recent, and the larger page puts the cache over its budget:
    // /1/, now the least recently used, goes.
    const bigger = page('page 5 again', 2300);
    cache.set('/5/', bigger);
    expect(cache.size).toBe(4);
    expect(cache.bytes).toBe(size * 3 + bigger.bytes);
    expect(cache.get('/2/')).toBe(pages[1]);
    cache.set('/6/', pages[5]!);
    expect(cache.bytes).toBe(size * 3 + bigger.bytes);
    for (const [key, expected] of [['/1/', undefined], ['/3/', undefined], ['/4/', pages[3]], ['/5/', bigger], ['/2/', pages[1]], ['/6/', pages[5]]] as const) {
      expect(cache.get(key), key).toBe(expected);
    }
  });

  it('answers hits without leaving garbage that only a full collection frees', () => {
    const cache = new PageCache(1_000_000);
    const keys = ['/a/', '/b/', '/c/'];
    for (const key of keys) cache.set(key, page(key));
    // A server's cache lives long enough to be in the old generation; a full collection moves it there.
    collectGarbage();
    const oldSpace = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')!.space_used_size;
    const before = oldSpace();
    let found = 0;
    for (let hit = 0; hit < 300_000; hit++) if (cache.get(keys[hit % 3]!)) found++;
    const grown = oldSpace() - before;
    expect(found).toBe(300_000);
    expect(grown).toBeLessThan(1_000_000);
  });

  it('refuses a page larger than a quarter of its budget rather than emptying itself for it', () => {
    const cache = new PageCache(10_000);
    cache.set('/small/', page('small', 600));
    cache.set('/huge/', prepareResponse('x'.repeat(50_000) + Math.random(), { contentType: 'text/html', cacheControl: 'public' }));
    expect(cache.get('/huge/')).toBeUndefined();
    expect(cache.get('/small/')).toBeDefined();
  });

  it('does nothing when its budget is zero', () => {
    const cache = new PageCache(0);
    expect(cache.enabled).toBe(false);
  });

  it('clears everything at once', () => {
    const cache = new PageCache(1_000_000);
    cache.set('/a/', page('a'));
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });
});

describe('content negotiation', () => {
  const response = page('body', 5000);

  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(chooseEncoding('gzip, deflate, br', response)).toBe('br');
    expect(chooseEncoding('gzip', response)).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5', response)).toBe('gzip');
    expect(chooseEncoding('identity', response)).toBe('identity');
    expect(chooseEncoding(undefined, response)).toBe('identity');
  });

  it('does not compress tiny bodies', () => {
    expect(chooseEncoding('br', prepareResponse('ok', { contentType: 'text/plain', cacheControl: 'no-store' }))).toBe('identity');
  });

  it('compares ETags weakly, in lists and with *', () => {
    expect(matchesEtag(response.etag, response.etag)).toBe(true);
    expect(matchesEtag(`"other", ${response.etag.replace('W/', '')}`, response.etag)).toBe(true);
    expect(matchesEtag('*', response.etag)).toBe(true);
    expect(matchesEtag('"other"', response.etag)).toBe(false);
    expect(matchesEtag(undefined, response.etag)).toBe(false);
  });
});

describe('PreparedResponse', () => {
  it('compresses each encoding once, when first asked for, and decompresses to the page', () => {
    const response = prepareResponse('<p>Le e-commerce français</p>'.repeat(100), { contentType: 'text/html', cacheControl: 'public' });
    const brotli = response.body('br');
    expect(response.body('br')).toBe(brotli);
    expect(brotliDecompressSync(brotli).equals(response.identity)).toBe(true);
    expect(gunzipSync(response.body('gzip')).equals(response.identity)).toBe(true);
    expect(brotli.length).toBeLessThan(response.identity.length / 3);
  });

  it('holds the page as UTF-8, whatever its size and characters, and does not share bytes between pages', () => {
    const texts = ['', 'plain ascii', 'Création d’emplois\u202f: «\u00a0e-commerce\u00a0» 😀', 'é'.repeat(200_000), 'x'.repeat(400_000) + '’', 'lone \ud800 surrogate'];
    const responses = texts.map((text) => prepareResponse(text, { contentType: 'text/html', cacheControl: 'public' }));
    responses.forEach((response, index) => expect(response.identity.equals(Buffer.from(texts[index]!, 'utf8'))).toBe(true));
    // A later page does not overwrite an earlier one's bytes.
    expect(responses[2]!.identity.toString('utf8')).toBe(texts[2]);
  });

  it('sends its own headers first, then caching, validator and body headers, for each encoding', () => {
    const security = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
    const response = prepareResponse('<p>Bonjour</p>'.repeat(100), { contentType: 'text/html', cacheControl: 'public, max-age=60', headers: security, lastModified: '2024-05-01T10:00:00Z' });
    const fixed = ['x-content-type-options', 'nosniff', 'referrer-policy', 'no-referrer', 'cache-control', 'public, max-age=60', 'etag', response.etag, 'vary', 'accept-encoding', 'last-modified', 'Wed, 01 May 2024 10:00:00 GMT'];
    expect(response.headersFor('identity')).toEqual([...fixed, 'content-type', 'text/html', 'content-length', String(response.identity.length)]);
    expect(response.headersFor('gzip')).toEqual([...fixed, 'content-type', 'text/html', 'content-encoding', 'gzip', 'content-length', String(response.body('gzip').length)]);
    expect(response.headersFor('not-modified')).toEqual(fixed);
    const other = prepareResponse('autre', { contentType: 'text/plain', cacheControl: 'no-store', headers: security });
    expect(other.headersFor('identity').slice(0, 8)).toEqual(['x-content-type-options', 'nosniff', 'referrer-policy', 'no-referrer', 'cache-control', 'no-store', 'etag', other.etag]);
  });
});
