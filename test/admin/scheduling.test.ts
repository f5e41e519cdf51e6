import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, openKiosque } from '../../src/app.ts';
import { listAudit } from '../../src/auth/audit.service.ts';
import { savePost } from '../../src/content/content.service.ts';
import { PUBLISH_POST_JOB, postJobSubject } from '../../src/content/publishing.service.ts';
import { inlineRenderer } from '../../src/content/markdown/markdown.pool.ts';
import { importMarkdownFolder } from '../../src/importers/markdown/markdown.importer.ts';
import { importWordpress } from '../../src/importers/wordpress/wp.importer.ts';
import { findJob } from '../../src/jobs/jobs.queries.ts';
import { createStaff } from '../support/accounts.ts';
import { createTestConfig, ENGINES } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { postInput } from '../support/site.ts';
import { API, expectStatus, startAdminSite, type AdminSite } from './admin-site.ts';

const inAnHour = (iso: string) => new Date(Date.parse(iso) + 3_600_000).toISOString();

describe.each(ENGINES)('scheduled publishing (%s)', (engine) => {
  let site: AdminSite;

  beforeAll(async () => {
    site = await startAdminSite(engine);
  });
  afterAll(() => site.dispose());

  const statusOf = async (id: number) => expectStatus<{ status: string }>(await site.api('GET', `/posts/${id}`, { as: 'editor' }), 200).status;
  const jobOf = (id: number) => findJob(site.kiosque.db.kysely, PUBLISH_POST_JOB, postJobSubject(id));

  it('goes out on time: hidden before, public at its time, then published by the job', async () => {
    const start = site.clock.now;
    const at = inAnHour(start);
    const { id, url } = expectStatus<{ id: number; url: string }>(
      await site.api('POST', '/posts', { as: 'author', body: { title: 'Programmé pour dans une heure', markdown: 'Bientôt.', status: 'scheduled', publishedAt: at } }),
      201,
    );
    expect(await jobOf(id)).toMatchObject({ runAt: at });
    expect((await site.get(url)).statusCode).toBe(404);
    expect((await site.get('/')).body).not.toContain('Programmé pour dans une heure');

    site.clock.now = new Date(Date.parse(at) + 1000).toISOString();
    // The row is the schedule: the site shows it as soon as its time has come.
    expect((await site.get(url)).statusCode).toBe(200);
    expect((await site.get('/')).body).toContain('Programmé pour dans une heure');
    // The runner's timer was set for an hour of real time; any content change sets it again, to now.
    await site.kiosque.events.emit({ type: 'content.changed', reason: 'post.saved' });
    expect(await eventually(() => statusOf(id), (status) => status === 'published')).toBe('published');
    // The runner removes the job once its handler has committed: a moment after the post is published.
    expect(await eventually(() => jobOf(id), (job) => job === undefined)).toBeUndefined();
    const { entries } = await listAudit(site.kiosque.db.kysely, { action: 'post.publish' });
    expect(entries.find((entry) => entry.targetId === String(id))).toMatchObject({ actor: { userId: null, label: 'system' }, details: { scheduled: true } });
    site.clock.now = start;
  });

  it('publishes on time what an import beside the running site scheduled, without a restart', async () => {
    const start = site.clock.now;
    const { db, events, config } = site.kiosque;
    const context = { db, events, dataDir: config.dataDir };
    const idOf = async (slug: string) => (await db.kysely.selectFrom('posts').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-scheduled-'));
    try {
      await importWordpress(context, path.resolve(import.meta.dirname, '../fixtures/wordpress/blog-fr.xml'), { renderer: inlineRenderer() });
      fs.writeFileSync(path.join(folder, 'rentree.md'), '---\ntitle: La rentrée du commerce en ligne\ndate: 2031-09-01T06:00:00Z\n---\n\nLes chiffres de septembre.\n');
      await importMarkdownFolder(context, folder, { renderer: inlineRenderer() });
      const fromWordpress = await idOf('soldes-dete-ce-qui-change');
      const fromMarkdown = await idOf('rentree');
      // Each import gave its scheduled post a job at its date, before it committed.
      expect(await jobOf(fromWordpress)).toMatchObject({ runAt: '2030-06-26T05:00:00.000Z' });
      expect(await jobOf(fromMarkdown)).toMatchObject({ runAt: '2031-09-01T06:00:00.000Z' });

      site.clock.now = '2031-09-01T06:00:01.000Z';
      await events.emit({ type: 'content.changed', reason: 'post.saved' });
      expect(await eventually(() => statusOf(fromMarkdown), (status) => status === 'published')).toBe('published');
      expect(await statusOf(fromWordpress)).toBe('published');
    } finally {
      site.clock.now = start;
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps the job true: rescheduled, published now, taken back, deleted', async () => {
    const { id } = expectStatus<{ id: number }>(await site.api('POST', '/posts', { as: 'editor', body: { title: 'À programmer', markdown: 'x', status: 'draft' } }), 201);
    expect(await jobOf(id)).toBeUndefined();

    const first = inAnHour(site.clock.now);
    const scheduled = expectStatus<{ status: string; publishedAt: string }>(await site.api('POST', `/posts/${id}/schedule`, { as: 'editor', body: { publishedAt: first } }), 200);
    expect(scheduled).toMatchObject({ status: 'scheduled', publishedAt: first });
    expect(await jobOf(id)).toMatchObject({ runAt: first });

    const second = inAnHour(first);
    await site.api('POST', `/posts/${id}/schedule`, { as: 'editor', body: { publishedAt: second.replace('Z', '+00:00') } });
    expect(await jobOf(id)).toMatchObject({ runAt: second });

    await site.api('POST', `/posts/${id}/unpublish`, { as: 'editor' });
    expect(await jobOf(id)).toBeUndefined();

    await site.api('POST', `/posts/${id}/schedule`, { as: 'editor', body: { publishedAt: first } });
    expectStatus(await site.api('POST', `/posts/${id}/publish`, { as: 'editor' }), 200);
    expect(await statusOf(id)).toBe('published');
    expect(await jobOf(id)).toBeUndefined();

    await site.api('POST', `/posts/${id}/schedule`, { as: 'editor', body: { publishedAt: first } });
    expect(await jobOf(id)).toBeDefined();
    expect((await site.api('DELETE', `/posts/${id}`, { as: 'editor' })).statusCode).toBe(204);
    expect(await jobOf(id)).toBeUndefined();
  });

  it('refuses a date in the past for a schedule', async () => {
    const { id } = expectStatus<{ id: number }>(await site.api('POST', '/posts', { as: 'editor', body: { title: 'Passé', markdown: 'x', status: 'draft' } }), 201);
    const response = await site.api('POST', `/posts/${id}/schedule`, { as: 'editor', body: { publishedAt: '2020-01-01T00:00:00Z' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_request', field: 'publishedAt' });
    expect(await statusOf(id)).toBe('draft');
  });
});

describe.each(ENGINES)('scheduled publishing across a restart (%s)', (engine) => {
  it('runs the jobs that fell due while the site was down as soon as it starts again, imported posts included', async () => {
    const { config, cleanup } = await createTestConfig(engine);
    try {
      const before = '2026-01-01T00:00:00.000Z';
      let kiosque = await openKiosque(config);
      let app = await buildApp(kiosque, { now: () => before });
      await app.ready();
      const editor = await createStaff(kiosque, { role: 'editor' });
      const created = await app.inject({
        method: 'POST',
        url: `${API}/posts`,
        headers: { authorization: `Bearer ${editor.token}` },
        payload: { title: 'Publié pendant la panne', markdown: 'x', status: 'scheduled', publishedAt: inAnHour(before) },
      });
      const { id } = expectStatus<{ id: number }>(created, 201);
      // An import writes rows only: its scheduled post has no job until the site starts.
      const imported = await savePost(kiosque, postInput({ title: 'Importé, programmé', status: 'scheduled', publishedAt: inAnHour(before) }));
      await app.close();
      await kiosque.close();

      // Two hours later, the site starts again on the same database.
      kiosque = await openKiosque(config);
      app = await buildApp(kiosque, { now: () => inAnHour(inAnHour(before)) });
      await app.ready();
      try {
        const post = await kiosque.db.kysely.selectFrom('posts').select(['status', 'published_at']).where('id', '=', id).executeTakeFirstOrThrow();
        expect(post).toEqual({ status: 'published', published_at: inAnHour(before) });
        expect(await findJob(kiosque.db.kysely, PUBLISH_POST_JOB, postJobSubject(id))).toBeUndefined();
        const importedNow = await kiosque.db.kysely.selectFrom('posts').select('status').where('id', '=', imported.id).executeTakeFirstOrThrow();
        expect(importedNow.status).toBe('published');
      } finally {
        await app.close();
        await kiosque.close();
      }
    } finally {
      await cleanup();
    }
  });
});
