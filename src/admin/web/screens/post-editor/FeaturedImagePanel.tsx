import { useRef, useState } from 'react';
import { ErrorMessage } from '../../components/Feedback.tsx';
import { EditorDialog } from '../../editor/EditorDialog.tsx';
import { ARTICLE_EDITOR_LABELS } from '../../editor/labels.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ApiError } from '../../lib/api.ts';
import type { Media, PostImage } from '../../lib/types.ts';
import { asApiError } from '../../lib/use-api.ts';
import { LIBRARY_IMAGE_TYPES, uploadMedia } from '../Media.tsx';
import type { Draft } from './draft.ts';
import { MediaPicker } from './MediaPicker.tsx';

/** The image being described before it becomes the featured image. */
interface Describing {
  url: string;
  alt: string;
  caption: string;
}

/**
 * The featured image (home page cards, og:image, feeds, structured data): chosen in the media
 * library or uploaded, as the text's images are, with its alternative text (required) and an
 * optional caption; « Retirer » takes it off the post.
 */
export function FeaturedImagePanel({ image, change, canUpload }: { image: PostImage | null; change(changes: Partial<Draft>): void; canUpload: boolean }) {
  const { t, locale } = useI18n();
  const labels = ARTICLE_EDITOR_LABELS[locale];
  const fileInput = useRef<HTMLInputElement>(null);
  const [picking, setPicking] = useState(false);
  const [describing, setDescribing] = useState<Describing | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const picked = (media: Media) => {
    setPicking(false);
    setDescribing({ url: media.url, alt: media.alt ?? '', caption: media.caption ?? '' });
  };
  const upload = async (file: File) => {
    setError(null);
    setUploading(true);
    try {
      const media = await uploadMedia(file, '');
      setDescribing({ url: media.url, alt: '', caption: '' });
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setUploading(false);
    }
  };

  return (
    <details className="panel featured-image-panel" open>
      <summary>
        <h2>{t('featured.title')}</h2>
      </summary>
      {image ? (
        <figure className="featured-image">
          <img src={image.url} alt={image.alt} />
          <figcaption>
            <span className="hint">{t('featured.altShown', { alt: image.alt })}</span>
            {image.caption && <span className="hint">{t('featured.captionShown', { caption: image.caption })}</span>}
          </figcaption>
        </figure>
      ) : (
        <p className="hint">{t('featured.none')}</p>
      )}
      <div className="buttons">
        {image && (
          <button type="button" onClick={() => setDescribing({ url: image.url, alt: image.alt, caption: image.caption ?? '' })}>
            {t('featured.describe')}
          </button>
        )}
        <button type="button" onClick={() => setPicking(true)}>
          {t('featured.choose')}
        </button>
        {canUpload && (
          <button type="button" onClick={() => fileInput.current?.click()} disabled={uploading} aria-busy={uploading || undefined}>
            {t('featured.upload')}
          </button>
        )}
        {image && (
          <button type="button" className="danger" onClick={() => change({ image: null })}>
            {t('featured.remove')}
          </button>
        )}
      </div>
      <input
        ref={fileInput}
        type="file"
        accept={LIBRARY_IMAGE_TYPES}
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void upload(file);
        }}
      />
      <p className="hint" role="status">
        {uploading ? labels.uploading : ''}
      </p>
      <ErrorMessage error={error} />
      {picking && <MediaPicker onPick={picked} onCancel={() => setPicking(false)} />}
      {describing && (
        <EditorDialog
          title={t('featured.title')}
          labels={labels}
          preview={<img className="editor-dialog-preview" src={describing.url} alt="" />}
          fields={[
            { name: 'alt', label: labels.imageAlt, value: describing.alt, required: true, hint: labels.imageAltHelp },
            { name: 'caption', label: labels.imageCaption, value: describing.caption },
          ]}
          onSubmit={({ alt = '', caption = '' }) => {
            change({ image: { url: describing.url, alt: alt.trim(), caption: caption.trim() || null } });
            setDescribing(null);
          }}
          onCancel={() => setDescribing(null)}
        />
      )}
    </details>
  );
}
