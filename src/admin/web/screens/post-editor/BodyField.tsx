import { ArticleEditor, type UploadedImage } from '../../editor/ArticleEditor.tsx';
import { ARTICLE_EDITOR_LABELS } from '../../editor/labels.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { uploadMedia } from '../Media.tsx';

/** Images dropped or pasted into the text go to the media library; the editor asks their alt text. */
async function uploadImage(file: File): Promise<UploadedImage> {
  const media = await uploadMedia(file, '');
  return { url: media.url, width: media.width ?? 0, height: media.height ?? 0 };
}

/** The article's text: the rich editor over its Markdown, with its own Markdown mode. */
export function BodyField({ markdown, onChange }: { markdown: string; onChange(markdown: string): void }) {
  const { locale } = useI18n();
  return (
    <div className="body-field">
      <ArticleEditor markdown={markdown} onChange={onChange} labels={ARTICLE_EDITOR_LABELS[locale]} onUploadImage={uploadImage} />
    </div>
  );
}
