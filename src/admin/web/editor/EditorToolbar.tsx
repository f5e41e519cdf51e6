/** @jsxImportSource react */
import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import type { KeyboardEvent, ReactNode } from 'react';
import { ancestor, selectedBlock, toggleContainer } from './commands.ts';
import type { ArticleEditorLabels } from './labels.ts';

/** What the toolbar asks the editor around it to do with a dialog or a file picker. */
export type ToolbarRequest = 'link' | 'image' | 'video' | 'readMore' | 'edit' | 'attribution' | 'sourcesTitle' | 'tableCaption';

interface EditorToolbarProps {
  editor: Editor;
  labels: ArticleEditorLabels;
  markdownMode: boolean;
  onToggleMarkdown(): void;
  onRequest(request: ToolbarRequest): void;
}

const HEADING_LEVELS = [2, 3, 4] as const;

/**
 * The formatting toolbar: every button is reached with Tab, arrow keys also move along it, and
 * every toggle says whether it is on (aria-pressed). A button shows a short sign and is named by
 * its label, hidden from sight but not from assistive technology. Table tools appear when the
 * cursor is in a table.
 */
export function EditorToolbar({ editor, labels, markdownMode, onToggleMarkdown, onRequest }: EditorToolbarProps) {
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      link: current.isActive('link'),
      headings: HEADING_LEVELS.map((level) => current.isActive('heading', { level })),
      bulletList: current.isActive('bulletList'),
      orderedList: current.isActive('orderedList'),
      blockquote: current.isActive('blockquote'),
      pullquote: ancestor(current, 'pullquote') !== undefined,
      sources: ancestor(current, 'sources') !== undefined,
      table: ancestor(current, 'table') !== undefined,
      selected: selectedBlock(current)?.type.name,
    }),
  });
  const run = (command: (chain: ReturnType<Editor['chain']>) => ReturnType<Editor['chain']>) => () => command(editor.chain().focus()).run();
  const off = markdownMode;

  return (
    <div className="editor-toolbar" role="toolbar" aria-label={labels.toolbar} onKeyDown={moveAlongToolbar}>
      {HEADING_LEVELS.map((level, index) => (
        <ToolButton key={level} label={labels.heading(level)} pressed={state.headings[index]} disabled={off} onClick={run((chain) => chain.toggleHeading({ level }))}>
          {`H${level}`}
        </ToolButton>
      ))}
      <ToolButton label={labels.bold} pressed={state.bold} disabled={off} onClick={run((chain) => chain.toggleBold())}>
        <b>B</b>
      </ToolButton>
      <ToolButton label={labels.italic} pressed={state.italic} disabled={off} onClick={run((chain) => chain.toggleItalic())}>
        <i>I</i>
      </ToolButton>
      <ToolButton label={labels.link} pressed={state.link} disabled={off} onClick={() => onRequest('link')}>
        ↗
      </ToolButton>
      <ToolButton label={labels.bulletList} pressed={state.bulletList} disabled={off} onClick={run((chain) => chain.toggleBulletList())}>
        •
      </ToolButton>
      <ToolButton label={labels.orderedList} pressed={state.orderedList} disabled={off} onClick={run((chain) => chain.toggleOrderedList())}>
        1.
      </ToolButton>
      <ToolButton label={labels.blockquote} pressed={state.blockquote} disabled={off} onClick={run((chain) => chain.toggleBlockquote())}>
        “
      </ToolButton>
      <ToolButton label={labels.pullquote} pressed={state.pullquote} disabled={off} onClick={() => toggleContainer(editor, 'pullquote')}>
        ❝
      </ToolButton>
      {state.pullquote && !off && (
        <ToolButton label={labels.attribution} onClick={() => onRequest('attribution')}>
          —
        </ToolButton>
      )}
      <ToolButton label={labels.table} disabled={off || state.table} onClick={run((chain) => chain.insertTable({ rows: 3, cols: 3, withHeaderRow: true }))}>
        ▦
      </ToolButton>
      {state.table && !off && (
        <>
          <ToolButton label={labels.addRow} onClick={run((chain) => chain.addRowAfter())}>
            +≡
          </ToolButton>
          <ToolButton label={labels.removeRow} onClick={run((chain) => chain.deleteRow())}>
            −≡
          </ToolButton>
          <ToolButton label={labels.addColumn} onClick={run((chain) => chain.addColumnAfter())}>
            +‖
          </ToolButton>
          <ToolButton label={labels.removeColumn} onClick={run((chain) => chain.deleteColumn())}>
            −‖
          </ToolButton>
          <ToolButton label={labels.tableCaption} onClick={() => onRequest('tableCaption')}>
            ⌐
          </ToolButton>
          <ToolButton label={labels.removeTable} onClick={run((chain) => chain.deleteTable())}>
            ✕
          </ToolButton>
        </>
      )}
      <ToolButton label={labels.image} disabled={off} onClick={() => onRequest('image')}>
        ▣
      </ToolButton>
      <ToolButton label={labels.video} disabled={off} onClick={() => onRequest('video')}>
        ▶
      </ToolButton>
      <ToolButton label={labels.sources} pressed={state.sources} disabled={off} onClick={() => toggleContainer(editor, 'sources')}>
        §
      </ToolButton>
      {state.sources && !off && (
        <ToolButton label={labels.sourcesTitle} onClick={() => onRequest('sourcesTitle')}>
          §…
        </ToolButton>
      )}
      <ToolButton label={labels.readMore} disabled={off} onClick={() => onRequest('readMore')}>
        →
      </ToolButton>
      {state.selected && !off && (
        <ToolButton label={labels.edit} onClick={() => onRequest('edit')}>
          ✎
        </ToolButton>
      )}
      <ToolButton label={labels.markdownMode} pressed={markdownMode} onClick={onToggleMarkdown}>
        M↓
      </ToolButton>
    </div>
  );
}

function ToolButton({ label, pressed, disabled, onClick, children }: { label: string; pressed?: boolean; disabled?: boolean; onClick(): void; children: ReactNode }) {
  return (
    <button type="button" title={label} aria-pressed={pressed} disabled={disabled} onClick={onClick}>
      <span aria-hidden="true">{children}</span>
      <span className="editor-visually-hidden">{label}</span>
    </button>
  );
}

/** Left and right arrows, Home and End move focus between the toolbar's buttons. */
function moveAlongToolbar(event: KeyboardEvent<HTMLDivElement>): void {
  const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not([disabled])'));
  const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const target: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: buttons.length - 1 };
  const index = target[event.key];
  if (index === undefined || current === -1 || buttons.length === 0) return;
  event.preventDefault();
  buttons[(index + buttons.length) % buttons.length]?.focus();
}
