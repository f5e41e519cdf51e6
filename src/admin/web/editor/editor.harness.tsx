/** @jsxImportSource react */
import { createRoot } from 'react-dom/client';
import { ArticleEditor } from './ArticleEditor.tsx';
import { ARTICLE_EDITOR_LABELS } from './labels.ts';

/**
 * The editor alone on a page, for its browser test: what it reports is kept on `window`, and an
 * upload stores nothing and answers a fixed library address.
 */
interface HarnessWindow {
  initialMarkdown: string;
  markdown: string;
  uploaded: string[];
}

const harness = window as unknown as HarnessWindow;
harness.markdown = harness.initialMarkdown;
harness.uploaded = [];

createRoot(document.getElementById('root')!).render(
  <main>
    <h1>Article</h1>
    <ArticleEditor
      markdown={harness.initialMarkdown}
      labels={ARTICLE_EDITOR_LABELS.fr}
      onChange={(markdown) => {
        harness.markdown = markdown;
      }}
      onUploadImage={async (file) => {
        harness.uploaded.push(file.name);
        return { url: `/media/2024/${file.name}`, width: 640, height: 480 };
      }}
    />
  </main>,
);
