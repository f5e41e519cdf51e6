import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import type { Root as MdastRoot, Text } from 'mdast';
import { describe, expect, it } from 'vitest';
import { SKIP, someNode, walkElements, walkMarkdown } from './markdown.walk.ts';

const tree = (): Root => ({
  type: 'root',
  children: [h('p', [h('em', 'a'), h('strong', [h('code', 'b')])]), { type: 'text', value: '\n' }, h('ul', [h('li', 'c'), h('li', 'd')])],
});

function names(root: Root, visitor?: (element: Element, index: number, parent: Root | Element) => ReturnType<Parameters<typeof walkElements>[1]>) {
  const seen: string[] = [];
  walkElements(root, (element, index, parent) => {
    seen.push(element.tagName);
    return visitor?.(element, index, parent);
  });
  return seen;
}

describe('walkElements', () => {
  it('visits every element below the tree in document order, with its index and parent', () => {
    const root = tree();
    const places: string[] = [];
    walkElements(root, (element, index, parent) => {
      expect(parent.children[index]).toBe(element);
      places.push(`${element.tagName}@${index}`);
    });
    expect(places).toEqual(['p@0', 'em@0', 'strong@1', 'code@0', 'ul@2', 'li@0', 'li@1']);
  });

  it('does not enter an element when the visitor answers SKIP', () => {
    expect(names(tree(), (element) => (element.tagName === 'p' ? SKIP : undefined))).toEqual(['p', 'ul', 'li', 'li']);
  });

  it('goes on from the index the visitor answers, after it removed or replaced children', () => {
    // Removing the element and answering its index visits the one that took its place.
    expect(
      names(tree(), (element, index, parent) => {
        if (element.tagName !== 'em') return;
        parent.children.splice(index, 1);
        return index;
      }),
    ).toEqual(['p', 'em', 'strong', 'code', 'ul', 'li', 'li']);
    // [SKIP, index] neither enters the replaced element nor visits its replacement.
    const root = tree();
    expect(
      names(root, (element, index, parent) => {
        if (element.tagName !== 'strong') return;
        parent.children[index] = h('span', [h('b', 'x')]);
        return [SKIP, index + 1];
      }),
    ).toEqual(['p', 'em', 'strong', 'ul', 'li', 'li']);
    expect((root.children[0] as Element).children.map((child) => (child as Element).tagName)).toEqual(['em', 'span']);
  });

  it('enters the element it was given even when the visitor put another in its place', () => {
    expect(
      names(tree(), (element, index, parent) => {
        if (element.tagName === 'strong') parent.children[index] = h('span');
      }),
    ).toEqual(['p', 'em', 'strong', 'code', 'ul', 'li', 'li']);
  });

  it('stops at the end when the visitor answers an index past it or below zero', () => {
    expect(names(tree(), (element) => (element.tagName === 'em' ? 99 : undefined))).toEqual(['p', 'em', 'ul', 'li', 'li']);
    expect(names(tree(), (element) => (element.tagName === 'li' ? -1 : undefined))).toEqual(['p', 'em', 'strong', 'code', 'ul', 'li']);
  });
});

describe('walkMarkdown and someNode', () => {
  const markdown: MdastRoot = {
    type: 'root',
    children: [
      { type: 'heading', depth: 2, children: [{ type: 'text', value: 'Titre' }] },
      { type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: ':wink:' }] }] },
    ],
  };

  it('visits every node, text included', () => {
    const types: string[] = [];
    walkMarkdown(markdown, (node) => void types.push(node.type));
    expect(types).toEqual(['heading', 'text', 'paragraph', 'emphasis', 'text']);
  });

  it('tells whether some node passes a test, however deep', () => {
    expect(someNode(markdown, (node) => node.type === 'text' && (node as Text).value === ':wink:')).toBe(true);
    expect(someNode(markdown, (node) => node.type === 'link')).toBe(false);
  });
});
