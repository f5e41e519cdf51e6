import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMarkdownFolder } from '../../src/importers/markdown/markdown.importer.ts';
import { makeFolder, png, SVG } from '../../src/importers/markdown/markdown.fixtures.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';

describe.each(ENGINES)('media library on %s', (engine) => {
  let site: TestSite;
  let folder: string;

  beforeAll(async () => {
    site = await startTestSite(engine);
    folder = makeFolder({
      'posts/entrepot.md': '---\ntitle: Entrepôt\ndate: 2021-03-01\nimage: ../img/entrepot.png\nimage_alt: Un entrepôt\n---\n![Le schéma](../img/schema.svg "Le schéma du site")\n',
      'img/entrepot.png': png(40, 30),
      'img/schema.svg': SVG,
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

  it('answers 404 for anything that is not a stored file name', async () => {
    for (const url of ['/media/../kiosque.sqlite', '/media/%2e%2e/kiosque.sqlite', '/media/2021/01/absent-0000000000.png', '/media/2021/01/shell.php', '/media/kiosque.sqlite']) {
      expect((await site.get(url)).statusCode, url).toBe(404);
    }
  });
});
