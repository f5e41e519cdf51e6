import { withoutNonXmlCharacters } from './feeds.xml.ts';

/**
 * An article's HTML as a feed reader shows it: away from the site, a relative address points
 * nowhere, so every link, image and srcset candidate is made absolute (a `#section` link goes to
 * that section of the article). Click-to-load video frames, whose player lives in a `srcdoc` that
 * readers strip, are dropped: the figure's caption links to the video. Heading anchors (`#`) go too.
 *
 * This works on the text rather than a parsed tree because the text has one known shape: every
 * body was sanitised and written by the Markdown pipeline's serializer when it was saved, which
 * quotes every attribute value with `"` (escaping `"` and `&` inside) and escapes `<` in text.
 * Parsing and re-serializing instead cost about 8 ms per article, on every feed rebuilt after a
 * publication; this costs a few hundredths of that.
 */

const ATTRIBUTES = String.raw`(?:\s+[^\s"'>/=]+(?:="[^"]*")?)*`;
const START_TAG = new RegExp(String.raw`<([a-zA-Z][a-zA-Z0-9-]*)(${ATTRIBUTES})(\s*/?)>`, 'g');
const VIDEO_FRAME = new RegExp(String.raw`<iframe${ATTRIBUTES}\s*>[\s\S]*?</iframe>`, 'g');
const LINK_ELEMENT = new RegExp(String.raw`<a(${ATTRIBUTES})\s*>([^<]*)</a>`, 'g');
const ATTRIBUTE = /(\s+)([^\s"'>/=]+)(?:="([^"]*)")?/g;
const ANCHOR_CLASS = /\sclass="(?:[^"]*\s)?anchor(?:\s[^"]*)?"/;
const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite']);
const HAS_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

export function feedArticleHtml(html: string, articleUrl: string): string {
  return withoutNonXmlCharacters(html)
    .replace(VIDEO_FRAME, '')
    .replace(LINK_ELEMENT, (element, attributes: string) => (ANCHOR_CLASS.test(attributes) ? '' : element))
    .replace(START_TAG, (_tag, name: string, attributes: string, end: string) => `<${name}${absoluteAttributes(attributes, articleUrl)}${end}>`);
}

function absoluteAttributes(attributes: string, base: string): string {
  return attributes.replace(ATTRIBUTE, (attribute, space: string, name: string, value: string | undefined) => {
    if (value === undefined) return attribute;
    const key = name.toLowerCase();
    if (URL_ATTRIBUTES.has(key)) return `${space}${name}="${absoluteValue(value, base)}"`;
    if (key === 'srcset') return `${space}${name}="${value.split(',').map((candidate) => absoluteCandidate(candidate, base)).join(', ')}"`;
    return attribute;
  });
}

/** A srcset candidate: an address, then an optional width or density descriptor. */
function absoluteCandidate(candidate: string, base: string): string {
  const [address = '', ...descriptors] = candidate.trim().split(/\s+/);
  return [absoluteValue(address, base), ...descriptors].join(' ');
}

/** An attribute's value (escaped as written) made absolute; one with a scheme is left as it is. */
function absoluteValue(escaped: string, base: string): string {
  if (HAS_SCHEME.test(escaped)) return escaped;
  try {
    return new URL(unescapeAttribute(escaped), base).href.replace(/&/g, '&#x26;').replace(/"/g, '&#x22;');
  } catch {
    return escaped;
  }
}

const NAMED: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" };

function unescapeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (reference, body: string) => {
    if (body[0] !== '#') return NAMED[body.toLowerCase()] ?? reference;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : reference;
  });
}
