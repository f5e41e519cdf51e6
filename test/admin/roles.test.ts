import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/auth/auth.policy.ts';
import type { Role } from '../../src/db/schema.ts';
import { createStaff, signIn, type Staff } from '../support/accounts.ts';
import { ENGINES } from '../support/database.ts';
import { API, expectStatus, startAdminSite, type AdminSite } from './admin-site.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
/** The post a case acts on: the acting person's own, or another author's. */
type Fixture = 'none' | 'ownDraft' | 'ownPublished' | 'othersDraft' | 'othersPublished' | 'category' | 'tag' | 'redirect';
type Who = Role | 'anonymous';

interface Made {
  id: number;
  rev: number;
  authorId: number;
  otherAuthorId: number;
}

interface Case {
  route: `${Method} ${string}`;
  does: string;
  fixture: Fixture;
  path?: (made: Made) => string;
  body?: (made: Made) => unknown;
  headers?: Record<string, string>;
  /** Administrator, editor, author, contributor; anonymous is always 401. */
  expected: [number, number, number, number];
}

const TOMORROW = '2026-01-02T08:00:00.000Z';

/**
 * Every content route of the Admin API × every role, with the post's ownership and status that
 * decide: WordPress's semantics (an author publishes their own posts, a contributor writes drafts).
 */
const MATRIX: Case[] = [
  { route: 'GET /posts', does: 'lists posts and pages', fixture: 'none', expected: [200, 200, 200, 200] },
  { route: 'POST /posts', does: 'creates their own draft', fixture: 'none', body: () => ({ title: 'Brouillon', markdown: 'x', status: 'draft' }), expected: [201, 201, 201, 201] },
  { route: 'POST /posts', does: 'creates their own post published', fixture: 'none', body: () => ({ title: 'Publié', markdown: 'x', status: 'published' }), expected: [201, 201, 201, 403] },
  { route: 'POST /posts', does: 'creates their own post scheduled', fixture: 'none', body: () => ({ title: 'Programmé', markdown: 'x', status: 'scheduled', publishedAt: TOMORROW }), expected: [201, 201, 201, 403] },
  { route: 'POST /posts', does: 'creates a page', fixture: 'none', body: () => ({ type: 'page', title: 'Page', markdown: 'x', status: 'draft' }), expected: [201, 201, 403, 403] },
  { route: 'POST /posts', does: 'creates a draft under another author’s byline', fixture: 'none', body: (m) => ({ title: 'Pour un autre', markdown: 'x', status: 'draft', authorId: m.otherAuthorId }), expected: [201, 201, 403, 403] },
  { route: 'GET /posts/:id', does: 'reads another author’s draft', fixture: 'othersDraft', expected: [200, 200, 200, 200] },
  { route: 'PATCH /posts/:id', does: 'edits their own draft', fixture: 'ownDraft', body: () => ({ markdown: 'Retouché' }), expected: [200, 200, 200, 200] },
  { route: 'PATCH /posts/:id', does: 'edits another author’s post', fixture: 'othersDraft', body: () => ({ markdown: 'Retouché' }), expected: [200, 200, 403, 403] },
  { route: 'PATCH /posts/:id', does: 'edits their own published post', fixture: 'ownPublished', body: () => ({ markdown: 'Retouché' }), expected: [200, 200, 200, 403] },
  { route: 'PATCH /posts/:id', does: 'publishes their own draft by its status', fixture: 'ownDraft', body: () => ({ status: 'published' }), expected: [200, 200, 200, 403] },
  { route: 'PATCH /posts/:id', does: 'hands their own draft to another author', fixture: 'ownDraft', body: (m) => ({ authorId: m.otherAuthorId }), expected: [200, 200, 403, 403] },
  { route: 'PATCH /posts/:id', does: 'turns their own draft into a page', fixture: 'ownDraft', body: () => ({ type: 'page' }), expected: [200, 200, 403, 403] },
  { route: 'DELETE /posts/:id', does: 'deletes their own draft', fixture: 'ownDraft', expected: [204, 204, 204, 204] },
  { route: 'DELETE /posts/:id', does: 'deletes their own published post', fixture: 'ownPublished', expected: [204, 204, 204, 403] },
  { route: 'DELETE /posts/:id', does: 'deletes another author’s post', fixture: 'othersPublished', expected: [204, 204, 403, 403] },
  { route: 'POST /posts/:id/publish', does: 'publishes their own post', fixture: 'ownDraft', body: () => ({}), expected: [200, 200, 200, 403] },
  { route: 'POST /posts/:id/publish', does: 'publishes another author’s post', fixture: 'othersDraft', expected: [200, 200, 403, 403] },
  { route: 'POST /posts/:id/schedule', does: 'schedules their own post', fixture: 'ownDraft', body: () => ({ publishedAt: TOMORROW }), expected: [200, 200, 200, 403] },
  { route: 'POST /posts/:id/schedule', does: 'schedules another author’s post', fixture: 'othersDraft', body: () => ({ publishedAt: TOMORROW }), expected: [200, 200, 403, 403] },
  { route: 'POST /posts/:id/unpublish', does: 'takes back their own published post', fixture: 'ownPublished', expected: [200, 200, 200, 403] },
  { route: 'POST /posts/:id/unpublish', does: 'takes back another author’s post', fixture: 'othersPublished', expected: [200, 200, 403, 403] },
  { route: 'GET /posts/:id/revisions', does: 'lists the revisions of their own draft', fixture: 'ownDraft', expected: [200, 200, 200, 200] },
  { route: 'GET /posts/:id/revisions/:rev', does: 'reads a revision of another author’s post', fixture: 'othersDraft', expected: [200, 200, 200, 200] },
  { route: 'POST /posts/:id/revisions/:rev/restore', does: 'restores a revision of their own draft', fixture: 'ownDraft', expected: [200, 200, 200, 200] },
  { route: 'POST /posts/:id/revisions/:rev/restore', does: 'restores a revision of another author’s post', fixture: 'othersDraft', expected: [200, 200, 403, 403] },
  { route: 'POST /preview', does: 'previews their own post', fixture: 'none', body: () => ({ title: 'Aperçu', markdown: 'x' }), expected: [200, 200, 200, 200] },
  { route: 'POST /preview', does: 'previews changes to another author’s post', fixture: 'othersDraft', path: () => '/preview', body: (m) => ({ id: m.id, title: 'Aperçu', markdown: 'x' }), expected: [200, 200, 403, 403] },
  { route: 'GET /categories', does: 'lists categories', fixture: 'none', expected: [200, 200, 200, 200] },
  { route: 'POST /categories', does: 'creates a category', fixture: 'none', body: () => ({ name: `Rubrique ${Math.random()}` }), expected: [201, 201, 403, 403] },
  { route: 'PATCH /categories/:id', does: 'renames a category', fixture: 'category', body: () => ({ description: 'Changée' }), expected: [200, 200, 403, 403] },
  { route: 'DELETE /categories/:id', does: 'deletes a category', fixture: 'category', expected: [204, 204, 403, 403] },
  { route: 'GET /tags', does: 'lists tags', fixture: 'none', expected: [200, 200, 200, 200] },
  { route: 'POST /tags', does: 'creates a tag', fixture: 'none', body: () => ({ name: `Étiquette ${Math.random()}` }), expected: [201, 201, 403, 403] },
  { route: 'PATCH /tags/:id', does: 'renames a tag', fixture: 'tag', body: () => ({ name: `Renommée ${Math.random()}` }), expected: [200, 200, 403, 403] },
  { route: 'DELETE /tags/:id', does: 'deletes a tag', fixture: 'tag', expected: [204, 204, 403, 403] },
  { route: 'GET /settings', does: 'reads the settings', fixture: 'none', expected: [200, 200, 200, 200] },
  { route: 'PATCH /settings', does: 'changes the settings', fixture: 'none', body: () => ({ description: 'Un blog' }), expected: [200, 403, 403, 403] },
  { route: 'GET /redirects', does: 'lists redirects', fixture: 'none', expected: [200, 200, 403, 403] },
  { route: 'POST /redirects', does: 'creates a redirect', fixture: 'none', body: () => ({ from: `/ancien-${Math.random()}/`, to: '/nouveau/', status: 301 }), expected: [201, 201, 403, 403] },
  { route: 'GET /redirects/:id', does: 'reads a redirect', fixture: 'redirect', expected: [200, 200, 403, 403] },
  { route: 'PATCH /redirects/:id', does: 'changes a redirect', fixture: 'redirect', body: () => ({ status: 302 }), expected: [200, 200, 403, 403] },
  { route: 'DELETE /redirects/:id', does: 'deletes a redirect', fixture: 'redirect', expected: [204, 204, 403, 403] },
  {
    route: 'POST /redirects/import',
    does: 'imports redirects from CSV',
    fixture: 'none',
    body: () => `/importe-${Math.random()}/,/nouveau/,301\n`,
    headers: { 'content-type': 'text/csv' },
    expected: [200, 200, 403, 403],
  },
  { route: 'GET /redirects/export', does: 'exports redirects as CSV', fixture: 'none', expected: [200, 200, 403, 403] },
];

describe.each(ENGINES)('the role matrix of the content Admin API (%s)', (engine) => {
  let site: AdminSite;
  /** Another author, whose posts everyone else's are not. */
  let other: Staff;

  beforeAll(async () => {
    site = await startAdminSite(engine);
    other = await createStaff(site.kiosque, { role: 'author' });
  });
  afterAll(() => site.dispose());

  /** What a case acts on, made fresh by an administrator for each call (a case may delete or publish it). */
  async function make(fixture: Fixture, who: Who): Promise<Made> {
    const authorId = who === 'anonymous' ? other.authorId : site.staff[who].authorId;
    const made: Made = { id: 0, rev: 0, authorId, otherAuthorId: other.authorId };
    if (fixture === 'none') return made;
    if (fixture === 'redirect') {
      made.id = expectStatus<{ id: number }>(await site.api('POST', '/redirects', { as: 'administrator', body: { from: `/regle-${Math.random()}/`, to: '/cible/', status: 301 } }), 201).id;
      return made;
    }
    if (fixture === 'category' || fixture === 'tag') {
      const kind = fixture === 'category' ? '/categories' : '/tags';
      made.id = expectStatus<{ id: number }>(await site.api('POST', kind, { as: 'administrator', body: { name: `Terme ${Math.random()}` } }), 201).id;
      return made;
    }
    const owner = fixture.startsWith('own') ? authorId : other.authorId;
    const status = fixture.endsWith('Draft') ? 'draft' : 'published';
    made.id = expectStatus<{ id: number }>(
      await site.api('POST', '/posts', { as: 'administrator', body: { title: `Article ${fixture}`, markdown: 'Texte.', status, authorId: owner } }),
      201,
    ).id;
    made.rev = expectStatus<{ revisions: { id: number }[] }>(await site.api('GET', `/posts/${made.id}/revisions`, { as: 'administrator' }), 200).revisions[0]!.id;
    return made;
  }

  it.each(MATRIX.map((row) => [`${row.route} — a role that ${row.does}`, row] as const))('%s', async (_name, row) => {
    const [method, template] = row.route.split(' ') as [Method, string];
    const expected: Record<Who, number> = { administrator: row.expected[0], editor: row.expected[1], author: row.expected[2], contributor: row.expected[3], anonymous: 401 };
    const actual = {} as Record<Who, number>;
    for (const who of [...ROLES, 'anonymous'] as Who[]) {
      const made = await make(row.fixture, who);
      const path = row.path?.(made) ?? template.replace(':id', String(made.id)).replace(':rev', String(made.rev));
      const response = await site.api(method, path, { as: who === 'anonymous' ? undefined : who, body: row.body?.(made), headers: row.headers });
      actual[who] = response.statusCode;
      if (response.statusCode >= 400) expect(response.json().code).toBe(response.statusCode === 401 ? 'unauthenticated' : 'forbidden');
    }
    expect(actual).toEqual(expected);
  });

  it('covers every content route the Admin API registers', async () => {
    const document = expectStatus<{ paths: Record<string, Record<string, { tags?: string[] }>> }>(await site.app.inject({ method: 'GET', url: '/api/openapi.json' }), 200);
    const content = new Set(['posts', 'categories', 'tags', 'settings', 'redirects']);
    const registered = Object.entries(document.paths)
      .filter(([path]) => path.startsWith(API))
      .flatMap(([path, operations]) =>
        Object.entries(operations)
          .filter(([, operation]) => operation.tags?.some((tag) => content.has(tag)))
          .map(([method]) => `${method.toUpperCase()} ${path.slice(API.length).replace(/\{(\w+)\}/g, ':$1')}`),
      );
    expect(registered.length).toBeGreaterThan(20);
    expect(new Set(MATRIX.map((row) => row.route))).toEqual(new Set(registered));
  });

  it('refuses what a contributor may not do before reading anything: a published post’s status stays', async () => {
    const made = await make('ownPublished', 'contributor');
    expect((await site.api('PATCH', `/posts/${made.id}`, { as: 'contributor', body: { status: 'draft' } })).statusCode).toBe(403);
    expect(expectStatus<{ status: string }>(await site.api('GET', `/posts/${made.id}`, { as: 'contributor' }), 200).status).toBe('published');
  });

  it('answers 404 for a post that does not exist, and 401 before that to strangers', async () => {
    expect((await site.api('PATCH', '/posts/999999', { as: 'editor', body: { title: 'x' } })).statusCode).toBe(404);
    expect((await site.api('POST', '/posts/999999/publish', { as: 'author' })).statusCode).toBe(404);
    expect((await site.api('PATCH', '/posts/999999', { body: { title: 'x' } })).statusCode).toBe(401);
  });
});

describe.each(ENGINES)('signing the Admin API’s requests (%s)', (engine) => {
  let site: AdminSite;

  beforeAll(async () => {
    site = await startAdminSite(engine);
  });
  afterAll(() => site.dispose());

  it('takes a session cookie with its CSRF token on every change', async () => {
    const session = await signIn(site.app, site.staff.editor);
    expect((await site.api('GET', '/posts', { as: session })).statusCode).toBe(200);
    const created = await site.api('POST', '/posts', { as: session, body: { title: 'Par le navigateur', markdown: 'x', status: 'published' } });
    const { url } = expectStatus<{ url: string }>(created, 201);
    expect((await site.get(url)).statusCode).toBe(200);

    const forged = await site.app.inject({ method: 'POST', url: `${API}/posts`, headers: { cookie: session.cookie }, payload: { title: 'Forgé', markdown: 'x', status: 'draft' } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ code: 'csrf_failed' });
    const wrong = await site.app.inject({ method: 'DELETE', url: `${API}/posts/1`, headers: { cookie: session.cookie, 'x-csrf-token': 'faux' } });
    expect(wrong.json()).toMatchObject({ code: 'csrf_failed' });
  });

  it('takes a bearer token without a CSRF token, and refuses an unknown one', async () => {
    const created = await site.app.inject({
      method: 'POST',
      url: `${API}/posts`,
      headers: { authorization: `Bearer ${site.staff.author.token}` },
      payload: { title: 'Par un programme', markdown: 'x', status: 'published' },
    });
    expectStatus(created, 201);
    const unknown = await site.app.inject({ method: 'GET', url: `${API}/posts`, headers: { authorization: 'Bearer kiosque_inconnu' } });
    expect(unknown.statusCode).toBe(401);
  });

  it('lets a contributor signed in with a password edit their own draft', async () => {
    const session = await signIn(site.app, site.staff.contributor);
    const { id } = expectStatus<{ id: number }>(await site.api('POST', '/posts', { as: session, body: { title: 'Mon brouillon', markdown: 'x', status: 'draft' } }), 201);
    expectStatus(await site.api('PATCH', `/posts/${id}`, { as: session, body: { markdown: 'y' } }), 200);
    expect((await site.api('POST', `/posts/${id}/publish`, { as: session, body: {} })).statusCode).toBe(403);
  });

  it('refuses fields in a publication action, which takes none', async () => {
    const { id } = expectStatus<{ id: number }>(await site.api('POST', '/posts', { as: 'editor', body: { title: 'x', markdown: 'x', status: 'draft' } }), 201);
    const response = await site.api('POST', `/posts/${id}/publish`, { as: 'editor', body: { when: 'now' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'when' });
  });
});
