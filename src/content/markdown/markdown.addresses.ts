/**
 * Web addresses typed in prose, found where GFM finds a bare one, for the code that writes
 * Markdown (the article editor, the WordPress importer). They write each as an explicit link,
 * `<https://…>`, because a bare address has no end of its own: GFM's runs to the next space and
 * so swallows the backslash of an escape right after it ("https://a.fr\]" links "…/a.fr%5C").
 * This module imports nothing: the admin's editor bundles it.
 */

// An address runs up to a space, an angle bracket, a quote, a square bracket, a backtick or a
// pipe: what ends it in a shortcode, a code span or a table cell.
const CANDIDATE = /(?:https?:\/\/|www\.)[^\s<>"'[\]`|]+/gi;

// What GFM leaves out of the end of an address it finds in text: punctuation that ends the
// sentence rather than the address, and an entity-like "&amp;" (micromark's autolink literal "trail").
const TRAILING = /(?:[!*,.:;?_~]|&[a-z]+;)$/i;
const PUNCTUATION = /[\p{P}\p{S}]/u;
// What may stand before an address the site links: micromark links "http" after anything but an
// ASCII letter, and remark-gfm's second pass links "www." after a space, punctuation or a symbol.
const AFTER_LETTER = /[a-z]/i;
const BEFORE_WWW = /[\s\p{P}\p{S}]/u;

/** A web address in prose, as GFM would link it. */
export interface ProseAddress {
  /** Where the address starts in the text. */
  start: number;
  /** Where the part GFM links ends, trailing punctuation and an unbalanced ")" left out. */
  end: number;
  /** The address itself; "http://" and the address for a "www." one, as GFM links it. */
  href: string;
}

/**
 * The web addresses GFM would link in `text`, in order; `before` is the character written just
 * before the text (undefined at the start of a block, or when nothing is known of it).
 */
export function proseAddresses(text: string, before?: string): ProseAddress[] {
  const found: ProseAddress[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const address = linkedPart(match[0], start === 0 ? before : text[start - 1]);
    if (address) found.push({ start, end: start + address.length, href: isWww(address) ? `http://${address}` : address });
  }
  return found;
}

/** The part of a candidate GFM links, or undefined when it links none of it. */
function linkedPart(candidate: string, before: string | undefined): string | undefined {
  const www = isWww(candidate);
  let end = candidate.length;
  for (;;) {
    const address = candidate.slice(0, end);
    const trailing = TRAILING.exec(address);
    if (trailing) end -= trailing[0].length;
    else if (address.endsWith(')') && count(address, ')') > count(address, '(')) end--;
    else break;
  }
  const address = candidate.slice(0, end);
  const host = address.slice(www ? 4 : address.indexOf('//') + 2);
  if (host === '' || PUNCTUATION.test(host[0] as string)) return undefined;
  if (before !== undefined && (www ? !BEFORE_WWW.test(before) : AFTER_LETTER.test(before))) return undefined;
  return address;
}

function isWww(address: string): boolean {
  return address[0] === 'w' || address[0] === 'W';
}

function count(text: string, character: string): number {
  let found = 0;
  for (let at = text.indexOf(character); at !== -1; at = text.indexOf(character, at + 1)) found++;
  return found;
}
