/**
 * A server-only JSX runtime that renders straight to strings.
 *
 * Every string child and attribute value is escaped; the only way to insert markup is `raw()`,
 * which the code uses for HTML produced by the Markdown pipeline (already sanitised when saved).
 * Elements are rendered eagerly into `Html` values, so a page is built with one pass of string
 * concatenation and no virtual DOM.
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Child = Html | string | number | boolean | null | undefined | readonly Child[];
type Props = Record<string, unknown> & { children?: Child };
type Component<P> = (props: P) => Html;

const VOID_ELEMENTS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
]);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const ESCAPE_PATTERN = /[&<>"']/g;

/** Escapes text for use in HTML content or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return ESCAPE_PATTERN.test(text) ? text.replace(ESCAPE_PATTERN, (c) => ESCAPES[c]!) : text;
}

/** Marks trusted, already-sanitised markup for insertion as is. */
export function raw(html: string): Html {
  return new Html(html);
}

function renderChild(child: Child): string {
  if (child === null || child === undefined || child === false || child === true) return '';
  if (child instanceof Html) return child.value;
  if (typeof child === 'string') return escapeHtml(child);
  if (typeof child === 'number') return String(child);
  let out = '';
  for (const c of child) out += renderChild(c);
  return out;
}

function renderAttributes(props: Props): string {
  let out = '';
  for (const name in props) {
    if (name === 'children') continue;
    const value = props[name];
    if (value === undefined || value === null || value === false) continue;
    if (value === true) {
      out += ' ' + name;
    } else {
      out += ' ' + name + '="' + escapeHtml(String(value)) + '"';
    }
  }
  return out;
}

export function jsx(type: string | Component<Props>, props: Props): Html {
  if (typeof type === 'function') return type(props);
  const open = '<' + type + renderAttributes(props) + '>';
  if (VOID_ELEMENTS.has(type)) return new Html(open);
  return new Html(open + renderChild(props.children) + '</' + type + '>');
}

export const jsxs = jsx;
export const jsxDEV = jsx;

export function Fragment(props: { children?: Child }): Html {
  return new Html(renderChild(props.children));
}

/** Renders a complete document, with its doctype. */
export function renderDocument(root: Html): string {
  return '<!doctype html>' + root.value;
}

export declare namespace JSX {
  type Element = Html;
  interface ElementChildrenAttribute {
    children: unknown;
  }
  interface IntrinsicElements {
    [tag: string]: Record<string, unknown> & { children?: Child };
  }
}
