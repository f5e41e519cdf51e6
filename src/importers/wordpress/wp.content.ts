/**
 * WordPress post content (classic editor HTML run through wpautop, or Gutenberg block markup)
 * turned into Kiosque's Markdown dialect (docs/writing.md).
 */

export interface WpContentOptions {
  /** Rewrites an image/media URL (e.g. an uploads URL to the imported media's /media/… URL); undefined keeps it. */
  mediaUrl?: (url: string) => string | undefined;
  /** The old blog's address (WxrSite.baseBlogUrl), to recognise its own links and uploads. */
  siteUrl?: string;
}

export interface WpContentProblem {
  code: 'shortcode_unknown' | 'iframe_dropped' | 'script_dropped' | string;
  detail: string;
}

export interface WpContentResult {
  markdown: string;
  /** Markdown of what came before <!--more-->, when there was one (the excerpt break). */
  teaser: string | undefined;
  /** Every media/image URL the content references (as written in the source), for the media step. */
  mediaUrls: string[];
  problems: WpContentProblem[];
}

/** Converts the raw `content:encoded` of a WordPress post to Kiosque Markdown. */
export function wordpressToMarkdown(html: string, options: WpContentOptions = {}): WpContentResult {
  void options;
  // The conversion itself lands in the next commits; until then the text is passed through.
  const [before, after] = html.split('<!--more-->', 2);
  return { markdown: (before ?? '') + (after ?? ''), teaser: after === undefined ? undefined : before, mediaUrls: [], problems: [] };
}
