import fs from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/i18n/i18n.ts';
import { MAX_MEDIA_BYTES, mediaRoot } from '../../src/media/media.service.ts';
import { createStaff, signIn, type Staff } from '../support/accounts.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';
import { decompressionBomb, HOSTILE_SVGS, photoJpeg, PHP_SHELL, plainPng } from './media.fixtures.ts';

interface FilePart {
  content: Buffer;
  name: string;
  type?: string;
}

/** A multipart/form-data body as a browser's FormData sends it. */
async function multipart(fields: Record<string, string | FilePart>): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([new Uint8Array(value.content)], { type: value.type ?? 'application/octet-stream' }), value.name);
  }
  const request = new Request('http://kiosque.test/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } };
}

describe.each(ENGINES)('the media routes of the Admin API on %s', (engine) => {
  let site: TestSite;
  let author: Staff;
  let editor: Staff;
  let contributor: Staff;
  const sentence = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('fr', key, params);

  async function upload(staff: Staff | undefined, fields: Record<string, string | FilePart>): Promise<LightMyRequestResponse> {
    const { payload, headers } = await multipart(fields);
    return site.app.inject({
      method: 'POST',
      url: '/api/admin/v1/media',
      payload,
      headers: { ...headers, ...(staff ? { authorization: `Bearer ${staff.token}` } : {}) },
    });
  }
  const api = (staff: Staff, method: 'GET' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    site.app.inject({ method, url: `/api/admin/v1${url}`, headers: { authorization: `Bearer ${staff.token}` }, ...(payload ? { payload } : {}) });
  const mediaCount = async () => Number((await site.kiosque.db.kysely.selectFrom('media').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    site = await startTestSite(engine);
    author = await createStaff(site.kiosque, { role: 'author' });
    editor = await createStaff(site.kiosque, { role: 'editor' });
    contributor = await createStaff(site.kiosque, { role: 'contributor' });
  });
  afterAll(async () => {
    await site.dispose();
  });

  it('lets an author upload a photo and answers with its copies, alternative text and caption', async () => {
    const response = await upload(author, {
      alt: 'Le cortège boulevard Voltaire',
      caption: 'Manifestation du 1er mai',
      file: { content: await photoJpeg(1600, 1200), name: 'cortège.jpg', type: 'image/jpeg' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const media = response.json();
    expect(Object.keys(media).sort()).toEqual(['alt', 'caption', 'height', 'id', 'mimeType', 'srcset', 'url', 'variants', 'width']);
    expect(media).toMatchObject({ width: 1600, height: 1200, mimeType: 'image/jpeg', alt: 'Le cortège boulevard Voltaire', caption: 'Manifestation du 1er mai' });
    expect(media.url).toMatch(/^\/media\/\d{4}\/\d{2}\/cortege-1600w-[0-9a-f]{10}\.jpg$/);
    expect(media.srcset.avif).toMatch(/^\/media\/\S+-480w-\S+\.avif 480w, .* \/media\/\S+-1600w-\S+\.avif 1600w$/);
    expect(media.srcset.webp.split(', ')).toHaveLength(4);
    expect(media.srcset.original.split(', ')).toHaveLength(4);
    expect(media.variants).toHaveLength(12);
    const served = await site.get(media.url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');

    const audit = await site.kiosque.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'media.upload').where('target_id', '=', String(media.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: author.userId, target_type: 'media' });
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ name: 'cortège.jpg', created: true });
  });

  it('answers 200 with the same entry when the same file is uploaded again', async () => {
    const file = { content: await plainPng(50, 40, '#335577'), name: 'carte.png' };
    const first = await upload(author, { file });
    const again = await upload(editor, { file: { ...file, name: 'autre-nom.png' } });
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json().id).toBe(first.json().id);
  });

  it('refuses a contributor with 403 before reading the file, and a stranger with 401', async () => {
    const before = await mediaCount();
    const refused = await upload(contributor, { file: { content: await plainPng(20, 20, '#010203'), name: 'x.png' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({ code: 'forbidden', message: sentence('error.forbidden') });
    expect((await upload(undefined, { file: { content: await plainPng(20, 20, '#010203'), name: 'x.png' } })).statusCode).toBe(401);
    expect(await mediaCount()).toBe(before);
  });

  it('refuses a PHP script named .jpg and sent as image/jpeg with 415 and a sentence', async () => {
    const response = await upload(author, { file: { content: PHP_SHELL, name: 'photo.jpg', type: 'image/jpeg' } });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toEqual({ code: 'unsupported_media', message: `${sentence('media.refused.notAnImage')}.` });
  });

  it.each(HOSTILE_SVGS.filter((svg) => ['a script', 'an onload handler', 'an external image'].includes(svg.name)))(
    'refuses an SVG with $name with 415 and a sentence saying why',
    async ({ svg, reason }) => {
      const response = await upload(author, { file: { content: Buffer.from(svg), name: 'dessin.svg', type: 'image/svg+xml' } });
      expect(response.statusCode).toBe(415);
      const what = { script: 'media.svg.script', event_handler: 'media.svg.eventHandler', external_reference: 'media.svg.externalReference' }[reason] as Parameters<typeof translate>[1];
      expect(response.json()).toEqual({ code: 'unsupported_media', message: `${sentence('media.refused.unsafeSvg', { what: sentence(what) })}.` });
    },
  );

  it('refuses a decompression bomb quickly with 413 naming the pixel limit', async () => {
    const bomb = decompressionBomb();
    const started = performance.now();
    const response = await upload(author, { file: { content: bomb, name: 'bombe.png', type: 'image/png' } });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ code: 'payload_too_large', message: sentence('error.payloadTooLarge', { limit: sentence('media.limit.megapixels', { count: 64 }) }) });
  });

  it('refuses a file over the limit with 413 and the catalogue sentence', async () => {
    const huge = Buffer.alloc(MAX_MEDIA_BYTES + 1024);
    (await plainPng(10, 10)).copy(huge);
    const response = await upload(author, { file: { content: huge, name: 'enorme.png', type: 'image/png' } });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ code: 'payload_too_large', message: sentence('error.payloadTooLarge', { limit: sentence('media.limit.megabytes', { count: 20 }) }) });
  });

  it('stores a file sent with a path-traversal name under a key of its own', async () => {
    const response = await upload(author, { file: { content: await plainPng(30, 30, '#445566'), name: '../../../etc/passwd.jpg', type: 'image/jpeg' } });
    expect(response.statusCode).toBe(201);
    const { url, variants } = response.json<{ url: string; variants: { url: string }[] }>();
    expect(url).toMatch(/^\/media\/\d{4}\/\d{2}\/passwd-30w-[0-9a-f]{10}\.png$/);
    const root = mediaRoot(site.kiosque.config.dataDir);
    for (const file of [url, ...variants.map((variant) => variant.url)]) {
      expect(fs.existsSync(path.join(root, file.slice('/media/'.length)))).toBe(true);
    }
  });

  it('answers 400 naming the field when the file is missing', async () => {
    const response = await upload(author, { alt: 'Sans fichier' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_request', field: 'file' });
  });

  it('answers 400 naming the field when two files come in one upload', async () => {
    const response = await upload(author, {
      file: { content: await plainPng(10, 10, '#010101'), name: 'un.png' },
      other: { content: await plainPng(10, 10, '#020202'), name: 'deux.png' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_request', field: 'file' });
  });

  it('lists the library newest first, a page at a time', async () => {
    const newest = await upload(author, { file: { content: await plainPng(12, 12, '#abcdef'), name: 'dernier.png' } });
    const response = await api(contributor, 'GET', '/media?page=1');
    expect(response.statusCode).toBe(200);
    const page = response.json<{ media: { id: number }[]; total: number; pageSize: number }>();
    expect(page.media[0]!.id).toBe(newest.json().id);
    expect(page.total).toBe(await mediaCount());
    expect(page.pageSize).toBe(40);
    expect((await api(contributor, 'GET', '/media?page=2')).json().media).toEqual([]);
    expect((await api(contributor, 'GET', '/media?page=0')).statusCode).toBe(400);
  });

  it('lets an editor change the alternative text and caption, not an author', async () => {
    const { id } = (await upload(author, { file: { content: await plainPng(14, 14, '#0f0f0f'), name: 'a-decrire.png' } })).json<{ id: number }>();
    const edited = await api(editor, 'PATCH', `/media/${id}`, { alt: 'Un carré sombre', caption: 'Légende' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ id, alt: 'Un carré sombre', caption: 'Légende' });
    expect((await api(author, 'PATCH', `/media/${id}`, { alt: 'Autre' })).statusCode).toBe(403);
    expect((await api(editor, 'PATCH', '/media/999999', { alt: 'Rien' })).statusCode).toBe(404);
  });

  it('lets an editor delete an image no post shows, and refuses while one does', async () => {
    const { id, url } = (await upload(author, { file: { content: await plainPng(16, 16, '#123123'), name: 'a-supprimer.png' } })).json<{ id: number; url: string }>();
    const post = await site.makePost({ markdown: `![Un carré](${url})` });
    const inUse = await api(editor, 'DELETE', `/media/${id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toEqual({ code: 'conflict', message: `${sentence('media.inUse', { count: 1 })}.` });
    await site.kiosque.db.kysely.deleteFrom('posts').where('id', '=', post.id).execute();
    expect((await api(author, 'DELETE', `/media/${id}`)).statusCode).toBe(403);
    expect((await api(editor, 'DELETE', `/media/${id}`)).statusCode).toBe(204);
    expect((await site.get(url)).statusCode).toBe(404);
    expect((await api(editor, 'DELETE', `/media/${id}`)).statusCode).toBe(404);
  });

  it('needs the CSRF token when the upload comes with a session cookie', async () => {
    const session = await signIn(site.app, { email: author.email, password: author.password });
    const { payload, headers } = await multipart({ file: { content: await plainPng(18, 18, '#777777'), name: 'session.png' } });
    const withoutToken = await site.app.inject({ method: 'POST', url: '/api/admin/v1/media', payload, headers: { ...headers, cookie: session.cookie } });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().code).toBe('csrf_failed');
    const withToken = await site.app.inject({ method: 'POST', url: '/api/admin/v1/media', payload, headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
    expect(withToken.statusCode).toBe(201);
  });
});
