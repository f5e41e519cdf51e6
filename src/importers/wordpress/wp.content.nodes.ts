import { textOf, type HtmlElement } from './wp.content.html.ts';
import { isSafeHref } from './wp.content.media.ts';

/** Questions the Markdown writer asks of the HTML tree. */

export function loneChild(node: HtmlElement, name: string): HtmlElement | undefined {
  const meaningful = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const [only] = meaningful;
  return meaningful.length === 1 && only?.type === 'element' && only.name === name ? only : undefined;
}

export function isImageOnly(item: HtmlElement): boolean {
  const meaningful = item.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const [only] = meaningful;
  if (meaningful.length !== 1 || only?.type !== 'element') return false;
  if (only.name === 'figure' || only.name === 'img') return collect(only, 'img').length === 1;
  return only.name === 'a' && loneChild(only, 'img') !== undefined;
}

export function collect(node: HtmlElement, name: string, found: HtmlElement[] = []): HtmlElement[] {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.name === name) found.push(child);
    collect(child, name, found);
  }
  return found;
}

export function plainText(node: HtmlElement): string {
  return textOf(node).replace(/\s+/g, ' ').trim();
}

/** Lazy-loading plugins keep the real address in data-src and a placeholder in src. */
export function imageSource(node: HtmlElement): string | undefined {
  const { src, 'data-src': dataSrc, 'data-lazy-src': lazySrc } = node.attributes;
  const candidates = [lazySrc, dataSrc, src].map((value) => value?.trim()).filter((value): value is string => Boolean(value));
  return candidates.find((value) => !value.startsWith('data:') && isSafeHref(value));
}

export function iframeSource(node: HtmlElement): string {
  return (node.attributes.src || node.attributes['data-src'] || '').trim();
}

export function languageOf(node: HtmlElement | undefined): string | undefined {
  const className = node?.attributes.class ?? '';
  const language = /(?:^|\s)(?:language|lang)-([\w+#-]+)/.exec(className)?.[1] ?? /brush:\s*([\w+#-]+)/.exec(className)?.[1] ?? node?.attributes.lang;
  return language?.toLowerCase();
}
