import type { Element, Root as HastRoot } from 'hast';
import type { Nodes as MdastNodes, Parents as MdastParents, Root as MdastRoot } from 'mdast';
import type { Node, Parent } from 'unist';

/**
 * Depth-first walks over the Markdown and HTML trees of a rendering, in document order.
 *
 * They keep unist-util-visit's contract for a visitor (return SKIP not to enter the node, a
 * number to go on from that index of the parent, [SKIP, index] for both), which the steps of
 * the pipeline rely on when they replace or remove the node they are given. They know the index
 * of each child instead of searching for it, and build no list of ancestors: a rendering walks
 * its trees a dozen times, and the generic walker's bookkeeping cost a quarter of it.
 */

export const SKIP = 'skip';
export type WalkResult = void | typeof SKIP | number | readonly [typeof SKIP, number];

type HastParent = HastRoot | Element;

/** Calls `visit` for every element below `tree` (not for `tree` itself). */
export function walkElements(
  tree: HastParent,
  visit: (element: Element, index: number, parent: HastParent) => WalkResult,
): void {
  walk(tree as Walkable, (node, index, parent) =>
    node.type === 'element' ? visit(node as unknown as Element, index, parent as unknown as HastParent) : undefined,
  );
}

/** Calls `visit` for every node below `tree` (not for `tree` itself). */
export function walkMarkdown(
  tree: MdastRoot,
  visit: (node: Exclude<MdastNodes, MdastRoot>, index: number, parent: MdastParents) => WalkResult,
): void {
  walk(tree as Walkable, visit as unknown as Visitor);
}

/** Whether some node below `tree` passes `test`; the walk stops at the first. */
export function someNode(tree: Parent, test: (node: Node) => boolean): boolean {
  const stack = [tree as Walkable];
  for (let parent = stack.pop(); parent; parent = stack.pop()) {
    for (const child of parent.children!) {
      if (test(child as Node)) return true;
      if (child.children) stack.push(child as Walkable);
    }
  }
  return false;
}

interface Walkable {
  type: string;
  children?: Walkable[];
}
type Visitor = (node: Walkable, index: number, parent: Walkable) => WalkResult;

function walk(parent: Walkable, visit: Visitor): void {
  let index = 0;
  // The children are read again at each step: a visitor may have spliced them.
  while (index >= 0 && index < parent.children!.length) {
    const node = parent.children![index]!;
    const result = visit(node, index, parent);
    const skip = result === SKIP || (Array.isArray(result) && result[0] === SKIP);
    // As with unist-util-visit, the node given to the visitor is the one entered, even when
    // the visitor put another in its place.
    if (!skip && node.children) walk(node, visit);
    if (typeof result === 'number') index = result;
    else if (Array.isArray(result)) index = result[1];
    else index += 1;
  }
}
