import type { Link, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type { ComponentSpec } from './markdown.components.ts';
import { parseVideoUrl } from './markdown.embeds.ts';
import { sitePath, webUrl } from './markdown.urls.ts';
import { walkMarkdown } from './markdown.walk.ts';

/**
 * Resolves Kiosque's directives (`:::pullquote`, `:::table[…]`, `:::sources`, `::readmore`,
 * `::video`) on the Markdown tree. Anything else that looks like a directive is given back to
 * the text as the writer typed it: "Note:important" or "10:30" are prose, not directives.
 */
export function remarkArticleDirectives() {
  return (tree: Root, file: { value: unknown }): void => {
    const source = String(file.value);
    restoreTextDirectives(tree, source);
    promoteVideoLinks(tree);
    resolveBlockDirectives(tree, source);
  };
}

function restoreTextDirectives(tree: Root, source: string): void {
  walkMarkdown(tree, (directive, index, parent) => {
    if (directive.type !== 'textDirective') return;
    (parent.children as PhrasingContent[]).splice(index, 1, ...asTyped(directive, source));
    // Revisit from the same place: a directive's label may hold another one.
    return index;
  });
  mergeAdjacentText(tree);
}

function asTyped(directive: TextDirective, source: string): PhrasingContent[] {
  const start = directive.position?.start.offset;
  const end = directive.position?.end.offset;
  if (start === undefined || end === undefined) return [text(`:${directive.name}`), ...directive.children];
  const first = directive.children[0]?.position?.start.offset;
  const last = directive.children.at(-1)?.position?.end.offset;
  if (first === undefined || last === undefined) return [text(source.slice(start, end))];
  return [text(source.slice(start, first)), ...directive.children, text(source.slice(last, end))];
}

// Shortcodes such as ":wink:" must be found in one text node once directives are undone.
function mergeAdjacentText(tree: Root): void {
  const merge = (node: Root | RootContent): void => {
    if (!('children' in node) || !hasAdjacentText(node.children as RootContent[])) return;
    const merged: RootContent[] = [];
    for (const child of node.children as RootContent[]) {
      const previous = merged.at(-1);
      if (child.type === 'text' && previous?.type === 'text') previous.value += child.value;
      else merged.push(child);
    }
    (node as { children: RootContent[] }).children = merged;
  };
  merge(tree);
  walkMarkdown(tree, merge);
}

function hasAdjacentText(children: RootContent[]): boolean {
  for (let index = 1; index < children.length; index++) {
    if (children[index]!.type === 'text' && children[index - 1]!.type === 'text') return true;
  }
  return false;
}

/** A video address alone on its line is embedded as if written `::video{url="…"}`. */
function promoteVideoLinks(tree: Root): void {
  walkMarkdown(tree, (paragraph, index, parent) => {
    if (paragraph.type !== 'paragraph') return;
    const link = loneBareLink(paragraph);
    const video = link && parseVideoUrl(link.url);
    if (!video) return;
    const directive: LeafDirective = {
      type: 'leafDirective',
      name: 'video',
      attributes: { url: link.url },
      children: [],
      data: { component: { kind: 'video', video, title: undefined } },
    };
    parent.children[index] = directive;
  });
}

function loneBareLink(paragraph: Paragraph): Link | undefined {
  const content = paragraph.children.filter((node) => !(node.type === 'text' && node.value.trim() === ''));
  const [only] = content;
  if (content.length !== 1 || only?.type !== 'link') return undefined;
  const [label] = only.children;
  const shown = only.children.length === 1 && label?.type === 'text' ? label.value : undefined;
  // "www.youtube.com/…" autolinks get an http:// prefix in their address.
  return shown === only.url || `http://${shown}` === only.url ? only : undefined;
}

function resolveBlockDirectives(tree: Root, source: string): void {
  walkMarkdown(tree, (node, index, parent) => {
    if (node.type !== 'containerDirective' && node.type !== 'leafDirective') return;
    if (node.data?.component) return;
    const replacement = node.type === 'containerDirective' ? resolveContainer(node) : resolveLeaf(node, source);
    if (replacement === node) return;
    parent.children.splice(index, 1, ...(replacement as typeof parent.children));
    return index;
  });
}

function resolveContainer(directive: ContainerDirective): ContainerDirective | RootContent[] {
  const spec = containerSpec(directive);
  if (spec) {
    directive.data = { ...directive.data, component: spec };
    return directive;
  }
  // An unknown container keeps its content, label included, as ordinary blocks.
  return directive.children.map((child) => {
    if (child.type === 'paragraph' && child.data?.directiveLabel) delete child.data.directiveLabel;
    return child;
  });
}

function containerSpec(directive: ContainerDirective): ComponentSpec | undefined {
  switch (directive.name) {
    case 'pullquote':
      return { kind: 'pullquote' };
    case 'sources':
      return { kind: 'sources' };
    case 'table':
      return directive.children.some((child) => child.type === 'table') ? { kind: 'captionedTable' } : undefined;
    default:
      return undefined;
  }
}

function resolveLeaf(directive: LeafDirective, source: string): LeafDirective | RootContent[] {
  const attributes = directive.attributes ?? {};
  if (directive.name === 'readmore') {
    const href = webUrl(attributes.href) ?? sitePath(attributes.href);
    if (href) {
      directive.data = { ...directive.data, component: { kind: 'readMore', href } };
      return directive;
    }
  }
  if (directive.name === 'video') {
    const title = attributes.title?.trim() || undefined;
    const video = attributes.url ? parseVideoUrl(attributes.url) : undefined;
    if (video) {
      directive.data = { ...directive.data, component: { kind: 'video', video, title } };
      return directive;
    }
    // A video elsewhere than on a known provider is an ordinary link.
    const url = webUrl(attributes.url);
    if (url) return [paragraph([{ type: 'link', url, children: [text(title ?? url)] }])];
  }
  return [paragraph([text(asWritten(directive, source))])];
}

// Shown as typed, so the writer sees in the preview that the directive was not understood.
function asWritten(node: LeafDirective, source: string): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? `::${node.name}` : source.slice(start, end);
}

function text(value: string): Text {
  return { type: 'text', value };
}

function paragraph(children: PhrasingContent[]): Paragraph {
  return { type: 'paragraph', children };
}
