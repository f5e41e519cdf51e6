import { decodeHTML, decodeHTMLAttribute } from 'entities';

/**
 * A small, forgiving HTML reader for post content. A full HTML5 parser (parse5) costs about
 * a millisecond per article, which is the whole budget of an import of 10,000 posts; post
 * content is fragments of flow content, so tag soup is repaired with the few rules it needs:
 * void elements, raw-text elements, paragraphs closed by blocks, list items and cells closed
 * by their siblings, and end tags without a start tag ignored.
 */

export interface HtmlElement {
  type: 'element';
  name: string;
  attributes: Record<string, string>;
  children: HtmlNode[];
}

export interface HtmlText {
  type: 'text';
  /** Entities already decoded: `&nbsp;` is U+00A0 here. */
  value: string;
}

export type HtmlNode = HtmlElement | HtmlText;

const MAX_DEPTH = 100;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
// Their content is not markup: read up to the matching end tag.
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noscript', 'noembed', 'noframes', 'plaintext']);
// Opening one of these closes an open <p>, as in HTML.
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'dialog', 'div', 'dl', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'main', 'menu', 'nav', 'ol', 'p',
  'pre', 'section', 'summary', 'table', 'ul',
]);
/** For an element that closes its open siblings: the elements it closes and the ones it stops at. */
const IMPLIED_END: Record<string, { closes: string[]; scope: string[] }> = {
  li: { closes: ['li'], scope: ['ul', 'ol', 'menu'] },
  dt: { closes: ['dt', 'dd'], scope: ['dl'] },
  dd: { closes: ['dt', 'dd'], scope: ['dl'] },
  tr: { closes: ['tr', 'td', 'th'], scope: ['table', 'thead', 'tbody', 'tfoot'] },
  td: { closes: ['td', 'th'], scope: ['tr', 'table'] },
  th: { closes: ['td', 'th'], scope: ['tr', 'table'] },
  thead: { closes: ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th'], scope: ['table'] },
  tbody: { closes: ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th'], scope: ['table'] },
  tfoot: { closes: ['thead', 'tbody', 'tfoot', 'tr', 'td', 'th'], scope: ['table'] },
  option: { closes: ['option'], scope: ['select', 'datalist'] },
};

const TOKEN = /<!--([\s\S]*?)(?:--!?>|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<![^>]*>?|<\?[^>]*>?|<\/([A-Za-z][^\s/>]*)[^>]*>|<([A-Za-z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/y;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** Reads an HTML fragment into a tree; comments, doctypes and processing instructions are dropped. */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { type: 'element', name: '#root', attributes: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const current = () => stack[stack.length - 1] as HtmlElement;
  const addText = (value: string) => {
    if (value === '') return;
    const siblings = current().children;
    const last = siblings[siblings.length - 1];
    if (last?.type === 'text') last.value += value;
    else siblings.push({ type: 'text', value });
  };
  const closeUpTo = (index: number) => {
    stack.length = Math.max(1, index);
  };
  const openIndex = (name: string, scope: readonly string[] = []) => {
    for (let index = stack.length - 1; index > 0; index--) {
      const open = (stack[index] as HtmlElement).name;
      if (open === name) return index;
      if (scope.includes(open)) return -1;
    }
    return -1;
  };

  let position = 0;
  let from = 0;
  while (from < html.length) {
    // Jumping from "<" to "<" and trying the sticky pattern there is much faster than letting
    // the pattern scan the text.
    const start = html.indexOf('<', from);
    if (start === -1) break;
    TOKEN.lastIndex = start;
    const match = TOKEN.exec(html);
    if (!match) {
      from = start + 1;
      continue;
    }
    if (start > position) addText(decode(html.slice(position, start)));
    position = TOKEN.lastIndex;
    from = position;
    const [, , cdata, endName, startName, rawAttributes] = match;
    if (cdata !== undefined) {
      addText(cdata);
    } else if (endName !== undefined) {
      const name = endName.toLowerCase();
      if (name === 'br') {
        current().children.push(element('br', {}));
        continue;
      }
      const index = openIndex(name);
      if (index > 0) closeUpTo(index);
    } else if (startName !== undefined) {
      const name = startName.toLowerCase();
      const attributes = parseAttributes(rawAttributes ?? '');
      if (CLOSES_P.has(name)) {
        const paragraph = openIndex('p', ['button', 'table', 'li', 'dd', 'dt', 'td', 'th', 'blockquote', 'figure', 'div']);
        if (paragraph > 0) closeUpTo(paragraph);
      }
      const implied = IMPLIED_END[name];
      if (implied) {
        for (const sibling of implied.closes) {
          const index = openIndex(sibling, implied.scope);
          if (index > 0) closeUpTo(index);
        }
      }
      const node = element(name, attributes);
      current().children.push(node);
      if (RAW_TEXT.has(name)) {
        const end = indexOfEndTag(html, name, position);
        const stop = end === -1 ? html.length : end;
        if (stop > position) node.children.push({ type: 'text', value: name === 'textarea' || name === 'title' ? decodeHTML(html.slice(position, stop)) : html.slice(position, stop) });
        const close = end === -1 ? html.length : html.indexOf('>', end);
        position = close === -1 ? html.length : close + 1;
        from = position;
      } else if (!VOID.has(name) && !(rawAttributes ?? '').trimEnd().endsWith('/') && stack.length < MAX_DEPTH) {
        // Past MAX_DEPTH an element is kept empty and its content goes to its parent: deeper
        // nesting is hostile, and the writer is recursive.
        stack.push(node);
      }
    }
  }
  if (position < html.length) addText(decode(html.slice(position)));
  return root;
}

function decode(text: string): string {
  return text.includes('&') ? decodeHTML(text) : text;
}

function indexOfEndTag(html: string, name: string, from: number): number {
  const pattern = new RegExp(`</${name}[\\s/>]`, 'gi');
  pattern.lastIndex = from;
  return pattern.exec(html)?.index ?? -1;
}

function element(name: string, attributes: Record<string, string>): HtmlElement {
  return { type: 'element', name, attributes, children: [] };
}

function parseAttributes(raw: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (raw.trim() === '' || raw.trim() === '/') return attributes;
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(raw); match; match = ATTRIBUTE.exec(raw)) {
    const name = (match[1] as string).toLowerCase();
    if (name in attributes) continue;
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    attributes[name] = value.includes('&') ? decodeHTMLAttribute(value) : value;
  }
  return attributes;
}

/** The text of a subtree as a browser would copy it, <br> as a line break. */
export function textOf(node: HtmlNode): string {
  if (node.type === 'text') return node.value;
  if (node.name === 'br') return '\n';
  if (RAW_TEXT.has(node.name)) return '';
  let text = '';
  for (const child of node.children) text += textOf(child);
  return text;
}

/** The element's classes. */
export function classesOf(node: HtmlElement): string[] {
  const value = node.attributes.class;
  return value ? value.split(/\s+/).filter(Boolean) : [];
}

export function hasClass(node: HtmlElement, name: string): boolean {
  const value = node.attributes.class;
  return value !== undefined && ` ${value.replace(/\s+/g, ' ')} `.includes(` ${name} `);
}

export function childElements(node: HtmlElement): HtmlElement[] {
  return node.children.filter((child): child is HtmlElement => child.type === 'element');
}

/** The first element of the subtree (itself included) that satisfies `test`, depth first. */
export function findElement(node: HtmlElement, test: (candidate: HtmlElement) => boolean): HtmlElement | undefined {
  if (test(node)) return node;
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    const found = findElement(child, test);
    if (found) return found;
  }
  return undefined;
}
