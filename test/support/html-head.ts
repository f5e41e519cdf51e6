import type { Element, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * A page's <head> as search engines read it, parsed by a real HTML parser (rehype-parse, the one
 * the Markdown pipeline uses) rather than matched with patterns.
 */
export interface ParsedHead {
  title: string | undefined;
  /** `<meta name|property=… content=…>`: every content per name, in order. */
  meta: Map<string, string[]>;
  links: { rel: string; href: string; type?: string; title?: string; hreflang?: string }[];
  /** The text of each `<script type="application/ld+json">`, parsed. */
  jsonLd: unknown[];
  /** Every script element's type ('' for none). */
  scriptTypes: string[];
}

const text = (node: Element): string => node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? text(child) : '')).join('');
const attribute = (node: Element, name: string): string | undefined => {
  const value = node.properties[name];
  if (value === undefined || value === null || value === false) return undefined;
  return Array.isArray(value) ? value.join(' ') : String(value);
};

export function parseHead(html: string): ParsedHead {
  const tree = unified().use(rehypeParse).parse(html) as Root;
  const head: ParsedHead = { title: undefined, meta: new Map(), links: [], jsonLd: [], scriptTypes: [] };
  visit(tree, 'element', (node: Element) => {
    switch (node.tagName) {
      case 'title':
        head.title = text(node);
        break;
      case 'meta': {
        const name = attribute(node, 'name') ?? attribute(node, 'property');
        const content = attribute(node, 'content');
        if (name !== undefined && content !== undefined) head.meta.set(name, [...(head.meta.get(name) ?? []), content]);
        break;
      }
      case 'link':
        head.links.push({
          rel: attribute(node, 'rel') ?? '',
          href: attribute(node, 'href') ?? '',
          ...(attribute(node, 'type') ? { type: attribute(node, 'type') } : {}),
          ...(attribute(node, 'title') ? { title: attribute(node, 'title') } : {}),
          ...(attribute(node, 'hrefLang') ? { hreflang: attribute(node, 'hrefLang') } : {}),
        });
        break;
      case 'script': {
        const type = attribute(node, 'type') ?? '';
        head.scriptTypes.push(type);
        if (type === 'application/ld+json') head.jsonLd.push(JSON.parse(text(node)));
        break;
      }
    }
  });
  return head;
}

/** The one value of a meta, or undefined. */
export function metaOf(head: ParsedHead, name: string): string | undefined {
  return head.meta.get(name)?.[0];
}

/** The nodes of every JSON-LD graph on the page. */
export function jsonLdNodes(head: ParsedHead): Record<string, unknown>[] {
  return head.jsonLd.flatMap((block) => {
    const graph = (block as { '@graph'?: Record<string, unknown>[] })['@graph'];
    return graph ?? [block as Record<string, unknown>];
  });
}

export function nodeOfType(head: ParsedHead, type: string): Record<string, unknown> | undefined {
  return jsonLdNodes(head).find((node) => node['@type'] === type);
}

/** Reads a dotted path such as `author.0.name` or `potentialAction.target.urlTemplate`. */
export function pathOf(node: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), node);
}
