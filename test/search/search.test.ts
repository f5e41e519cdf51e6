import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletePost, writePost } from '../../src/content/content.service.ts';
import { renderMarkdown } from '../../src/content/markdown/markdown.pipeline.ts';
import { stemmedText } from '../../src/search/search.french.ts';
import { fullTextIndex } from '../../src/db/dialects/fulltext.ts';
import { parseQuery } from '../../src/search/search.query.ts';
import { searchPosts, type SearchContext, type SearchRequest } from '../../src/search/search.service.ts';
import { CategoryDirectory } from '../../src/site/site.categories.ts';
import { ENGINES } from '../support/database.ts';
import { HOSTILE_QUERIES } from './hostile-queries.ts';
import { startTestSite, type TestSite } from '../support/site.ts';

/**
 * One list of queries and the posts they must find, in order, run as it is on both engines:
 * SQLite (FTS5 and Kiosque's stemmer) and PostgreSQL (unaccent and french_stem) must agree.
 * The site's clock is 2026-01-01.
 */

const NEUTRAL = 'Notre point hebdomadaire.';
const POSTS = [
  { slug: 'hebergeur-incendie', title: 'L’hébergeur OVHcloud après l’incendie', markdown: 'Le datacenter de Strasbourg a brûlé. Les clients ont perdu leurs sauvegardes.', categories: ['Hébergement'], publishedAt: '2025-12-01T08:00:00.000Z' },
  { slug: 'commandes-en-ligne', title: 'Les commandes en ligne ralentissent', markdown: 'Le trimestre est calme pour les marchands.', categories: ['Ecommerce'], publishedAt: '2025-11-01T08:00:00.000Z' },
  { slug: 'colis-noel', title: 'Colis de Noël : un record', markdown: 'Les Français ont commandé deux fois plus de jouets.', categories: ['Logistique'], publishedAt: '2025-12-15T08:00:00.000Z' },
  { slug: 'e-commerce-bilan', title: 'Le bilan du e-commerce en 2025', markdown: 'Les ventes en ligne progressent de 9,5 %.', categories: ['Ecommerce'], publishedAt: '2025-10-01T08:00:00.000Z' },
  { slug: 'ecommerce-mobile', title: 'Ecommerce : le mobile passe devant', markdown: 'Le téléphone représente 60 % des ventes.', categories: ['Ecommerce > Mobile'], publishedAt: '2025-09-01T08:00:00.000Z' },
  { slug: 'livraison-point-relais', title: 'La livraison gagne du terrain', markdown: 'La livraison en point relais séduit les acheteurs.', categories: ['Logistique'], publishedAt: '2025-08-01T08:00:00.000Z' },
  { slug: 'relais-et-points', title: 'Relais et points : la carte', markdown: 'Chaque point relais reçoit une livraison par jour.', categories: ['Logistique'], publishedAt: '2025-07-01T08:00:00.000Z' },
  { slug: 'sauvegarde-ancienne', title: 'Sauvegardes : la règle du 3-2-1', markdown: 'Trois copies, deux supports, une hors site.', categories: ['Hébergement'], publishedAt: '2021-01-01T08:00:00.000Z' },
  { slug: 'sauvegarde-recente', title: 'Les outils de la semaine', markdown: 'Pensez aussi à vos sauvegardes avant les fêtes.', categories: ['Hébergement'], publishedAt: '2025-12-20T08:00:00.000Z' },
  { slug: 'panier-moyen', title: 'Le panier moyen grimpe', markdown: 'Les acheteurs remplissent davantage leur panier.', categories: ['Ecommerce', 'Ecommerce > Mobile'], publishedAt: '2025-06-01T08:00:00.000Z' },
];

interface Case {
  query: string;
  category?: string;
  page?: number;
  perPage?: number;
  expected: string[];
  total?: number;
}

const CASES: Case[] = [
  // Accents folded, capitals ignored, plurals and elisions.
  { query: 'hebergeur', expected: ['hebergeur-incendie'] },
  { query: 'HÉBERGEURS', expected: ['hebergeur-incendie'] },
  { query: 'l’hébergeur', expected: ['hebergeur-incendie'] },
  { query: "l'hébergeur", expected: ['hebergeur-incendie'] },
  { query: 'brule strasbourg', expected: ['hebergeur-incendie'] },
  // Conjugations: "commandes" finds "commandé", the title first.
  { query: 'commandes', expected: ['commandes-en-ligne', 'colis-noel'] },
  { query: 'commandé', expected: ['commandes-en-ligne', 'colis-noel'] },
  // Hyphen and case variants are one word.
  { query: 'e-commerce', expected: ['e-commerce-bilan', 'ecommerce-mobile'] },
  { query: 'ecommerce', expected: ['e-commerce-bilan', 'ecommerce-mobile'] },
  { query: 'Ecommerce', expected: ['e-commerce-bilan', 'ecommerce-mobile'] },
  { query: 'E-Commerce', expected: ['e-commerce-bilan', 'ecommerce-mobile'] },
  // A quoted phrase matches only the phrase; the same words loose match both, the one holding them in its title first.
  { query: '"livraison en point relais"', expected: ['livraison-point-relais'] },
  { query: '« livraison en point relais »', expected: ['livraison-point-relais'] },
  { query: 'livraison point relais', expected: ['relais-et-points', 'livraison-point-relais'] },
  // Every word must be found.
  { query: 'livraison strasbourg', expected: [] },
  // Relevance, then recency: an old title beats recent mentions in a body; of two such mentions, the newer wins.
  { query: 'sauvegarde', expected: ['sauvegarde-ancienne', 'sauvegarde-recente', 'hebergeur-incendie'] },
  // A category filter includes its sub-categories.
  { query: 'ecommerce', category: 'ecommerce', expected: ['e-commerce-bilan', 'ecommerce-mobile'] },
  { query: 'ecommerce', category: 'mobile', expected: ['ecommerce-mobile'] },
  { query: 'ecommerce', category: 'logistique', expected: [] },
  // A post filed under a category and one of its sub-categories is found once.
  { query: 'panier', category: 'ecommerce', expected: ['panier-moyen'], total: 1 },
  { query: 'panier', category: 'mobile', expected: ['panier-moyen'], total: 1 },
  { query: 'panier', category: 'hebergement', expected: [] },
  // Pagination.
  { query: 'sauvegarde', perPage: 2, page: 1, expected: ['sauvegarde-ancienne', 'sauvegarde-recente'], total: 3 },
  { query: 'sauvegarde', perPage: 2, page: 2, expected: ['hebergeur-incendie'], total: 3 },
  // Pages of one: the count is of every match, whichever an engine reads to rank the page.
  { query: 'sauvegarde', perPage: 1, page: 1, expected: ['sauvegarde-ancienne'], total: 3 },
  { query: 'sauvegarde', perPage: 1, page: 3, expected: ['hebergeur-incendie'], total: 3 },
  // Drafts, scheduled posts not yet out and pages are not found.
  { query: 'secret', expected: [] },
  { query: 'demain', expected: [] },
  { query: 'mentions', expected: [] },
];

describe.each(ENGINES)('search on %s', (engine) => {
  let site: TestSite;
  let context: SearchContext;
  const search = (request: Partial<SearchRequest> & { text: string }) => searchPosts(context, { page: 1, perPage: 10, ...request });

  beforeAll(async () => {
    site = await startTestSite(engine);
    const { db, events } = site.kiosque;
    const now = () => site.clock.now;
    context = { db, categories: new CategoryDirectory(db, events, now), now };
    for (const post of POSTS) await site.makePost({ ...post, customExcerpt: NEUTRAL, tags: [] });
    await site.makePost({ slug: 'brouillon', title: 'Hébergeur secret', status: 'draft', publishedAt: null, customExcerpt: NEUTRAL });
    await site.makePost({ slug: 'plus-tard', title: 'L’hébergeur de demain', status: 'scheduled', publishedAt: '2026-06-01T08:00:00.000Z', customExcerpt: NEUTRAL });
    await site.makePost({ type: 'page', slug: 'mentions-legales', title: 'Mentions légales', markdown: 'Hébergeur du site : OVHcloud.', categories: [], customExcerpt: NEUTRAL });
  });

  afterAll(() => site.dispose());

  it.each(CASES)('$query ($category, page $page) finds $expected', async ({ query, category, page = 1, perPage = 10, expected, total }) => {
    const outcome = await search({ text: query, category, page, perPage });
    expect(outcome.hits.map((hit) => hit.row.slug)).toEqual(expected);
    if (total !== undefined) expect(outcome.total).toBe(total);
  });

  it('marks the words found in a snippet of the original text, accents and capitals kept', async () => {
    const outcome = await search({ text: 'sauvegarde strasbourg' });
    const hit = outcome.hits.find((h) => h.row.slug === 'hebergeur-incendie')!;
    expect(hit.snippet.filter((part) => part.marked).map((part) => part.text)).toEqual(['Strasbourg', 'sauvegardes']);
    expect(hit.snippet.map((part) => part.text).join('')).toContain('Le datacenter de Strasbourg a brûlé.');
  });

  it('says when nothing in the query can be searched for', async () => {
    for (const text of ['', '   ', 'le la de', '"" ()']) {
      const outcome = await search({ text });
      expect(outcome.searchable).toBe(false);
      expect(outcome.hits).toEqual([]);
      expect(outcome.commonWords).toBe(text === 'le la de' ? 3 : 0);
    }
  });

  it('answers every hostile query without an error', async () => {
    for (const text of HOSTILE_QUERIES) {
      const outcome = await search({ text });
      expect(Array.isArray(outcome.hits)).toBe(true);
    }
    expect((await search({ text: '-hébergeur' })).hits.map((hit) => hit.row.slug)).toEqual(['hebergeur-incendie']);
  });

  it('indexes the body’s stems a batch writer made on its render thread where the index stems in JavaScript', async () => {
    const markdown = 'Un zoo compte ses girafes.';
    // Stems that are not the body's: only an index that takes them as given finds "okapi".
    const rendered = { ...renderMarkdown(markdown, { locale: 'fr' }), textStems: stemmedText('Un zoo compte ses okapis.') };
    const input = { type: 'post' as const, title: 'Le zoo', slug: 'zoo', markdown, status: 'published' as const, publishedAt: '2025-12-30T08:00:00.000Z', customExcerpt: NEUTRAL };
    const saved = await site.kiosque.db.kysely.transaction().execute((trx) => writePost(trx, input, { locale: 'fr', now: site.clock.now, prepared: { rendered, images: new Map() } }));
    const found = async (text: string) => (await search({ text })).hits.map((hit) => hit.row.slug);
    try {
      if (engine === 'sqlite') {
        expect(await found('okapi')).toEqual(['zoo']);
        expect(await found('girafe')).toEqual([]);
      } else {
        // PostgreSQL stems the text itself: what a writer made is not used.
        expect(await found('girafe')).toEqual(['zoo']);
        expect(await found('okapi')).toEqual([]);
      }
    } finally {
      await deletePost(site.kiosque, saved.id);
    }
  });

  it('follows updates, deletions, unpublishing and a scheduled post going out', async () => {
    const saved = await site.makePost({ slug: 'quantique', title: 'Le calcul quantique arrive', customExcerpt: NEUTRAL, publishedAt: '2025-12-30T08:00:00.000Z' });
    expect((await search({ text: 'quantique' })).hits.map((hit) => hit.row.slug)).toEqual(['quantique']);
    await site.makePost({ slug: 'quantique', title: 'Le calcul photonique arrive', customExcerpt: NEUTRAL, publishedAt: '2025-12-30T08:00:00.000Z' }, saved.id);
    expect((await search({ text: 'quantique' })).hits).toEqual([]);
    expect((await search({ text: 'photonique' })).hits.map((hit) => hit.row.slug)).toEqual(['quantique']);
    await site.makePost({ slug: 'quantique', title: 'Le calcul photonique arrive', customExcerpt: NEUTRAL, status: 'draft', publishedAt: null }, saved.id);
    expect((await search({ text: 'photonique' })).hits).toEqual([]);
    await site.makePost({ slug: 'quantique', title: 'Le calcul photonique arrive', customExcerpt: NEUTRAL, publishedAt: '2025-12-30T08:00:00.000Z' }, saved.id);
    expect((await search({ text: 'photonique' })).hits).toHaveLength(1);
    await deletePost(site.kiosque, saved.id);
    expect((await search({ text: 'photonique' })).hits).toEqual([]);

    site.clock.now = '2026-06-02T00:00:00.000Z';
    try {
      expect((await search({ text: 'demain' })).hits.map((hit) => hit.row.slug)).toEqual(['plus-tard']);
    } finally {
      site.clock.now = '2026-01-01T00:00:00.000Z';
    }
  });

  it('merges a category and its sub-categories newest first, each post once, up to the limit', async () => {
    const filed = [
      { slug: 'compost-jardin', categories: ['Jardin'], publishedAt: '2025-12-10T08:00:00.000Z' },
      { slug: 'compost-potager', categories: ['Jardin > Potager'], publishedAt: '2025-12-09T08:00:00.000Z' },
      { slug: 'compost-deux-sous-categories', categories: ['Jardin > Verger', 'Jardin > Potager'], publishedAt: '2025-12-08T08:00:00.000Z' },
      { slug: 'compost-parent-et-verger', categories: ['Jardin', 'Jardin > Verger'], publishedAt: '2025-12-07T08:00:00.000Z' },
      { slug: 'compost-ancien', categories: ['Jardin > Potager'], publishedAt: '2025-12-06T08:00:00.000Z' },
      { slug: 'compost-ailleurs', categories: ['Logistique'], publishedAt: '2025-12-11T08:00:00.000Z' },
    ];
    const ids = new Map<number, string>();
    for (const post of filed) ids.set((await site.makePost({ ...post, title: 'Le compost', customExcerpt: NEUTRAL })).id, post.slug);
    const { db } = site.kiosque;
    const tree = await context.categories.tree();
    const index = fullTextIndex(db.dialect);
    const newest = async (limit: number) => {
      const matches = await index.candidates(db.kysely, {
        parts: parseQuery('compost').parts,
        categoryIds: tree.selfAndDescendants(tree.find('jardin')!.id),
        now: site.clock.now,
        limit,
        keep: limit,
      });
      const postIds = await index.postIds(db.kysely, matches.candidates.map((candidate) => candidate.key));
      return { found: matches.found, slugs: matches.candidates.map((candidate) => ids.get(postIds.get(candidate.key)!)) };
    };
    // `found` counts one more than the limit, to say there are more.
    expect(await newest(3)).toEqual({ found: 4, slugs: ['compost-jardin', 'compost-potager', 'compost-deux-sous-categories'] });
    expect(await newest(10)).toEqual({ found: 5, slugs: ['compost-jardin', 'compost-potager', 'compost-deux-sous-categories', 'compost-parent-et-verger', 'compost-ancien'] });
    for (const id of ids.keys()) await deletePost(site.kiosque, id);
  });

  it('keeps a category filter true when a post changes category, is unpublished, scheduled or deleted', async () => {
    const found = async (category: string) => (await search({ text: 'drone', category })).hits.map((hit) => hit.row.slug);
    const post = { slug: 'drone-livreur', title: 'Le drone livreur', customExcerpt: NEUTRAL, publishedAt: '2025-12-28T08:00:00.000Z' };
    const saved = await site.makePost({ ...post, categories: ['Logistique'] });
    expect(await found('logistique')).toEqual(['drone-livreur']);
    expect(await found('hebergement')).toEqual([]);
    await site.makePost({ ...post, categories: ['Hébergement', 'Ecommerce > Mobile'] }, saved.id);
    expect(await found('logistique')).toEqual([]);
    expect(await found('hebergement')).toEqual(['drone-livreur']);
    expect(await found('ecommerce')).toEqual(['drone-livreur']);
    await site.makePost({ ...post, categories: ['Hébergement'], status: 'draft', publishedAt: null }, saved.id);
    expect(await found('hebergement')).toEqual([]);
    await site.makePost({ ...post, categories: ['Hébergement'], status: 'scheduled', publishedAt: '2026-03-01T08:00:00.000Z' }, saved.id);
    expect(await found('hebergement')).toEqual([]);
    site.clock.now = '2026-03-02T00:00:00.000Z';
    try {
      expect(await found('hebergement')).toEqual(['drone-livreur']);
    } finally {
      site.clock.now = '2026-01-01T00:00:00.000Z';
    }
    await deletePost(site.kiosque, saved.id);
    expect(await found('hebergement')).toEqual([]);
  });
});
