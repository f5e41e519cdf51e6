import { useEffect, useRef, useState } from 'react';
import { ErrorMessage, Loading } from '../../components/Feedback.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { api, query } from '../../lib/api.ts';
import { listOf, type Media } from '../../lib/types.ts';
import { useApi } from '../../lib/use-api.ts';

/** The media library in a modal, newest first, a page at a time: a click on an image chooses it. */
export function MediaPicker({ onPick, onCancel }: { onPick(media: Media): void; onCancel(): void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [page, setPage] = useState(1);
  const media = useApi(() => api.get<{ media?: Media[]; total?: number; pageSize?: number }>('/media' + query({ page })), String(page));
  const list = listOf<Media>(media.data, 'media');
  const more = list.length > 0 && page * (media.data?.pageSize ?? list.length) < (media.data?.total ?? 0);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className="editor-dialog media-picker" aria-labelledby="media-picker-title" onClose={onCancel}>
      <h2 id="media-picker-title">{t('featured.pickTitle')}</h2>
      {media.loading && !media.data ? (
        <Loading />
      ) : media.error ? (
        <ErrorMessage error={media.error} />
      ) : list.length === 0 ? (
        <p>{t('media.none')}</p>
      ) : (
        <ul className="media-picker-grid">
          {list.map((item) => (
            <li key={item.id}>
              <button type="button" onClick={() => onPick(item)} aria-label={t('featured.pick', { name: item.alt || item.url.split('/').pop() || item.url })}>
                <img src={item.url} alt="" width={item.width} height={item.height} loading="lazy" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('pagination.previous')}
        </button>
        <button type="button" disabled={!more} onClick={() => setPage(page + 1)}>
          {t('pagination.next')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </dialog>
  );
}
