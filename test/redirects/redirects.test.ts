import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, openKiosque } from '../../src/app.ts';
import { listAudit } from '../../src/auth/audit.service.ts';
import { loadConfig } from '../../src/config.ts';
import { expectStatus, startAdminSite, type AdminSite } from '../admin/admin-site.ts';
import { createStaff } from '../support/accounts.ts';
import { createPostgresDatabase, ENGINES } from '../support/database.ts';

interface Rule {
  id: number;
  from: string;
  to: string | null;
  status: number;
  kind: string;
  origin: string;
  note: string;
  hits: number;
  lastHitAt: string | null;
}

describe.each(ENGINES)('the redirect manager (%s)', (engine) => {
  let site: AdminSite;

  beforeAll(async () => {
    site = await startAdminSite(engine);
  });
  afterAll(() => site.dispose());

  const create = async (body: Record<string, unknown>) => expectStatus<Rule>(await site.api('POST', '/redirects', { as: 'editor', body }), 201);
  const find = async (from: string) => {
    const { rules } = expectStatus<{ rules: Rule[] }>(await site.api('GET', `/redirects?q=${encodeURIComponent(from)}&limit=200`, { as: 'editor' }), 200);
    return rules.find((rule) => rule.from === from);
  };
  const importCsv = (csv: string, query = '') =>
    site.api('POST', `/redirects/import${query}`, { as: 'editor', body: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });

  it('answers an exact rule’s 301, 302 and 410 on the public site, with the request’s query string', async () => {
    await create({ from: '/ancien-guide/', to: '/guide-seo/', status: 301 });
    await create({ from: '/promo-soldes/', to: 'https://boutique.example/soldes', status: 302, note: 'Campagne de janvier' });
    await create({ from: '/retire/', status: 410 });

    const moved = await site.get('/ancien-guide/?utm_source=lettre');
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe('/guide-seo/?utm_source=lettre');
    const temporary = await site.get('/promo-soldes/');
    expect(temporary.statusCode).toBe(302);
    expect(temporary.headers.location).toBe('https://boutique.example/soldes');
    expect((await site.get('/retire/')).statusCode).toBe(410);
    // Without the slash: straight to the target, not to the slash first.
    const bare = await site.get('/ancien-guide');
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe('/guide-seo/');
    // An address typed with its accents matches the request browsers send, and an external target goes out encoded.
    await create({ from: '/élections-2024/', to: 'https://archives.example/élections', status: 301 });
    const accented = await site.get('/%c3%a9lections-2024/');
    expect(accented.statusCode).toBe(301);
    expect(accented.headers.location).toBe('https://archives.example/%C3%A9lections');
  });

  it('answers pattern rules, the most specific first, exact rules before any', async () => {
    await create({ from: '/blog/*', to: '/$1', status: 301 });
    await create({ from: '/blog/2019/*', to: '/archives/2019/$1', status: 301 });
    await create({ from: '/blog/special/', to: '/dossier/', status: 302 });
    await create({ from: '/*/amp/', to: '/$1/', status: 301 });

    expect((await site.get('/blog/mon-article/')).headers.location).toBe('/mon-article/');
    expect((await site.get('/blog/2019/05/vieux/')).headers.location).toBe('/archives/2019/05/vieux/');
    expect((await site.get('/blog/special/')).headers.location).toBe('/dossier/');
    expect((await site.get('/un-article/amp/')).headers.location).toBe('/un-article/');
    // An archive address no route answers (a tag deleted long ago) goes through the rules too.
    await create({ from: '/tag/disparu/', to: '/tag/nouveau/', status: 301 });
    expect((await site.get('/tag/disparu/')).headers.location).toBe('/tag/nouveau/');
  });

  it('stores a rule to an address that redirects further as a rule to the final target', async () => {
    await create({ from: '/b1/', to: '/c1/', status: 301 });
    const a = await create({ from: '/a1/', to: '/b1/', status: 302 });
    expect(a).toMatchObject({ to: '/c1/', status: 302 });
    // Through a pattern too.
    await create({ from: '/rubrique/*', to: '/categorie/$1', status: 301 });
    expect(await create({ from: '/vieille-rubrique/', to: '/rubrique/seo/', status: 301 })).toMatchObject({ to: '/categorie/seo/' });
  });

  it('points the rules that led to an address at its new target when that address gets a rule', async () => {
    await create({ from: '/x2/', to: '/b2/', status: 301 });
    await create({ from: '/y2/', to: '/b2/', status: 302 });
    await create({ from: '/b2/', to: '/c2/', status: 301 });
    expect(await find('/x2/')).toMatchObject({ to: '/c2/', status: 301 });
    expect(await find('/y2/')).toMatchObject({ to: '/c2/', status: 302 });
    expect((await site.get('/x2/')).headers.location).toBe('/c2/');
    // A new pattern rule catches the exact rules that led under it.
    await create({ from: '/z2/', to: '/dossiers/seo/', status: 301 });
    await create({ from: '/dossiers/*', to: '/themes/$1', status: 301 });
    expect(await find('/z2/')).toMatchObject({ to: '/themes/seo/' });
    // An address that becomes a 410 takes the rules that led to it along.
    await create({ from: '/w2/', to: '/fin2/', status: 301 });
    await create({ from: '/fin2/', status: 410 });
    expect(await find('/w2/')).toMatchObject({ to: null, status: 410 });
  });

  it('refuses a circle, a rule to itself and a rule to a gone address, naming the field', async () => {
    await create({ from: '/p3/', to: '/q3/', status: 301 });
    const circle = await site.api('POST', '/redirects', { as: 'editor', body: { from: '/q3/', to: '/p3/', status: 301 } });
    expect(circle.statusCode).toBe(400);
    expect(circle.json()).toMatchObject({ code: 'invalid_request', field: 'to' });
    expect(circle.json().message).toContain('boucle');
    expect(await find('/q3/')).toBeUndefined();
    expect(await find('/p3/')).toMatchObject({ to: '/q3/' });

    const self = await site.api('POST', '/redirects', { as: 'editor', body: { from: '/r3/', to: 'http://127.0.0.1:3000/r3/', status: 301 } });
    expect(self.json()).toMatchObject({ field: 'to' });
    const growing = await site.api('POST', '/redirects', { as: 'editor', body: { from: '/old3/*', to: '/old3/new/$1', status: 301 } });
    expect(growing.json()).toMatchObject({ field: 'to' });
    await create({ from: '/mort3/', status: 410 });
    const toGone = await site.api('POST', '/redirects', { as: 'editor', body: { from: '/s3/', to: '/mort3/', status: 301 } });
    expect(toGone.json()).toMatchObject({ field: 'to' });
    const taken = await site.api('POST', '/redirects', { as: 'editor', body: { from: '/p3/', to: '/ailleurs/', status: 301 } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'conflict', field: 'from' });
  });

  it('checks the fields: unknown ones, a target on a 410, none on a 301, a path that is not local', async () => {
    const unknown = await site.api('POST', '/redirects', { as: 'editor', body: { from: '/a4/', to: '/b4/', status: 301, regex: true } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ field: 'regex' });
    expect((await site.api('POST', '/redirects', { as: 'editor', body: { from: '/a4/', to: '/b4/', status: 307 } })).json()).toMatchObject({ field: 'status' });
    expect((await site.api('POST', '/redirects', { as: 'editor', body: { from: '/a4/', to: '/b4/', status: 410 } })).json()).toMatchObject({ field: 'to' });
    expect((await site.api('POST', '/redirects', { as: 'editor', body: { from: '/a4/', status: 301 } })).json()).toMatchObject({ field: 'to' });
    expect((await site.api('POST', '/redirects', { as: 'editor', body: { from: 'https://ailleurs.example/a4/', to: '/b4/', status: 301 } })).json()).toMatchObject({ field: 'from' });
    expect((await site.api('POST', '/redirects', { as: 'editor', body: { from: '/a4/', to: 'ftp://x.example/', status: 301 } })).json()).toMatchObject({ field: 'to' });
  });

  it('changes and deletes a rule, and the public site follows at once, cached pages included', async () => {
    const post = await site.makePost({ title: 'Bilan du commerce en ligne', slug: 'bilan-commerce' });
    expect((await site.get('/bilan-commerce/')).statusCode).toBe(200);
    expect((await site.get('/bilan-commerce/')).statusCode).toBe(200);
    const rule = await create({ from: '/bilan-commerce/', to: '/guide-seo/', status: 302 });
    expect((await site.get('/bilan-commerce/')).statusCode).toBe(302);
    expectStatus(await site.api('PATCH', `/redirects/${rule.id}`, { as: 'editor', body: { status: 301, note: 'Fusion' } }), 200);
    expect((await site.get('/bilan-commerce/')).statusCode).toBe(301);
    expect(expectStatus<Rule>(await site.api('GET', `/redirects/${rule.id}`, { as: 'editor' }), 200)).toMatchObject({ status: 301, note: 'Fusion', origin: 'manual' });
    expect((await site.api('DELETE', `/redirects/${rule.id}`, { as: 'editor' })).statusCode).toBe(204);
    expect((await site.get('/bilan-commerce/')).statusCode).toBe(200);
    expect((await site.api('DELETE', `/redirects/${rule.id}`, { as: 'editor' })).statusCode).toBe(404);
    expect(post.id).toBeGreaterThan(0);
  });

  it('lists the 301 left by a slug change as automatic, and keeps it free of chains when a person adds a rule', async () => {
    const { id } = expectStatus<{ id: number }>(await site.api('POST', '/posts', { as: 'editor', body: { title: 'Rapport annuel', markdown: 'x', status: 'published', slug: 'rapport-2024' } }), 201);
    await site.api('PATCH', `/posts/${id}`, { as: 'editor', body: { slug: 'rapport-annuel' } });
    expect((await site.get('/rapport-2024/')).headers.location).toBe('/rapport-annuel/');
    expect(await find('/rapport-2024/')).toMatchObject({ to: '/rapport-annuel/', status: 301, kind: 'exact', origin: 'automatic' });
    const automaticOnly = expectStatus<{ rules: Rule[] }>(await site.api('GET', '/redirects?origin=automatic', { as: 'editor' }), 200);
    expect(automaticOnly.rules.map((rule) => rule.from)).toContain('/rapport-2024/');
    expect(automaticOnly.rules.every((rule) => rule.origin === 'automatic')).toBe(true);

    // A person's rule to the old address is stored to the post's address; a later move takes both along.
    expect(await create({ from: '/rapport/', to: '/rapport-2024/', status: 301 })).toMatchObject({ to: '/rapport-annuel/' });
    await site.api('PATCH', `/posts/${id}`, { as: 'editor', body: { slug: 'rapport-2025' } });
    expect(await find('/rapport/')).toMatchObject({ to: '/rapport-2025/', origin: 'manual' });
    expect(await find('/rapport-2024/')).toMatchObject({ to: '/rapport-2025/', origin: 'automatic' });
    expect((await site.get('/rapport/')).headers.location).toBe('/rapport-2025/');

    // Deleted: its address and those that led to it answer 410, listed as automatic; a person may send it elsewhere.
    await site.api('DELETE', `/posts/${id}`, { as: 'editor' });
    const gone = await find('/rapport-2025/');
    expect(gone).toMatchObject({ status: 410, to: null, origin: 'automatic' });
    expect((await site.get('/rapport/')).statusCode).toBe(410);
    expectStatus(await site.api('PATCH', `/redirects/${gone!.id}`, { as: 'editor', body: { status: 301, to: '/guide-seo/' } }), 200);
    expect((await site.get('/rapport-2025/')).headers.location).toBe('/guide-seo/');
  });

  it('imports a CSV file: rules created, duplicates updated, chains collapsed, with a dry run that writes nothing', async () => {
    const csv = 'from,to,status,note\n/imp-a/,/imp-b/,301,Ancien plan\n/imp-b/,/imp-c/,301,\n/imp-old/*,/imp-new/$1,302,\n/imp-gone/,,410,\n';
    const dry = expectStatus(await importCsv(csv, '?dryRun=true'), 200);
    expect(dry).toEqual({ dryRun: true, created: 4, updated: 0, skipped: 0, rewritten: 1 });
    expect(await find('/imp-a/')).toBeUndefined();

    expect(expectStatus(await importCsv(csv), 200)).toEqual({ dryRun: false, created: 4, updated: 0, skipped: 0, rewritten: 1 });
    expect(await find('/imp-a/')).toMatchObject({ to: '/imp-c/', origin: 'import', note: 'Ancien plan' });
    expect((await site.get('/imp-old/x/y/')).headers.location).toBe('/imp-new/x/y/');
    expect((await site.get('/imp-gone/')).statusCode).toBe(410);

    expect(expectStatus(await importCsv('/imp-a/,/imp-d/,302'), 200)).toMatchObject({ created: 0, updated: 1 });
    expect(await find('/imp-a/')).toMatchObject({ to: '/imp-d/', status: 302 });
  });

  it('refuses a whole file for one bad line, saying which lines and why, and writes nothing', async () => {
    const csv = ['/bad-a/,/bad-b/,301', '/bad-c/,/bad-d/,307', 'bad-e,/bad-f/,301', '/bad-g/,/bad-h/,301', '/bad-h/,/bad-g/,301'].join('\n');
    const response = await importCsv(csv);
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body).toMatchObject({ code: 'redirects_import_invalid', field: 'body' });
    expect(body.message).toContain('3');
    expect(body.errors.map((error: { line: number; field: string }) => [error.line, error.field])).toEqual([
      [2, 'status'],
      [3, 'from'],
      [5, 'to'],
    ]);
    expect(body.errors[0].message).toMatch(/^ligne 2\u00a0: status /);
    expect(await find('/bad-a/')).toBeUndefined();
    expect(await find('/bad-g/')).toBeUndefined();
  });

  it('exports every rule as CSV that the import reads back', async () => {
    const response = await site.api('GET', '/redirects/export', { as: 'editor' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('attachment');
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toBe('from,to,status,note,kind,origin,hits');
    expect(lines).toContain('/imp-old/*,/imp-new/$1,302,,pattern,import,1');
    const again = expectStatus<{ created: number; updated: number }>(await importCsv(response.body, '?dryRun=true'), 200);
    expect(again.created).toBe(0);
    expect(again.updated).toBe(lines.length - 1);
  });

  it('counts hits in memory and shows them in the list', async () => {
    const rule = await create({ from: '/compte/', to: '/guide-seo/', status: 301 });
    await site.get('/compte/');
    await site.get('/compte/?a=1');
    const listed = await find('/compte/');
    expect(listed).toMatchObject({ hits: 2 });
    expect(listed!.lastHitAt).not.toBeNull();
    expect(rule.hits).toBe(0);
  });

  it('searches and pages the list', async () => {
    const first = expectStatus<{ rules: Rule[]; total: number }>(await site.api('GET', '/redirects?q=imp-&limit=2&page=1', { as: 'editor' }), 200);
    const second = expectStatus<{ rules: Rule[]; total: number }>(await site.api('GET', '/redirects?q=imp-&limit=2&page=2', { as: 'editor' }), 200);
    expect(first.total).toBeGreaterThanOrEqual(4);
    expect(first.rules).toHaveLength(2);
    expect(second.rules.map((rule) => rule.id)).not.toContain(first.rules[0]!.id);
    expect([...first.rules, ...second.rules].every((rule) => `${rule.from} ${rule.to}`.includes('imp-'))).toBe(true);
    const notes = expectStatus<{ rules: Rule[] }>(await site.api('GET', '/redirects?q=campagne', { as: 'editor' }), 200);
    expect(notes.rules.map((rule) => rule.from)).toEqual(['/promo-soldes/']);
  });

  it('writes every change to the audit log', async () => {
    const rule = await create({ from: '/audit-a/', to: '/audit-b/', status: 301 });
    await site.api('PATCH', `/redirects/${rule.id}`, { as: 'editor', body: { to: '/audit-c/' } });
    await site.api('DELETE', `/redirects/${rule.id}`, { as: 'editor' });
    await importCsv('/audit-d/,/audit-e/,301');
    const { entries } = await listAudit(site.kiosque.db.kysely, { action: 'redirect' });
    const mine = entries.filter((entry) => entry.targetId === String(rule.id)).reverse();
    expect(mine.map((entry) => entry.action)).toEqual(['redirect.create', 'redirect.update', 'redirect.delete']);
    expect(mine[0]).toMatchObject({ actor: { userId: site.staff.editor.userId }, targetType: 'redirect', details: { from: '/audit-a/', to: '/audit-b/', status: 301 } });
    expect(mine[1]!.details).toMatchObject({ to: { was: '/audit-b/', is: '/audit-c/' } });
    expect(entries[0]).toMatchObject({ action: 'redirect.import', details: { lines: 1, created: 1, updated: 0 } });
  });
});

describe('redirect patterns on several instances of one PostgreSQL database', () => {
  it('reloads the patterns of every instance when one of them changes a rule (LISTEN/NOTIFY)', async () => {
    const database = await createPostgresDatabase();
    const dirs = [fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-a-')), fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-b-'))];
    const configs = dirs.map((dir) => loadConfig({}, { KIOSQUE_DATA_DIR: dir, DATABASE_URL: database.url, KIOSQUE_LOG_LEVEL: 'silent' }));
    const [first, second] = await Promise.all(configs.map((config) => openKiosque(config)));
    const apps = await Promise.all([buildApp(first!), buildApp(second!)]);
    try {
      const editor = await createStaff(first!, { role: 'editor' });
      // The second instance has read its (empty) patterns already.
      expect((await apps[1]!.inject({ url: '/vieux-site/rubrique/' })).statusCode).toBe(404);
      const created = await apps[0]!.inject({
        method: 'POST',
        url: '/api/admin/v1/redirects',
        headers: { authorization: `Bearer ${editor.token}` },
        payload: { from: '/vieux-site/*', to: '/$1', status: 301 },
      });
      expect(created.statusCode).toBe(201);
      await expect.poll(async () => (await apps[1]!.inject({ url: '/vieux-site/rubrique/' })).headers.location, { timeout: 5000 }).toBe('/rubrique/');
    } finally {
      await Promise.all(apps.map((app) => app.close()));
      await Promise.all([first!.close(), second!.close()]);
      await database.drop();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
