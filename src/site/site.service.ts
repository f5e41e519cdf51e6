import {
  countPublicPosts,
  findAdjacentPosts,
  findAuthorBySlug,
  findPublicPostById,
  findPublicPostBySlug,
  findRelatedPosts,
  findTagBySlug,
  findTagsOfPost,
  listPublicPosts,
  loadTaxonomy,
  type PostListFilter,
  type PostSummaryRow,
  type PublicPostRow,
} from '../content/content.queries.ts';
import { datePartsAgree, matchPostPath } from '../content/permalinks.ts';
import { presentCommentThread } from '../comments/comments.presenter.ts';
import { listApprovedComments } from '../comments/comments.queries.ts';
import type { Db } from '../db/db.ts';
import type { RedirectLookup } from '../redirects/redirects.resolver.ts';
import { featuredImageCopies } from '../seo/seo.images.ts';
import type { SettingsStore, SiteSettings } from '../settings/settings.ts';
import type { CategoryDirectory } from './site.categories.ts';
import type { ListingCounts } from './site.counts.ts';
import type { ArchiveView, ArticleView, HomeView, PostSummary, SiteChrome, StaticPageView } from './site.models.ts';
import { categoryLink, presentArticle, presentPagination, presentStaticPage, presentSummary } from './site.presenters.ts';
import { archivePath, homePath, type ArchiveKind } from './site.urls.ts';

/** What the public site needs to build its pages; nothing here knows about HTTP. */
export interface SiteContext {
  db: Db;
  settings: SettingsStore;
  categories: CategoryDirectory;
  assets: { stylesheetHref: string; faviconHref: string };
  /** The current instant, ISO 8601; tests move it. */
  now: () => string;
  /** The site's public origin (`Kiosque.siteUrl()`), never the request's Host header. */
  siteUrl: () => string;
  /** The redirect manager's rules, as the reading path finds them. */
  redirects: RedirectLookup;
  /** Listings' post counts, kept between content changes; without it each page counts afresh. */
  counts?: ListingCounts | undefined;
}

const RELATED_COUNT = 3;

export async function buildChrome(ctx: SiteContext, currentPath: string): Promise<SiteChrome> {
  const settings = ctx.settings.current;
  const tree = await ctx.categories.tree();
  return {
    locale: settings.locale,
    timeZone: settings.timezone,
    title: settings.title,
    description: settings.description,
    navigation: tree.topLevel().map((category) => categoryLink(category, settings)),
    footerLinks: settings.footerLinks.map((link) => ({ label: link.label, href: link.path })),
    stylesheetHref: ctx.assets.stylesheetHref,
    faviconHref: ctx.assets.faviconHref,
    currentPath,
    siteUrl: ctx.siteUrl(),
    search: { hidden: settings.hideFromSearchEngines, articleSchemaType: settings.articleSchemaType },
  };
}

async function summaries(ctx: SiteContext, rows: PostSummaryRow[]): Promise<PostSummary[]> {
  const taxonomy = await loadTaxonomy(ctx.db, rows, false, await ctx.categories.tree());
  return rows.map((row) => presentSummary(row, taxonomy, ctx.settings.current));
}

/** A page of a list; undefined when the page number is past the end (a 404, not an empty page). */
async function paged(ctx: SiteContext, filter: Omit<PostListFilter, 'limit' | 'offset'>, page: number) {
  const perPage = ctx.settings.current.postsPerPage;
  const total = ctx.counts ? await ctx.counts.count(filter) : await countPublicPosts(ctx.db, filter);
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (page > pages) return undefined;
  const rows = await listPublicPosts(ctx.db, { ...filter, limit: perPage, offset: (page - 1) * perPage });
  return { posts: await summaries(ctx, rows), pages, total };
}

export async function homePage(ctx: SiteContext, page: number): Promise<HomeView | undefined> {
  const now = ctx.now();
  const { featuredOnHome, highlightedOnHome } = ctx.settings.current;
  const list = await paged(ctx, { now }, page);
  if (!list) return undefined;
  const [featured, highlighted] =
    page === 1
      ? await Promise.all([
          listPublicPosts(ctx.db, { now, featured: true, limit: featuredOnHome }).then((rows) => summaries(ctx, rows)),
          listPublicPosts(ctx.db, { now, highlighted: true, limit: highlightedOnHome }).then((rows) => summaries(ctx, rows)),
        ])
      : [[], []];
  return { featured, highlighted, latest: list.posts, pagination: presentPagination(page, list.pages, homePath) };
}

export async function archivePage(ctx: SiteContext, kind: ArchiveKind, slug: string, page: number): Promise<ArchiveView | undefined> {
  const settings = ctx.settings.current;
  const now = ctx.now();
  const pathOf = (n: number) => archivePath(settings.locale, kind, slug, n);
  const base: Pick<ArchiveView, 'kind' | 'slug' | 'url' | 'ancestors' | 'children'> = { kind, slug, url: pathOf(1), ancestors: [], children: [] };

  if (kind === 'category') {
    const tree = await ctx.categories.tree();
    const category = tree.find(slug);
    if (!category) return undefined;
    const list = await paged(ctx, { now, categoryIds: tree.selfAndDescendants(category.id) }, page);
    if (!list) return undefined;
    return {
      ...base,
      name: category.name,
      description: category.description,
      ancestors: tree.ancestors(category).map((c) => categoryLink(c, settings)),
      children: tree.children(category.id).map((c) => categoryLink(c, settings)),
      posts: list.posts,
      pagination: presentPagination(page, list.pages, pathOf),
    };
  }
  const owner =
    kind === 'tag'
      ? await findTagBySlug(ctx.db, slug).then((tag) => tag && { id: tag.id, name: tag.name, description: '' })
      : await findAuthorBySlug(ctx.db, slug).then((author) => author && { id: author.id, name: author.name, description: author.bio });
  if (!owner) return undefined;
  const list = await paged(ctx, kind === 'tag' ? { now, tagId: owner.id } : { now, authorId: owner.id }, page);
  // A tag named only by drafts is no page yet, as such a category is not in the tree: its name is
  // unpublished work. Nor is a staff member public before their first post is.
  if (!list || list.total === 0) return undefined;
  return {
    ...base,
    name: owner.name,
    description: owner.description,
    posts: list.posts,
    pagination: presentPagination(page, list.pages, pathOf),
  };
}

export type ResolvedPath =
  | { kind: 'article'; view: ArticleView }
  | { kind: 'page'; view: StaticPageView }
  | { kind: 'redirect'; location: string; status: number }
  | { kind: 'gone' }
  | { kind: 'none' };

/**
 * What lives at a path that is not a fixed route: a redirect, a gone post, an article, a page, or
 * nothing. The redirect rules come first, as WordPress's redirect plugins do: a rule written for
 * an address wins over what is there (publishing removes the rule at an address a post moves to).
 */
export async function resolvePath(ctx: SiteContext, path: string): Promise<ResolvedPath> {
  const redirect = await findRedirect(ctx, path);
  if (redirect) return redirect;
  const settings = ctx.settings.current;
  const now = ctx.now();
  const post = await findPostAt(ctx, path, settings, now);
  if (post) return { kind: 'article', view: await articleView(ctx, post, settings, now) };

  const single = /^\/([a-z0-9][a-z0-9-]*)\/$/.exec(path);
  if (single) {
    const page = await findPublicPostBySlug(ctx.db, 'page', single[1]!, now);
    if (page) return { kind: 'page', view: presentStaticPage(page, settings) };
  }

  return { kind: 'none' };
}

/** Where the redirect rules send this path, if anywhere (the route adds the request's query string). */
export async function findRedirect(ctx: SiteContext, path: string): Promise<Extract<ResolvedPath, { kind: 'redirect' | 'gone' }> | undefined> {
  const answer = await ctx.redirects.find(path);
  if (!answer) return undefined;
  return answer.kind === 'gone' ? { kind: 'gone' } : { kind: 'redirect', location: answer.location, status: answer.status };
}

async function findPostAt(ctx: SiteContext, path: string, settings: SiteSettings, now: string): Promise<PublicPostRow | undefined> {
  const match = matchPostPath(path, settings.permalinkPattern);
  if (!match) return undefined;
  const post =
    match.slug !== undefined
      ? await findPublicPostBySlug(ctx.db, 'post', match.slug, now)
      : match.id !== undefined
        ? await findPublicPostById(ctx.db, match.id, now)
        : undefined;
  return post && datePartsAgree(match, post.published_at, settings.timezone) ? post : undefined;
}

async function articleView(ctx: SiteContext, post: PublicPostRow, settings: SiteSettings, now: string): Promise<ArticleView> {
  // The article's tags are shown, and choose its related posts; theirs are not shown.
  const tags = await findTagsOfPost(ctx.db, post.id);
  const [adjacent, relatedRows, imageCopies, commentRows] = await Promise.all([
    findAdjacentPosts(ctx.db, post, now),
    findRelatedPosts(ctx.db, post, tags.map((tag) => tag.id), now, RELATED_COUNT),
    featuredImageCopies(ctx.db, post.image_url),
    listApprovedComments(ctx.db, post.id),
  ]);
  const tree = await ctx.categories.tree();
  const taxonomy = await loadTaxonomy(ctx.db, [post, ...relatedRows], false, tree);
  taxonomy.tags.set(post.id, tags);
  const related = relatedRows.map((row) => presentSummary(row, taxonomy, settings));
  const primary = taxonomy.categories.get(post.id)?.[0];
  const categoryTrail = primary ? [...tree.ancestors(primary), primary].map((category) => categoryLink(category, settings)) : [];
  return { ...presentArticle(post, taxonomy, settings, { ...adjacent, related }), imageCopies, categoryTrail, comments: presentCommentThread(commentRows) };
}
