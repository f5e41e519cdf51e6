import type { Editor, JSONContent } from '@tiptap/core';
import { NodeRange, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { NodeSelection } from '@tiptap/pm/state';
import { findWrapping } from '@tiptap/pm/transform';

/** The closest node of that type around the selection, and where it starts. */
export function ancestor(editor: Editor, type: string): { node: ProseMirrorNode; pos: number } | undefined {
  const { $from } = editor.state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type.name === type) return { node, pos: $from.before(depth) };
  }
  return undefined;
}

/** The figure, video or read-more link selected as a whole, if any. */
export function selectedBlock(editor: Editor): ProseMirrorNode | undefined {
  const { selection } = editor.state;
  if (!(selection instanceof NodeSelection)) return undefined;
  return ['figure', 'video', 'readMore'].includes(selection.node.type.name) ? selection.node : undefined;
}

/**
 * Gives the table around the selection a caption (`:::table[…]`), changes it, or removes it
 * when empty, by wrapping or unwrapping the table.
 */
export function setTableCaption(editor: Editor, caption: string): void {
  const { schema } = editor.state;
  const wrapper = ancestor(editor, 'captionedTable');
  const { tr } = editor.state;
  if (wrapper) {
    if (caption) tr.setNodeMarkup(wrapper.pos, undefined, { caption });
    else tr.replaceWith(wrapper.pos, wrapper.pos + wrapper.node.nodeSize, wrapper.node.content);
  } else {
    const table = ancestor(editor, 'table');
    if (!table || !caption) return;
    const captioned = schema.nodes.captionedTable!.create({ caption }, table.node);
    tr.replaceWith(table.pos, table.pos + table.node.nodeSize, captioned);
  }
  editor.view.dispatch(tr);
  editor.commands.focus();
}

/**
 * Puts the selected blocks in a pull-quote or a sources block, or takes them out of the one
 * around them. The blocks are wrapped at the deepest level that allows it: a list is wrapped
 * whole, where a plain wrap would try to wrap the paragraph of one list item and fail.
 */
export function toggleContainer(editor: Editor, type: 'pullquote' | 'sources'): void {
  const { state } = editor;
  const { tr } = state;
  const around = ancestor(editor, type);
  if (around) {
    tr.replaceWith(around.pos, around.pos + around.node.nodeSize, around.node.content);
  } else {
    const { $from, $to } = state.selection;
    const container = state.schema.nodes[type]!;
    for (let depth = $from.sharedDepth($to.pos); depth >= 0; depth--) {
      const range = new NodeRange($from, $to, depth);
      const wrapping = findWrapping(range, container);
      if (wrapping) {
        tr.wrap(range, wrapping);
        break;
      }
    }
  }
  if (tr.docChanged) editor.view.dispatch(tr);
  editor.commands.focus();
}

/** Inserts a block where a file was dropped, or at the selection. */
export function insertBlock(editor: Editor, block: JSONContent, at?: number): void {
  const chain = editor.chain().focus();
  if (at === undefined) chain.insertContent(block).run();
  else chain.insertContentAt(Math.min(at, editor.state.doc.content.size), block).run();
}

/** Sets the link on the selection (the whole link when the cursor is in one), or removes it. */
export function setLink(editor: Editor, href: string): void {
  const chain = editor.chain().focus().extendMarkRange('link');
  if (href) chain.setLink({ href }).run();
  else chain.unsetLink().run();
}

/** The image files of a paste or a drop. */
export function imageFiles(data: DataTransfer | null): File[] {
  return Array.from(data?.files ?? []).filter((file) => file.type.startsWith('image/'));
}
