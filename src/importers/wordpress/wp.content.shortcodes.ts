/**
 * WordPress shortcodes. The ones WordPress itself registers and that carry content ([caption],
 * [gallery], [embed], [video], [audio]) become elements the Markdown writer understands; any
 * other is left in the text as typed (the writer escapes it so readers see it literally) and
 * reported, since the plugin that rendered it is gone.
 */

/** Names WordPress registers itself: never reported as unknown, even when left as text. */
export const BUILT_IN_SHORTCODES = new Set(['caption', 'wp_caption', 'gallery', 'embed', 'video', 'audio', 'playlist']);

// An opening tag of the shortcodes handled here, after WordPress's grammar (get_shortcode_regex):
// 1 "[" of an escaped [[name]], 2 name, 3 attributes, 4 "/" of a self-closing tag, 5 "]" of an
// escaped [[name]]. Unlike WordPress, attributes may not hold "[": otherwise an unclosed "[gallery"
// would make every later one scan to the end of the post.
const HANDLED = /\[(\[?)(caption|wp_caption|gallery|embed|video|audio)(?![\w-])([^[\]]*?)(\/?)\](\]?)/g;
// [gallery] never encloses content; the others may.
const ENCLOSING = new Set(['caption', 'wp_caption', 'embed', 'video', 'audio']);
const ATTRIBUTE = /([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)/g;
const CAPTIONED_IMAGE = /^\s*((?:<a\s[^>]+>\s*)?<img\s[^>]+>(?:\s*<\/a>)?)([\s\S]*)$/i;

/** Parses shortcode attributes the way WordPress does (shortcode_parse_atts); positional values are keyed "0", "1"… */
export function parseShortcodeAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  let positional = 0;
  const source = text.replace(/[\u00a0\u200b]/g, ' ');
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(source); match; match = ATTRIBUTE.exec(source)) {
    const name = match[1] ?? match[3] ?? match[5];
    const value = match[2] ?? match[4] ?? match[6];
    if (name !== undefined && value !== undefined) attributes[name.toLowerCase()] = value;
    else attributes[String(positional++)] = match[7] ?? match[8] ?? match[9] ?? '';
  }
  return attributes;
}

/**
 * Replaces WordPress's built-in shortcodes by elements: `<figure class="wp-caption">` for
 * [caption], `<wp-gallery ids>` for [gallery], `<wp-embed url>` for [embed] and
 * `<wp-media kind src>` for [video] and [audio]. The paragraph wpautop may have put around one
 * needs no removing (WordPress's shortcode_unautop): the Markdown writer reads these as blocks.
 */
export function expandShortcodes(html: string): string {
  if (!html.includes('[')) return html;
    const lastCloser = new Map<string, number>();
  let output = '';
  let position = 0;
  HANDLED.lastIndex = 0;
  for (let match = HANDLED.exec(html); match; match = HANDLED.exec(html)) {
    const [found, open = '', name = '', rawAttributes = '', selfClosing, close = ''] = match;
    output += html.slice(position, match.index);
    position = HANDLED.lastIndex;
    if (open === '[' && close === ']') {
      output += found.slice(1, -1);
      continue;
    }
    let content = '';
    if (!selfClosing && ENCLOSING.has(name)) {
      // Like WordPress, the content runs to the first [/name]; looking for one only when there is
      // one further on keeps a post full of unclosed tags linear.
      const closer = `[/${name}]`;
      if (!lastCloser.has(name)) lastCloser.set(name, html.lastIndexOf(closer));
      if ((lastCloser.get(name) as number) >= position) {
        const end = html.indexOf(closer, position);
        content = html.slice(position, end);
        position = end + closer.length;
        HANDLED.lastIndex = position;
      }
    }
    output += open + render(name, parseShortcodeAttributes(rawAttributes), content) + close;
  }
  return output + html.slice(position);
}

function render(name: string, attributes: Record<string, string>, content: string): string {
  switch (name) {
    case 'caption':
    case 'wp_caption':
      return captionFigure(attributes, content);
    case 'gallery':
      return `<wp-gallery ids="${escapeAttribute(attributes.ids ?? attributes.include ?? '')}"></wp-gallery>`;
    case 'embed':
      return `<wp-embed url="${escapeAttribute((content || attributes.url || attributes.src || '').trim())}"></wp-embed>`;
    default: {
      const src = attributes.src ?? MEDIA_FORMATS.map((format) => attributes[format]).find(Boolean);
      return `<wp-media kind="${name}" src="${escapeAttribute((src ?? '').trim())}"></wp-media>`;
    }
  }
}

// The attributes [video] and [audio] name their files by.
const MEDIA_FORMATS = ['mp4', 'm4v', 'webm', 'ogv', 'mp3', 'm4a', 'ogg', 'wav', 'flv', 'wmv'];

function captionFigure(attributes: Record<string, string>, content: string): string {
  // Older captions keep the text in an attribute; since WordPress 3.4 it follows the image.
  const match = CAPTIONED_IMAGE.exec(content);
  const image = match ? (match[1] as string) : content;
  const caption = (attributes.caption ?? (match ? (match[2] as string) : '')).replace(/^(?:\s|<br\s*\/?>)+/i, '');
  return `<figure class="wp-caption">${image}<figcaption>${caption}</figcaption></figure>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

// An opening shortcode left in the text: 1 "[" of an escaped one, 2 name, 3 attributes, 4 "/" when self-closing.
const LEFT_OVER = /\[(\[?)([a-z][a-z0-9_-]*)((?:\s[^[\]]*?)?)(\/?)\]/g;

/**
 * Names of the shortcodes a text holds that were not handled. Square brackets are also prose in
 * French ("[sic]", "[…]", "[Mise à jour]"): a bracket counts as a shortcode only when its name is
 * lowercase and it has `name=value` attributes, closes itself, is closed by `[/name]` somewhere
 * in the post, or its name holds "-" or "_" as plugin shortcodes' names do.
 */
export function unknownShortcodes(text: string, closedNames: ReadonlySet<string>): string[] {
  if (!text.includes('[')) return [];
  const names: string[] = [];
  LEFT_OVER.lastIndex = 0;
  for (let match = LEFT_OVER.exec(text); match; match = LEFT_OVER.exec(text)) {
    const [, escaped, name = '', attributes = '', selfClosing] = match;
    if (escaped || BUILT_IN_SHORTCODES.has(name)) continue;
    if (closedNames.has(name) || attributes.includes('=') || selfClosing || /[-_]/.test(name)) names.push(name);
  }
  return names;
}

/** WordPress shows an escaped shortcode, `[[name]]`, as `[name]`. */
export function unescapeShortcodes(text: string): string {
  return text.includes('[[') ? text.replace(/\[(\[\/?[a-z][a-z0-9_-]*(?:\s[^[\]]*)?\])\]/g, '$1') : text;
}

const CLOSING = /\[\/([a-z][a-z0-9_-]*)\]/g;

/** Names of every `[/name]` in the content: the shortcodes that enclose text. */
export function closingShortcodeNames(html: string): Set<string> {
  const names = new Set<string>();
  if (!html.includes('[/')) return names;
  CLOSING.lastIndex = 0;
  for (let match = CLOSING.exec(html); match; match = CLOSING.exec(html)) names.add(match[1] as string);
  return names;
}
