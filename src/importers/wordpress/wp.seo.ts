/**
 * The search-engine fields Yoast SEO and Rank Math keep in a post's meta, read into Kiosque's:
 * title, description, canonical address and noindex. Their titles are templates
 * ("%%title%% %%sep%% %%sitename%%"): the usual variables are filled in; a template with a
 * variable Kiosque cannot fill is dropped (the page then gets Kiosque's own title) rather than
 * shown to readers with its percent signs.
 */

export interface SeoContext {
  /** The post's title, as imported. */
  title: string;
  /** The blog's name and tagline (the export's channel). */
  siteName: string;
  siteDescription: string;
  /** The item's own address on the old blog (its <link>). */
  link: string;
  /** The old blog's address (base_blog_url), whose own addresses become site paths. */
  blogUrl: string;
  excerpt: string | undefined;
  /** Names of the post's categories and tags, first the primary one. */
  categories: readonly string[];
  tags: readonly string[];
}

export interface SeoFields {
  seoTitle: string | undefined;
  seoDescription: string | undefined;
  /** A site path when it points into the old blog, else an absolute http(s) address; undefined for the page itself. */
  canonicalUrl: string | undefined;
  noindex: boolean;
  /** Templates dropped because of a variable Kiosque cannot fill, for the report. */
  droppedTemplates: string[];
}

/** Yoast's default separator (its setting lives in the blog's options, which an export does not carry). */
const SEPARATOR = '-';

/** What both plugins' templates may name; others (custom fields, %%pt_single%%…) drop the template. */
function variables(context: SeoContext): Record<string, string> {
  return {
    title: context.title,
    sitename: context.siteName,
    sitedesc: context.siteDescription,
    sep: SEPARATOR,
    excerpt: context.excerpt ?? '',
    excerpt_only: context.excerpt ?? '',
    primary_category: context.categories[0] ?? '',
    category: context.categories.join(', '),
    tag: context.tags.join(', '),
    // A page number: the first page is the only one a post has here.
    page: '',
    pagenumber: '',
    pagetotal: '',
  };
}

const TEMPLATE_VARIABLE = /%%([a-z_]+)%%|%([a-z_]+)%/gi;
const DEFAULT_TITLES = new Set(['%%title%% %%sep%% %%sitename%%', '%%title%% %%page%% %%sep%% %%sitename%%', '%title% %sep% %sitename%', '%title% %page% %sep% %sitename%']);

/** A template with its variables filled in, or undefined when one cannot be. */
export function fillTemplate(template: string, context: SeoContext): string | undefined {
  const values = variables(context);
  let unknown = false;
  const filled = template.replace(TEMPLATE_VARIABLE, (whole, double: string | undefined, single: string | undefined) => {
    const name = (double ?? single)!.toLowerCase();
    if (name in values) return values[name]!;
    unknown = true;
    return whole;
  });
  if (unknown) return undefined;
  // A separator left at an end by an empty variable ("Titre - " once %%page%% is gone).
  return filled.replace(/\s+/g, ' ').replace(/^\s*-\s*|\s*-\s*$/g, '').trim() || undefined;
}

function text(meta: Readonly<Record<string, string>>, key: string): string | undefined {
  const value = meta[key]?.trim();
  return value ? value : undefined;
}

/** Reads both plugins' fields; Yoast's win where a post somehow has both. */
export function readSeoFields(meta: Readonly<Record<string, string>>, context: SeoContext): SeoFields {
  const droppedTemplates: string[] = [];
  const template = (value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    // The plugins' own default says what Kiosque's title already says, and follows a renamed site.
    if (DEFAULT_TITLES.has(value.replace(/\s+/g, ' '))) return undefined;
    const filled = fillTemplate(value, context);
    if (filled === undefined) droppedTemplates.push(value);
    return filled;
  };
  const seoTitle = template(text(meta, '_yoast_wpseo_title') ?? text(meta, 'rank_math_title'));
  const seoDescription = template(text(meta, '_yoast_wpseo_metadesc') ?? text(meta, 'rank_math_description'));
  const canonical = text(meta, '_yoast_wpseo_canonical') ?? text(meta, 'rank_math_canonical_url');
  const yoastNoindex = meta['_yoast_wpseo_meta-robots-noindex']?.trim();
  const rankMathRobots = meta['rank_math_robots'] ?? '';
  // Yoast: 1 = noindex, 2 = index, absent or 0 = the post type's default (indexed).
  const noindex = yoastNoindex === '1' || /(^|[^a-z])noindex([^a-z]|$)/i.test(rankMathRobots);
  return { seoTitle, seoDescription, canonicalUrl: canonicalAddress(canonical, context), noindex, droppedTemplates };
}

/**
 * The canonical address to keep: none when it is the page's own; a path when it is on the old
 * blog, which the imported site now answers for; an absolute address elsewhere. Anything but
 * http(s) is dropped.
 */
export function canonicalAddress(written: string | undefined, context: Pick<SeoContext, 'link' | 'blogUrl'>): string | undefined {
  if (!written) return undefined;
  let url: URL;
  try {
    url = new URL(written, context.blogUrl || undefined);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  const own = safeUrl(context.link);
  if (own && sameAddress(url, own)) return undefined;
  const blog = safeUrl(context.blogUrl);
  if (blog && url.host === blog.host) return url.pathname + url.search;
  return url.toString();
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function sameAddress(a: URL, b: URL): boolean {
  const path = (url: URL) => url.pathname.replace(/\/$/, '');
  return a.host === b.host && path(a) === path(b) && a.search === b.search;
}
