import fs from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMarkdownFolder } from '../../src/importers/markdown/markdown.importer.ts';
import { makeFolder, png, SVG } from '../../src/importers/markdown/markdown.fixtures.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';

/** A drawing large enough to be worth compressing. */
const PLAN = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">${Array.from({ length: 60 }, (_, i) => `<rect x="${(i * 7) % 400}" y="${(i * 5) % 300}" width="20" height="10" fill="#c03"/>`).join('')}</svg>\n`;

describe.each(ENGINES)('media library on %s', (engine) => {
  let site: TestSite;
  let folder: string;

  beforeAll(async () => {
    site = await startTestSite(engine);
    folder = makeFolder({
      'posts/entrepot.md': '---\ntitle: Entrepôt\ndate: 2021-03-01\nimage: ../img/entrepot.png\nimage_alt: Un entrepôt\n---\n![Le schéma](../img/schema.svg "Le schéma du site")\n\n![Le plan](../img/plan.svg)\n',
      'img/entrepot.png': png(40, 30),
      'img/schema.svg': SVG,
      'img/plan.svg': PLAN,
    });
    const { kiosque } = site;
    const report = await importMarkdownFolder({ db: kiosque.db, events: kiosque.events, dataDir: kiosque.config.dataDir }, folder);
    expect(report.errors).toEqual([]);
  });
  afterAll(async () => {
    await site.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  async function mediaUrls(): Promise<string[]> {
    const html = (await site.get('/entrepot/')).body;
    return [...html.matchAll(/src="(\/media\/[^"]+)"/g)].map((match) => match[1]!);
  }

  it('serves imported images with their type read from their bytes, cached for a year', async () => {
    const urls = await mediaUrls();
    const image = urls.find((url) => url.endsWith('.png'));
    expect(image).toMatch(/^\/media\/\d{4}\/\d{2}\/entrepot-[0-9a-f]{10}\.png$/);
    const response = await site.get(image!);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['cache-control']).toContain('immutable');
    expect(response.rawPayload.equals(png(40, 30))).toBe(true);
  });

  it('gives the featured image its width and height, so the page does not jump while loading', async () => {
    const html = (await site.get('/entrepot/')).body;
    expect(html).toMatch(/<img[^>]*src="\/media\/[^"]+\.png"[^>]*width="40"[^>]*height="30"|<img[^>]*width="40"[^>]*height="30"[^>]*src="\/media\/[^"]+\.png"/);
  });

  it('serves SVG drawings with a policy that forbids scripts if one is opened on its own', async () => {
    const svg = (await mediaUrls()).find((url) => url.endsWith('.svg'));
    const response = await site.get(svg!);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/svg+xml');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).toContain('sandbox');
  });

  it('answers HEAD with the length and headers a GET has, for pictures and drawings', async () => {
    const urls = await mediaUrls();
    for (const url of [urls.find((u) => u.endsWith('.png'))!, urls.find((u) => u.includes('/plan-'))!]) {
      const get = await site.get(url);
      const head = await site.app.inject({ method: 'HEAD', url });
      expect(head.statusCode, url).toBe(200);
      expect(head.body, url).toBe('');
      expect(Number(head.headers['content-length']), url).toBe(get.rawPayload.length);
      expect(Number(head.headers['content-length']), url).toBeGreaterThan(0);
      for (const name of ['content-type', 'etag', 'cache-control', 'content-security-policy', 'x-content-type-options']) {
        expect(head.headers[name], `${url} ${name}`).toBe(get.headers[name]);
      }
    }
  });

  it('answers 304 to a reader that already has the file', async () => {
    const urls = await mediaUrls();
    for (const url of [urls.find((u) => u.endsWith('.png'))!, urls.find((u) => u.includes('/plan-'))!]) {
      const first = await site.get(url);
      expect(first.headers.etag, url).toBeTruthy();
      const again = await site.get(url, { 'if-none-match': String(first.headers.etag) });
      expect(again.statusCode, url).toBe(304);
      expect(again.body, url).toBe('');
      expect(again.headers['cache-control'], url).toContain('immutable');
      expect((await site.get(url, { 'if-none-match': '"autre"' })).statusCode, url).toBe(200);
    }
  });

  it('compresses drawings for readers that accept it, never pictures', async () => {
    const urls = await mediaUrls();
    const drawing = urls.find((u) => u.includes('/plan-'))!;
    const brotli = await site.get(drawing, { 'accept-encoding': 'gzip, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toContain('accept-encoding');
    expect(brotliDecompressSync(brotli.rawPayload).toString('utf8')).toBe(PLAN);
    const gzip = await site.get(drawing, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(PLAN);
    expect((await site.get(drawing)).rawPayload.toString('utf8')).toBe(PLAN);

    const picture = await site.get(urls.find((u) => u.endsWith('.png'))!, { 'accept-encoding': 'gzip, br' });
    expect(picture.headers['content-encoding']).toBeUndefined();
    expect(picture.rawPayload.equals(png(40, 30))).toBe(true);
  });

  it('answers 404 for anything that is not a stored file name', async () => {
    for (const url of ['/media/../kiosque.sqlite', '/media/%2e%2e/kiosque.sqlite', '/media/2021/01/absent-0000000000.png', '/media/2021/01/shell.php', '/media/kiosque.sqlite']) {
      expect((await site.get(url)).statusCode, url).toBe(404);
    }
  });
});
