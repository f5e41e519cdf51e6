import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, openKiosque } from '../../src/app.ts';
import { savePost } from '../../src/content/content.service.ts';
import { inlineRenderer, type MarkdownRenderer } from '../../src/content/markdown/markdown.pool.ts';
import { RENDER_VERSION } from '../../src/content/markdown/markdown.version.ts';
import { RENDER_POSTS_JOB, renderStalePosts } from '../../src/content/stale-renders.service.ts';
import { findJob } from '../../src/jobs/jobs.queries.ts';
import { indexPost } from '../../src/search/search.index.ts';
import { expectStatus, startAdminSite, type AdminSite } from '../admin/admin-site.ts';
import { createTestConfig, ENGINES } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { postInput } from '../support/site.ts';

/** A body whose HTML depends on the site's language: French spaces, a footnote's back link. */
const BODY = 'Le chiffre de la Fevad : 112 milliards ? Oui[^1].\n\n[^1]: Selon son bilan annuel.';
const FRENCH_BACK_LINK = 'Revenir à l’appel de note 1';
const ENGLISH_BACK_LINK = 'Back to reference 1';

type Kiosque = Awaited<ReturnType<typeof openKiosque>>;

/** What a post's row says of its rendering. */
function renderingOf(kiosque: Kiosque, id: number) {
  return kiosque.db.kysely
    .selectFrom('posts')
    .select(['html', 'plain_text', 'excerpt', 'updated_at', 'render_version', 'render_locale'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Makes the posts look as a version before this one left them: HTML and text of another renderer. */
async function renderedByAnEarlierVersion(kiosque: Kiosque, ids: number[]): Promise<void> {
  await kiosque.db.kysely
    .updateTable('posts')
    .set({ html: '<p>Rendu ancien</p>', plain_text: 'rendu ancien', excerpt: 'rendu ancien', render_version: 0, render_locale: '' })
    .where('id', 'in', ids)
    .execute();
  const posts = await kiosque.db.kysely.selectFrom('posts').select(['id', 'type', 'status', 'title', 'published_at']).where('id', 'in', ids).execute();
  for (const post of posts) {
    await indexPost(kiosque.db.kysely, { ...post, publishedAt: post.published_at, excerpt: 'rendu ancien', text: 'rendu ancien', categoryIds: [] });
  }
}

describe.each(ENGINES)('stale renderings, across an upgrade (%s)', (engine) => {
  it('renders again, in the background once the site starts, what an earlier version rendered, and nothing else changes', async () => {
    const { config, cleanup } = await createTestConfig(engine);
    try {
      let kiosque = await openKiosque(config);
      const article = await savePost(kiosque, postInput({ title: 'Le bilan de la Fevad', markdown: BODY }));
      const excerpted = await savePost(kiosque, postInput({ title: 'Avec un extrait', markdown: 'Un corps.', customExcerpt: 'L’extrait choisi.' }));
      const current = await savePost(kiosque, postInput({ title: 'Déjà à jour', markdown: 'Rendu par cette version.' }));
      await renderedByAnEarlierVersion(kiosque, [article.id, excerpted.id]);
      const before = await renderingOf(kiosque, article.id);
      const untouched = await renderingOf(kiosque, current.id);
      await kiosque.close();

      kiosque = await openKiosque(config);
      const app = await buildApp(kiosque, { now: () => '2026-01-01T00:00:00.000Z' });
      try {
        await app.ready();
        const after = await eventually(
          () => renderingOf(kiosque, article.id),
          (row) => row.render_version === RENDER_VERSION,
        );
        expect(after).toMatchObject({ render_version: RENDER_VERSION, render_locale: 'fr', updated_at: before.updated_at });
        expect(after.html).toContain(FRENCH_BACK_LINK);
        expect(after.html).toMatch(/Fevad[\u00a0\u202f]: 112/);
        expect(after.plain_text).toContain('112 milliards');
        expect(after.excerpt).toContain('112 milliards');
        // The writer's own excerpt stays the excerpt.
        expect(await eventually(() => renderingOf(kiosque, excerpted.id), (row) => row.render_version === RENDER_VERSION)).toMatchObject({
          excerpt: 'L’extrait choisi.',
          html: '<p>Un corps.</p>',
        });
        expect(await renderingOf(kiosque, current.id)).toEqual(untouched);
        // Its search entry follows its new text.
        const found = await app.inject({ method: 'GET', url: '/api/content/v1/search?q=milliards' });
        expect(found.body).toContain('Le bilan de la Fevad');
        const page = await app.inject({ method: 'GET', url: `/${article.slug}/` });
        expect(page.body).toContain(FRENCH_BACK_LINK);
        expect(page.body).not.toContain('Rendu ancien');
        expect(await findJob(kiosque.db.kysely, RENDER_POSTS_JOB, 'stale')).toBeUndefined();
      } finally {
        await app.close();
        await kiosque.close();
      }
    } finally {
      await cleanup();
    }
  });
});

describe.each(ENGINES)('stale renderings on a running site (%s)', (engine) => {
  let site: AdminSite;

  beforeAll(async () => {
    site = await startAdminSite(engine);
  });
  afterAll(() => site.dispose());

  it('renders every post again in the site’s new language, the page cache following', async () => {
    const { id, slug } = await site.makePost({ title: 'Le bilan en deux langues', markdown: BODY });
    const url = `/${slug}/`;
    expect((await site.get(url)).body).toContain(FRENCH_BACK_LINK);

    expectStatus(await site.api('PATCH', '/settings', { as: 'administrator', body: { locale: 'en' } }), 200);
    const after = await eventually(() => renderingOf(site.kiosque, id), (row) => row.render_locale === 'en');
    expect(after.html).toContain(ENGLISH_BACK_LINK);
    expect(after.html).toContain('Fevad : 112');
    expect((await site.get(url)).body).toContain(ENGLISH_BACK_LINK);

    expectStatus(await site.api('PATCH', '/settings', { as: 'administrator', body: { locale: 'fr' } }), 200);
    expect((await eventually(() => renderingOf(site.kiosque, id), (row) => row.render_locale === 'fr')).html).toContain(FRENCH_BACK_LINK);
  });

  it('leaves a post saved while it was being rendered as its save rendered it', async () => {
    const { kiosque } = site;
    const input = postInput({ title: 'Écrit pendant le rendu', markdown: 'Le texte d’avant.' });
    const { id } = await savePost(kiosque, input);
    await renderedByAnEarlierVersion(kiosque, [id]);
    const inline = inlineRenderer();
    // The writer saves the post between the job's read and its write.
    const racing: MarkdownRenderer = {
      ...inline,
      async render(markdown, job) {
        await savePost(kiosque, { ...input, markdown: 'Le texte d’après.' }, id);
        return inline.render(markdown, job);
      },
    };
    expect(await renderStalePosts(kiosque, { locale: 'fr', renderer: racing, limit: 10, now: site.clock.now })).toEqual({ written: 0, more: false });
    expect(await renderingOf(kiosque, id)).toMatchObject({ html: '<p>Le texte d’après.</p>', render_version: RENDER_VERSION });
  });

  it('renders a slice at a time, and gives the job again for the rest', async () => {
    const { kiosque } = site;
    const ids: number[] = [];
    for (let n = 1; n <= 5; n++) ids.push((await site.makePost({ title: `Tranche ${n}`, markdown: `Corps numéro ${n}.` })).id);
    await renderedByAnEarlierVersion(kiosque, ids);

    expect(await renderStalePosts(kiosque, { locale: 'fr', renderer: inlineRenderer(), limit: 2, now: site.clock.now })).toEqual({ written: 2, more: true });
    // The job given again is the runner's from here: it renders the three others.
    const rows = await eventually(
      () => Promise.all(ids.map((id) => renderingOf(kiosque, id))),
      (all) => all.every((row) => row.render_version === RENDER_VERSION),
    );
    expect(rows.map((row) => row.html)).toEqual(ids.map((_, index) => `<p>Corps numéro ${index + 1}.</p>`));
    expect(await eventually(() => findJob(kiosque.db.kysely, RENDER_POSTS_JOB, 'stale'), (job) => job === undefined)).toBeUndefined();
  });
});
