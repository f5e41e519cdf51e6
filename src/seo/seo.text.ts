/**
 * Text as search engines take it: descriptions cut where results cut them, headlines within
 * Google's limit, words counted, dates with their offset.
 */

/** Google shows about 155–160 characters of a description; a derived one is cut at a word before. */
export const DESCRIPTION_LENGTH = 160;
/** Google's structured-data headline limit. */
export const HEADLINE_LENGTH = 110;

/** HTML's white space only: the no-break spaces of French typography stay where they are. */
function collapse(text: string): string {
  return text.replace(/[ \t\r\n\f]+/g, ' ').trim();
}

/** Collapses spaces and cuts `text` to at most `max` characters at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const flat = collapse(text);
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.search(/\s\S*$/);
  // A single huge word is cut mid-word rather than dropped.
  const head = space > max / 2 ? cut.slice(0, space) : cut;
  return head.replace(/[\s,;:.!?\u00a0\u202f–—-]+$/u, '') + '…';
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' };

/** The text of sanitised article HTML: tags dropped, the common entities decoded. */
export function textOfHtml(html: string): string {
  const text = html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_whole, name: string) => ENTITIES[name]!);
  return collapse(text);
}

/** The description a page shows in results: the one written for it, else the first text that has something, shortened. */
export function metaDescription(written: string | undefined, ...fallbacks: (string | undefined)[]): string {
  if (written && written.trim() !== '') return written.trim();
  const found = fallbacks.find((text) => text !== undefined && text.trim() !== '');
  return found === undefined ? '' : shorten(found, DESCRIPTION_LENGTH);
}
