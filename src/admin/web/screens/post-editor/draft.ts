import { nameOf, type Post, type PostImage, type PostStatus, type PostType } from '../../lib/types.ts';

/** The fields of a post as the editor holds them while the writer works. */
export interface Draft {
  type: PostType;
  title: string;
  markdown: string;
  slug: string;
  /**
   * The writer typed the slug: it is sent with each save. Otherwise it is never sent, and the
   * server lets a draft's slug follow its title (the field shows what the server kept).
   */
  slugByHand: boolean;
  excerpt: string;
  seoTitle: string;
  seoDescription: string;
  categories: string[];
  tags: string[];
  featured: boolean;
  highlighted: boolean;
  image: PostImage | null;
}

export interface PostState {
  id: number | null;
  status: PostStatus;
  publishedAt: string | null;
  url: string | null;
  slug: string;
  /** The byline's author, for what the person may do with the post (delete it). */
  authorId: number | null;
}

export function emptyDraft(type: PostType): Draft {
  return { type, title: '', markdown: '', slug: '', slugByHand: false, excerpt: '', seoTitle: '', seoDescription: '', categories: [], tags: [], featured: false, highlighted: false, image: null };
}

export function draftOf(post: Post, type: PostType): Draft {
  return {
    type: post.type ?? type,
    title: post.title ?? '',
    markdown: post.markdown ?? '',
    slug: post.slug ?? '',
    slugByHand: false,
    excerpt: post.excerpt ?? '',
    seoTitle: post.seoTitle ?? '',
    seoDescription: post.seoDescription ?? '',
    categories: (post.categories ?? []).map(nameOf).filter(Boolean),
    tags: (post.tags ?? []).map(nameOf).filter(Boolean),
    featured: Boolean(post.featured),
    highlighted: Boolean(post.highlighted),
    image: post.image ?? null,
  };
}

/** The body of `PATCH /posts/:id` and `POST /preview`: an empty text clears the field. */
export function fieldsOf(draft: Draft): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    title: draft.title,
    markdown: draft.markdown,
    excerpt: draft.excerpt,
    seoTitle: draft.seoTitle,
    seoDescription: draft.seoDescription,
    categories: draft.categories,
    tags: draft.tags,
    featured: draft.featured,
    highlighted: draft.highlighted,
  };
  if (draft.slugByHand && draft.slug.trim()) fields.slug = draft.slug;
  // null takes a removed featured image off the post (left out, the API would keep it).
  fields.image = draft.image;
  return fields;
}

/** The first words of the text, as a search engine would show them when no description is written. */
export function plainSummary(markdown: string, max = 160): string {
  const text = markdown
    .replace(/^:::.*$/gm, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^[#>|\-*+\d. ]+/gm, '')
    .replace(/[*_`|]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? text.slice(0, max - 1).replace(/\s+\S*$/, '') + '…' : text;
}
