/**
 * Trusted components (pull-quotes, captioned tables, sources, read-more links, videos) cross the
 * sanitiser as plain `div` markers carrying their description in node `data`, which no HTML a
 * writer types can produce. They become real markup only after sanitising, so user HTML can never
 * yield an iframe, a srcdoc or one of our classes.
 *
 * The marker has three lives, in this order:
 * 1. mdast: a directive whose `data.component` was set by `markdown.directives.ts`;
 * 2. hast before rehype-raw: a custom `component` node, which rehype-raw passes through (it
 *    rebuilds every element from HTML and would drop `data`);
 * 3. hast after rehype-raw: a `div` with `data.component`, which the sanitiser keeps as is.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { Paragraph, RootContent as MdastContent } from 'mdast';
import type { ContainerDirective, LeafDirective } from 'mdast-util-directive';
import type { Handlers, State } from 'mdast-util-to-hast';
import type { VideoLink } from './markdown.embeds.ts';

export type ComponentSpec =
  | { kind: 'label' }
  | { kind: 'pullquote' }
  | { kind: 'captionedTable' }
  | { kind: 'sources' }
  | { kind: 'readMore'; href: string }
  | { kind: 'video'; video: VideoLink; title: string | undefined };

declare module 'mdast-util-directive' {
  interface ContainerDirectiveData {
    component?: ComponentSpec;
  }
  interface LeafDirectiveData {
    component?: ComponentSpec;
  }
}

declare module 'hast' {
  interface ElementData {
    component?: ComponentSpec;
  }
}

/** The node type rehype-raw must be told to pass through. */
export const COMPONENT_NODE = 'component';

interface ComponentNode {
  type: typeof COMPONENT_NODE;
  spec: ComponentSpec;
  children: ElementContent[];
}

function componentNode(spec: ComponentSpec, children: ElementContent[]): ElementContent {
  const node: ComponentNode = { type: COMPONENT_NODE, spec, children };
  // hast has no such node type; it lives only between remark-rehype and `lowerComponents`.
  return node as unknown as ElementContent;
}

function isComponentNode(node: unknown): node is ComponentNode {
  return typeof node === 'object' && node !== null && (node as { type?: unknown }).type === COMPONENT_NODE;
}

function isLabel(node: MdastContent): node is Paragraph {
  return node.type === 'paragraph' && node.data?.directiveLabel === true;
}

function containerToHast(state: State, node: ContainerDirective): ElementContent | ElementContent[] {
  const spec = node.data?.component;
  const content = node.children.filter((child) => !isLabel(child));
  const blocks = state.wrap(state.all({ type: 'root', children: content }), true);
  if (!spec) return blocks;
  const label = node.children.find(isLabel);
  const labelNode = label ? [componentNode({ kind: 'label' }, state.all(label))] : [];
  return componentNode(spec, [...labelNode, ...blocks]);
}

function leafToHast(state: State, node: LeafDirective): ElementContent | ElementContent[] {
  const spec = node.data?.component;
  return spec ? componentNode(spec, state.all(node)) : state.all(node);
}

/** remark-rehype handlers turning resolved directives into component nodes. */
export const componentHandlers: Handlers = {
  containerDirective: containerToHast,
  leafDirective: leafToHast,
};

/** Runs right after rehype-raw: turns component nodes into `div` markers the sanitiser keeps. */
export function lowerComponents(parent: Root | Element): void {
  const children: (RootContent | ComponentNode)[] = parent.children;
  children.forEach((child, index) => {
    if (isComponentNode(child)) {
      const marker: Element = {
        type: 'element',
        tagName: 'div',
        properties: {},
        children: child.children,
        // hast-util-from-parse5 declares `data.position` required, though it only sets it when verbose.
        data: { component: child.spec } as Element['data'],
      };
      children[index] = marker;
      lowerComponents(marker);
    } else if (child.type === 'element') {
      lowerComponents(child);
    }
  });
}

/** The description carried by a marker, or undefined for any other node. */
export function componentOf(node: RootContent): ComponentSpec | undefined {
  return node.type === 'element' ? node.data?.component : undefined;
}

/** A container's label marker (the `[…]` of `:::name[…]`), and the rest of its content. */
export function splitLabel(marker: Element): { label: ElementContent[] | undefined; content: ElementContent[] } {
  const index = marker.children.findIndex((child) => componentOf(child)?.kind === 'label');
  const label = marker.children[index];
  if (!label || label.type !== 'element') return { label: undefined, content: marker.children };
  return { label: label.children, content: marker.children.filter((_, i) => i !== index) };
}
