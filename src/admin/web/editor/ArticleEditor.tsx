/** @jsxImportSource react */
import type { Editor } from '@tiptap/core';
import type { EditorView } from '@tiptap/pm/view';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useRef, useState } from 'react';
import { sitePath, webUrl } from '../../../content/markdown/markdown.urls.ts';
import { ancestor, imageFiles, insertBlock, selectedBlock, setLink, setTableCaption } from './commands.ts';
import { EditorDialog, type DialogField, type DialogProblem } from './EditorDialog.tsx';
import { EditorToolbar, type ToolbarRequest } from './EditorToolbar.tsx';
import { articleExtensions } from './extensions.ts';
import type { ArticleEditorLabels } from './labels.ts';
import { docToMarkdown, markdownToDoc } from './markdown.ts';
import { videoProviderName } from './nodes.ts';
import './editor.css';

export interface UploadedImage {
  url: string;
  width: number;
  height: number;
}

export interface ArticleEditorProps {
  /** The article body in Kiosque's Markdown; a new value from outside (a restored revision) replaces the text. */
  markdown: string;
  onChange(markdown: string): void;
  /** Stores an image in the media library. */
  onUploadImage(file: File): Promise<UploadedImage>;
  labels: ArticleEditorLabels;
}

interface OpenDialog {
  title: string;
  fields: DialogField[];
  preview?: UploadedImage;
  validate?(values: Record<string, string>): DialogProblem | undefined;
  apply(values: Record<string, string>): void;
}

/**
 * The article editor: rich text over Kiosque's Markdown, which it gives back exactly as written
 * for what it does not change. A Markdown mode shows and edits the source itself.
 */
export function ArticleEditor({ markdown, onChange, onUploadImage, labels }: ArticleEditorProps) {
  const [markdownMode, setMarkdownMode] = useState(false);
  const [source, setSource] = useState(markdown);
  const [dialog, setDialog] = useState<OpenDialog>();
  const [status, setStatus] = useState('');
  const emitted = useRef(markdown);
  const latest = useRef({ onChange, onUploadImage, labels });
  latest.current = { onChange, onUploadImage, labels };
  const uploads = useRef<{ file: File; at?: number }[]>([]);
  const [queued, setQueued] = useState(0);
  const [uploading, setUploading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const queueImages = (files: File[], at?: number) => {
    uploads.current.push(...files.map((file) => ({ file, at })));
    setQueued((count) => count + files.length);
  };
  const dropOrPaste = useRef(queueImages);
  dropOrPaste.current = queueImages;

  // Created once: useEditor replaces the editor's options whenever these objects change.
  const [options] = useState(() => ({
    content: markdownToDoc(markdown),
    editorProps: {
      attributes: { 'aria-label': labels.content, 'aria-multiline': 'true', role: 'textbox', class: 'article-editor-content' },
      handlePaste: (_view: EditorView, event: ClipboardEvent) => {
        const files = imageFiles(event.clipboardData);
        if (files.length === 0) return false;
        dropOrPaste.current(files);
        return true;
      },
      handleDrop: (view: EditorView, event: DragEvent, _slice: unknown, moved: boolean) => {
        const files = moved ? [] : imageFiles(event.dataTransfer);
        if (files.length === 0) return false;
        event.preventDefault();
        dropOrPaste.current(files, view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos);
        return true;
      },
    },
  }));

  const editor = useEditor({
    extensions: articleExtensions,
    // Tiptap's own <style> element would be refused by the admin's Content-Security-Policy: editor.css has its rules.
    injectCSS: false,
    ...options,
    onUpdate: ({ editor: current }) => {
      const text = docToMarkdown(current.getJSON());
      if (text === emitted.current) return;
      emitted.current = text;
      latest.current.onChange(text);
    },
  });

  // A body changed from outside the editor (a restored revision) replaces the text.
  useEffect(() => {
    if (!editor || markdown === emitted.current) return;
    emitted.current = markdown;
    setSource(markdown);
    editor.commands.setContent(markdownToDoc(markdown), { emitUpdate: false });
  }, [editor, markdown]);

  // Uploads one image at a time; the alternative text is asked for before it goes in.
  useEffect(() => {
    if (!editor || uploading || dialog) return;
    const next = uploads.current.shift();
    if (!next) return;
    setUploading(true);
    setStatus(latest.current.labels.uploading);
    latest.current
      .onUploadImage(next.file)
      .then((image) => {
        setStatus('');
        setDialog(imageDialog(editor, latest.current.labels, { image, alt: '', caption: '' }, next.at));
      })
      // The library's refusal says why (not an image, too large): the writer reads that sentence.
      .catch((error: unknown) => setStatus(uploadFailure(error, latest.current.labels)))
      .finally(() => setUploading(false));
  }, [editor, uploading, dialog, queued]);

  if (!editor) return null;

  const toggleMarkdown = () => {
    if (markdownMode) {
      editor.commands.setContent(markdownToDoc(source), { emitUpdate: false });
    } else {
      setSource(docToMarkdown(editor.getJSON()));
    }
    setMarkdownMode(!markdownMode);
  };

  const request = (kind: ToolbarRequest) => {
    if (kind === 'image') fileInput.current?.click();
    else setDialog(dialogFor(kind, editor, labels));
  };

  return (
    <div className="article-editor">
      <EditorToolbar editor={editor} labels={labels} markdownMode={markdownMode} onToggleMarkdown={toggleMarkdown} onRequest={request} />
      <input
        ref={fileInput}
        type="file"
        accept="image/*"
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          queueImages(Array.from(event.target.files ?? []));
          event.target.value = '';
        }}
      />
      <p className="editor-status" role="status">
        {status}
      </p>
      <div hidden={markdownMode}>
        <EditorContent editor={editor} />
      </div>
      {markdownMode && (
        <textarea
          className="article-editor-source"
          aria-label={labels.markdownSource}
          value={source}
          spellCheck
          rows={24}
          onChange={(event) => {
            setSource(event.target.value);
            emitted.current = event.target.value;
            onChange(event.target.value);
          }}
        />
      )}
      {dialog && (
        <EditorDialog
          title={dialog.title}
          fields={dialog.fields}
          labels={labels}
          validate={dialog.validate}
          preview={dialog.preview && <img className="editor-dialog-preview" src={dialog.preview.url} alt="" width={dialog.preview.width} height={dialog.preview.height} />}
          onSubmit={(values) => {
            dialog.apply(values);
            setDialog(undefined);
          }}
          onCancel={() => setDialog(undefined)}
        />
      )}
    </div>
  );
}

const orNull = (value: string | undefined) => value?.trim() || null;

/** The generic sentence, followed by the reason the library gave when it gave one. */
function uploadFailure(error: unknown, labels: ArticleEditorLabels): string {
  const reason = error instanceof Error ? error.message.trim() : '';
  return reason ? `${labels.uploadFailed} ${reason}` : labels.uploadFailed;
}

/** Asks for the description (mandatory) and caption of an uploaded image, or of the selected figure (`replace`). */
function imageDialog(
  editor: Editor,
  labels: ArticleEditorLabels,
  values: { image: UploadedImage; alt: string; caption: string; replace?: boolean },
  at?: number,
): OpenDialog {
  const { image } = values;
  return {
    title: labels.image,
    preview: image,
    fields: [
      { name: 'alt', label: labels.imageAlt, value: values.alt, required: true, hint: labels.imageAltHelp },
      { name: 'caption', label: labels.imageCaption, value: values.caption },
    ],
    apply: ({ alt, caption }) => {
      const attrs = { src: image.url, alt: alt?.trim() ?? '', caption: orNull(caption), width: String(image.width), height: String(image.height) };
      if (values.replace) editor.chain().focus().updateAttributes('figure', attrs).run();
      else insertBlock(editor, { type: 'figure', attrs }, at);
    },
  };
}

/** The dialog behind a toolbar button, filled with the values of what is selected. */
function dialogFor(kind: Exclude<ToolbarRequest, 'image'>, editor: Editor, labels: ArticleEditorLabels): OpenDialog {
  if (kind === 'link') {
    return {
      title: labels.link,
      fields: [{ name: 'href', label: labels.linkAddress, value: String(editor.getAttributes('link').href ?? '') }],
      apply: ({ href }) => setLink(editor, href?.trim() ?? ''),
    };
  }
  if (kind === 'attribution' || kind === 'sourcesTitle' || kind === 'tableCaption') return labelDialog(kind, editor, labels);
  const selected = kind === 'edit' ? selectedBlock(editor) : undefined;
  const attrs = (selected?.attrs ?? {}) as Record<string, string | null>;
  const editing = selected !== undefined;
  if (selected?.type.name === 'figure') {
    const image = { url: attrs.src ?? '', width: Number(attrs.width) || 0, height: Number(attrs.height) || 0 };
    return imageDialog(editor, labels, { image, alt: attrs.alt ?? '', caption: attrs.caption ?? '', replace: true });
  }
  if (kind === 'video' || selected?.type.name === 'video') {
    return {
      title: labels.video,
      fields: [
        { name: 'url', label: labels.videoAddress, value: attrs.url ?? '', required: true },
        { name: 'title', label: labels.videoTitle, value: attrs.title ?? '' },
      ],
      validate: ({ url }) => (videoProviderName(url?.trim() ?? '') ? undefined : { field: 'url', message: labels.videoUnsupported }),
      apply: ({ url, title }) => {
        const video = { url: url?.trim() ?? '', title: orNull(title), bare: false };
        if (editing) editor.chain().focus().updateAttributes('video', video).run();
        else insertBlock(editor, { type: 'video', attrs: video });
      },
    };
  }
  return {
    title: labels.readMore,
    fields: [
      { name: 'href', label: labels.readMoreAddress, value: attrs.href ?? '', required: true },
      { name: 'label', label: labels.readMoreLabel, value: attrs.label ?? '' },
    ],
    validate: ({ href }) => ((webUrl(href) ?? sitePath(href)) ? undefined : { field: 'href', message: labels.readMoreInvalid }),
    apply: ({ href, label }) => {
      const readMore = { href: href?.trim() ?? '', label: orNull(label) };
      if (editing) editor.chain().focus().updateAttributes('readMore', readMore).run();
      else insertBlock(editor, { type: 'readMore', attrs: readMore });
    },
  };
}

/** The label of a pull-quote (attribution), a sources block (title) or a table (caption), in Markdown. */
function labelDialog(kind: 'attribution' | 'sourcesTitle' | 'tableCaption', editor: Editor, labels: ArticleEditorLabels): OpenDialog {
  const target = { attribution: ['pullquote', 'attribution'], sourcesTitle: ['sources', 'title'], tableCaption: ['captionedTable', 'caption'] }[kind];
  const [type = '', attribute = ''] = target;
  const current = ancestor(editor, type)?.node.attrs[attribute] as string | null | undefined;
  const label = { attribution: labels.attribution, sourcesTitle: labels.sourcesTitle, tableCaption: labels.tableCaption }[kind];
  return {
    title: label,
    fields: [{ name: 'label', label, value: current ?? '' }],
    apply: ({ label: value }) => {
      if (kind === 'tableCaption') setTableCaption(editor, value?.trim() ?? '');
      else editor.chain().focus().updateAttributes(type, { [attribute]: orNull(value) }).run();
    },
  };
}
