/** @jsxImportSource react */
import { createRoot } from 'react-dom/client';
import { ArticleEditor } from './ArticleEditor.tsx';
import { ARTICLE_EDITOR_LABELS } from './labels.ts';

/**
 * The editor alone on a page, for its browser test: what it reports is kept on `window`, and an
 * upload stores nothing and answers a fixed library address; a file named fake… is refused with
 * the library's sentence.
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
        // As the media library answers a file that is not an image, whatever its name.
        if (file.name.startsWith('fake')) throw new Error('Ce fichier n’est pas une image acceptée par Kiosque (JPEG, PNG, GIF, WebP, AVIF ou SVG), quel que soit son nom.');
        harness.uploaded.push(file.name);
        return { url: `/media/2024/${file.name}`, width: 640, height: 480 };
      }}
    />
  </main>,
);
