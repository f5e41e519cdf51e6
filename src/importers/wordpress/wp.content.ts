import { wpautop } from './wp.content.autop.ts';
import { flattenBlocks, type ReusableBlocks } from './wp.content.blocks.ts';
import { parseHtml } from './wp.content.html.ts';
import { absoluteUrl, originalMediaUrl } from './wp.content.media.ts';
import { footnoteDefinition, readFootnotes } from './wp.content.footnotes.ts';
import { closingShortcodeNames, expandShortcodes } from './wp.content.shortcodes.ts';
import { MarkdownWriter, type WriterContext } from './wp.content.writer.ts';

/**
 * WordPress post content (classic-editor text that WordPress shows through wpautop, or Gutenberg
 * block markup) turned into Kiosque's Markdown dialect (docs/writing.md).
 */

export interface WpContentOptions {
  /**
   * Rewrites an image/media URL (e.g. an uploads URL to the imported media's /media/… URL);
   * undefined keeps it. It is called with the absolute address as written, then, when that gives
   * nothing and the address names a resized copy ("photo-300x200.jpg"), with the original's
   * address ("photo.jpg"), which is the file WordPress lists as the attachment.
   */
  mediaUrl?: (url: string) => string | undefined;
  /** The old blog's address (WxrSite.baseBlogUrl), to recognise its own links and uploads. */
  siteUrl?: string;
  /** An attachment of the old blog by WordPress id, to show a `[gallery ids="…"]`. */
  attachment?: (id: number) => WpAttachment | undefined;
  /** A reusable block's content (the `wp_block` item's), to show `<!-- wp:block {"ref":345} /-->`. */
  reusableBlock?: ReusableBlocks;
  /** The post's `footnotes` meta (Gutenberg's footnotes, JSON), which holds the texts its content calls. */
  footnotes?: string | undefined;
}

export interface WpAttachment {
  url: string;
  alt?: string | undefined;
  caption?: string | undefined;
}

/**
 * What the conversion could not carry across: `shortcode_unknown` (detail: the shortcode's name),
 * `iframe_dropped` (the frame's address), `script_dropped` (its address, or "inline script"),
 * `form_dropped` (its action), `embed_dropped` (a Flash object's address), `block_dropped` (a
 * block drawn from the database, "core/latest-posts"), `gallery_unresolved` (the attachment ids
 * not found). Each is reported once per post.
 */
export interface WpContentProblem {
  code: 'shortcode_unknown' | 'iframe_dropped' | 'script_dropped' | string;
  detail: string;
}

export interface WpContentResult {
  markdown: string;
  /** Markdown of what came before <!--more-->, when there was one and something came before it (the excerpt break). */
  teaser: string | undefined;
  /**
   * Every media/image URL the content references (as written in the source, made absolute
   * against siteUrl), for the media step; resized copies are listed under the name written.
   */
  mediaUrls: string[];
  problems: WpContentProblem[];
}

// WordPress's excerpt break; "<!--more Lire la suite-->" carries the link text, which is not content.
const MORE = /<!--more(?:[^>]*?)-->/;
const OTHER_MARKERS = /<!--(?:noteaser|nextpage)-->/g;

/** Converts the raw `content:encoded` of a WordPress post to Kiosque Markdown. */
export function wordpressToMarkdown(html: string, options: WpContentOptions = {}): WpContentResult {
  const problems: WpContentProblem[] = [];
  const reported = new Set<string>();
  const mediaUrls: string[] = [];
  const listed = new Set<string>();
  const footnotes = readFootnotes(options.footnotes);
  // Numbered in the order the content calls them, as WordPress does.
  const called = new Map<string, string>();
  const context: WriterContext = {
    siteUrl: options.siteUrl,
    closedShortcodes: closingShortcodeNames(html),
    media(url) {
      const absolute = absoluteUrl(url, options.siteUrl);
      if (!listed.has(absolute)) {
        listed.add(absolute);
        mediaUrls.push(absolute);
      }
      const original = originalMediaUrl(absolute);
      return options.mediaUrl?.(absolute) ?? (original === absolute ? undefined : options.mediaUrl?.(original)) ?? absolute;
    },
    attachment: (id) => options.attachment?.(id),
    footnote(id) {
      if (!footnotes.has(id)) return undefined;
      let label = called.get(id);
      if (!label) called.set(id, (label = String(called.size + 1)));
      return label;
    },
    problem(code, detail) {
      const key = `${code}\u0000${detail}`;
      if (reported.has(key)) return;
      reported.add(key);
      problems.push({ code, detail });
    },
  };
  const content = html.includes('<!--n') ? html.replace(OTHER_MARKERS, '') : html;
  const more = content.includes('<!--more') ? MORE.exec(content) : null;
  // Footnotes' texts are written after the content that calls them, once their numbers are known.
  const definitions = (from: number) =>
    [...called].slice(from).map(([id, label]) => footnoteDefinition(label, convert(footnotes.get(id) ?? '', context)));
  if (!more) return { markdown: [convert(content, context, options.reusableBlock), ...definitions(0)].join('\n\n'), teaser: undefined, mediaUrls, problems };
  // As WordPress does, each side of the break is laid out on its own.
  const teaser = convert(content.slice(0, more.index), context, options.reusableBlock);
  // The teaser, read alone for the excerpt, needs the notes it calls; the whole text lists them all.
  const teaserNotes = definitions(0);
  const rest = convert(content.slice(more.index + more[0].length), context, options.reusableBlock);
  return {
    markdown: [teaser, rest, ...teaserNotes, ...definitions(teaserNotes.length)].filter(Boolean).join('\n\n'),
    teaser: teaser ? [teaser, ...teaserNotes].join('\n\n') : undefined,
    mediaUrls,
    problems,
  };
}

function convert(content: string, context: WriterContext, reusable?: ReusableBlocks): string {
  const html = content.includes('<!-- wp:') ? flattenBlocks(content, (problem) => context.problem(problem.code, problem.detail), reusable) : wpautop(content);
  return new MarkdownWriter(context).document(parseHtml(expandShortcodes(html)));
}
