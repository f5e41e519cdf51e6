import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savePost } from '../../src/content/content.service.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { createTestConfig, ENGINES } from '../support/database.ts';
import { postInput } from '../support/site.ts';

/** Warm pages are answered in front of the router, over real HTTP; in-process tests never reach it. */
describe.each(ENGINES)('the page cache in front of the router on %s', (engine) => {
  let server: RunningServer;
  let cleanup: () => Promise<void>;
  let postId: number;

  beforeAll(async () => {
    const test = await createTestConfig(engine, { PORT: '0' });
    cleanup = test.cleanup;
    server = await startServer(test.config);
    postId = (await savePost(server.kiosque, postInput({ title: 'Première version', slug: 'devant', publishedAt: '2021-03-01T08:00:00.000Z' }))).id;
  });
  afterAll(async () => {
    await server.stop();
    await cleanup();
  });

  it('answers a warm page with the same bytes, headers, compression and 304 as the router', async () => {
    const cold = await fetch(server.url + 'devant/', { headers: { 'accept-encoding': 'identity' } });
    const coldBody = await cold.text();
    const warm = await fetch(server.url + 'devant/', { headers: { 'accept-encoding': 'identity' } });
    expect(await warm.text()).toBe(coldBody);
    for (const header of ['etag', 'cache-control', 'content-security-policy', 'content-type', 'vary', 'content-length']) {
      expect(warm.headers.get(header), header).toBe(cold.headers.get(header));
    }
    const compressed = await fetch(server.url + 'devant/', { headers: { 'accept-encoding': 'br' } });
    expect(compressed.headers.get('content-encoding')).toBe('br');
    expect(await compressed.text()).toBe(coldBody);
    const notModified = await fetch(server.url + 'devant/', { headers: { 'if-none-match': warm.headers.get('etag')! } });
    expect(notModified.status).toBe(304);
  });

  it('stops answering a page from the cache as soon as its article changes', async () => {
    expect(await (await fetch(server.url + 'devant/')).text()).toContain('Première version');
    await savePost(server.kiosque, postInput({ title: 'Deuxième version', slug: 'devant', publishedAt: '2021-03-01T08:00:00.000Z' }), postId);
    expect(await (await fetch(server.url + 'devant/')).text()).toContain('Deuxième version');
  });
});
