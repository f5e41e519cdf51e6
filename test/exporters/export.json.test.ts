import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import formats, { type FormatsPlugin } from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/users.service.ts';
import { KiosqueError } from '../../src/errors.ts';
import { exportJson } from '../../src/exporters/export.json.ts';
import { ExportSource } from '../../src/exporters/export.reader.ts';
import { mediaRoot } from '../../src/media/media.service.ts';
import { projectPath } from '../../src/paths.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';
import { leftovers, loadDemo, temporaryFolder } from './export-support.ts';

const schema = JSON.parse(fs.readFileSync(projectPath('docs', 'export.schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true });
// ajv-formats is CommonJS: its plugin is the default export's `default` once loaded as a module.
const addFormats = ((formats as unknown as { default?: FormatsPlugin }).default ?? formats) as FormatsPlugin;
addFormats(ajv);
const validate = ajv.compile(schema);

const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SESSION_ID = 'a'.repeat(64);
const CSRF_TOKEN = 'csrf-token-never-exported';

interface ExportDocument {
  site: { title: string; url: string };
  authors: { slug: string; name: string; email: string | null; role: string | null }[];
  categories: { slug: string; parent: string | null; path: string }[];
  tags: { slug: string }[];
  media: { path: string; sha256: string }[];
  posts: { id: number; type: string; status: string; slug: string; path: string | null; markdown: string; html: string; categories: string[]; author: string | null }[];
  redirects: { from: string; to: string | null; status: number }[];
  comments: { postId: number; parentId: number | null; authorEmail: string; status: string }[];
}

describe.each(ENGINES)('JSON export on %s', (engine) => {
  let site: TestSite;
  let folder: ReturnType<typeof temporaryFolder>;
  let passwordHash: string;
  let articleId: number;

  beforeAll(async () => {
    site = await startTestSite(engine);
    folder = temporaryFolder();
    await loadDemo(site);
    const { db } = site.kiosque;
    const staff = await createUser(db, { email: 'Nadia.Roux@example.fr', name: 'Nadia Roux', role: 'editor', password: 'un mot de passe assez long' }, new Date());
    await db.kysely.updateTable('users').set({ totp_secret: TOTP_SECRET, totp_enabled_at: new Date().toISOString() }).where('id', '=', staff.id).execute();
    const now = new Date().toISOString();
    await db.kysely
      .insertInto('sessions')
      .values({ id: SESSION_ID, user_id: staff.id, csrf_token: CSRF_TOKEN, method: 'password', ip: '203.0.113.9', user_agent: 'test', created_at: now, last_seen_at: now, expires_at: now })
      .execute();
    passwordHash = (await db.kysely.selectFrom('users').select('password_hash').where('id', '=', staff.id).executeTakeFirstOrThrow()).password_hash!;
    const article = await site.makePost({ title: 'Les hébergeurs après l’incendie', categories: ['Ecommerce > Hébergement'], author: 'Nadia Roux' });
    articleId = article.id;
    await site.makePost({ title: 'Un brouillon', status: 'draft', publishedAt: null });
    await db.kysely
      .insertInto('redirects')
      .values({ from_path: '/ancien-guide/', to_path: '/incendie-ovh-strasbourg/', status_code: 301, created_at: now, updated_at: now })
      .execute();
    const first = await db.kysely
      .insertInto('comments')
      .values({ post_id: article.id, parent_id: null, author_name: 'Paul', author_email: 'paul@example.org', author_url: null, html: '<p>Merci !</p>', status: 'approved', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.kysely
      .insertInto('comments')
      .values({ post_id: article.id, parent_id: first.id, author_name: 'Léa', author_email: 'lea@example.org', author_url: 'https://lea.example.org', html: '<p>Pareil.</p>', status: 'pending', created_at: now, updated_at: now })
      .execute();
  });

  afterAll(async () => {
    await site.dispose();
    folder.remove();
  });

  const context = () => ({ db: site.kiosque.db, siteUrl: 'https://www.example.fr', generator: 'Kiosque test' });

  it('writes everything, valid against the published JSON Schema', async () => {
    const file = path.join(folder.dir, 'site.json');
    const report = await exportJson(context(), file);
    const document = JSON.parse(fs.readFileSync(file, 'utf8')) as ExportDocument;
    expect(validate(document), JSON.stringify(validate.errors, null, 2)).toBe(true);

    expect(report).toMatchObject({ format: 'json', posts: 12, pages: 3, media: 10, redirects: 1, comments: 2 });
    expect(document.site).toMatchObject({ title: 'Kiosque Ecommerce, SEO & SEA', url: 'https://www.example.fr' });
    expect(document.posts.map((post) => post.id)).toEqual([...document.posts.map((post) => post.id)].sort((a, b) => a - b));
    expect(document.categories.find((category) => category.slug === 'hebergement')).toMatchObject({ parent: 'ecommerce', path: 'Ecommerce > Hébergement' });

    const article = document.posts.find((post) => post.id === articleId)!;
    expect(article).toMatchObject({ status: 'published', path: `/${article.slug}/`, categories: ['hebergement'] });
    expect(article.markdown).toContain('## Une partie');
    expect(article.html).toContain('<h2');
    const draft = document.posts.find((post) => post.slug === 'un-brouillon')!;
    expect(draft).toMatchObject({ status: 'draft', path: null });

    const ovh = document.posts.find((post) => post.slug === 'incendie-ovh-strasbourg')!;
    expect(ovh.markdown).toContain(':::pullquote');
    expect(ovh.html).toContain('class="pullquote"');
    for (const media of document.media) expect(fs.existsSync(path.join(mediaRoot(site.kiosque.config.dataDir), media.path))).toBe(true);

    expect(document.redirects).toEqual([expect.objectContaining({ from: '/ancien-guide/', to: '/incendie-ovh-strasbourg/', status: 301 })]);
    expect(document.comments).toEqual([
      expect.objectContaining({ postId: articleId, parentId: null, authorEmail: 'paul@example.org', status: 'approved' }),
      expect.objectContaining({ postId: articleId, authorEmail: 'lea@example.org', status: 'pending' }),
    ]);
    expect(report.personalData).toEqual(expect.arrayContaining(['authors.email', 'comments.authorEmail']));
  });

  it('limits personal data to name, slug, bio, e-mail and role: no password hash, second factor, session or token', async () => {
    const file = path.join(folder.dir, 'personal.json');
    await exportJson(context(), file);
    const text = fs.readFileSync(file, 'utf8');
    const document = JSON.parse(text) as ExportDocument;
    const staff = document.authors.find((author) => author.name === 'Nadia Roux')!;
    expect(staff).toEqual({ id: expect.any(Number), slug: 'nadia-roux', name: 'Nadia Roux', bio: '', email: 'nadia.roux@example.fr', role: 'editor' });
    expect(document.authors.find((author) => author.slug === 'claire-delmas')).toMatchObject({ email: null, role: null });
    for (const secret of [passwordHash, TOTP_SECRET, SESSION_ID, CSRF_TOKEN, '203.0.113.9', 'argon2']) expect(text).not.toContain(secret);
  });

  it('refuses to replace an existing file unless forced, and leaves no temporary file', async () => {
    const file = path.join(folder.dir, 'existing.json');
    fs.writeFileSync(file, 'précieux');
    const refusal = await exportJson(context(), file).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(KiosqueError);
    expect((refusal as KiosqueError).code).toBe('export_target_exists');
    expect(fs.readFileSync(file, 'utf8')).toBe('précieux');

    await exportJson(context(), file, { force: true });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ format: 'kiosque-export', version: 1 });
    expect(leftovers(folder.dir)).toEqual([]);
  });

  it('refuses a folder without creating anything in it', async () => {
    const refusal = await exportJson(context(), folder.dir).catch((error: unknown) => error);
    expect((refusal as KiosqueError).code).toBe('export_target_is_folder');
    expect(leftovers(folder.dir)).toEqual([]);
  });

  it('reads posts a page at a time, each once, in id order', async () => {
    const source = await ExportSource.open(site.kiosque.db);
    const pages: number[][] = [];
    for await (const page of source.posts(4)) pages.push(page.map((post) => post.id));
    expect(pages.every((page) => page.length <= 4)).toBe(true);
    const ids = pages.flat();
    expect(ids).toHaveLength(await source.countPosts());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });
});
