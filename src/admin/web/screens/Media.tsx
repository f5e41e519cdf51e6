import { useRef, useState, type FormEvent } from 'react';
import { ErrorMessage, FormError, Loading, Notice } from '../components/Feedback.tsx';
import { SubmitButton, TextField } from '../components/Fields.tsx';
import { Screen } from '../components/Screen.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api, query } from '../lib/api.ts';
import { abilities, useUser } from '../lib/session.tsx';
import { listOf, type Media } from '../lib/types.ts';
import { useAction, useApi } from '../lib/use-api.ts';

/** What the media library takes (the server reads the type from the content, never from this). */
export const LIBRARY_IMAGE_TYPES = 'image/jpeg,image/png,image/gif,image/webp,image/avif,image/svg+xml';

/** Uploads a file with its alt text (and caption): the media service resizes it. */
export function uploadMedia(file: File, alt: string, caption = ''): Promise<Media> {
  const form = new FormData();
  // Text fields first: a multipart parser may read them before the file's bytes.
  if (alt) form.append('alt', alt);
  if (caption) form.append('caption', caption);
  form.append('file', file);
  return api.upload<Media>('/media', form);
}

function UploadForm({ onUploaded }: { onUploaded(): void }) {
  const { t } = useI18n();
  const fileInput = useRef<HTMLInputElement>(null);
  const [alt, setAlt] = useState('');
  const [caption, setCaption] = useState('');
  const [done, setDone] = useState(false);
  const upload = useAction(async () => {
    const file = fileInput.current?.files?.[0];
    if (!file) throw new Error(t('media.chooseFile'));
    await uploadMedia(file, alt, caption);
    setAlt('');
    setCaption('');
    if (fileInput.current) fileInput.current.value = '';
    setDone(true);
    onUploaded();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    void upload.run();
  };
  return (
    <form onSubmit={submit} className="card" aria-labelledby="upload-title" noValidate>
      <h2 id="upload-title">{t('media.upload')}</h2>
      <FormError error={upload.error} fields={['alt', 'caption']} />
      <div className="field">
        <label htmlFor="media-file">{t('media.file')}</label>
        <input id="media-file" ref={fileInput} type="file" name="file" accept={LIBRARY_IMAGE_TYPES} required />
      </div>
      <TextField label={t('media.alt')} name="alt" value={alt} onChange={setAlt} error={upload.error} required hint={t('media.altHint')} />
      <TextField label={t('media.caption')} name="caption" value={caption} onChange={setCaption} error={upload.error} />
      <SubmitButton busy={upload.busy}>{t('media.uploadSubmit')}</SubmitButton>
      {done && <Notice>{t('media.uploaded')}</Notice>}
    </form>
  );
}

function MediaItem({ item, editable, onChanged }: { item: Media; editable: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const [alt, setAlt] = useState(item.alt ?? '');
  const [caption, setCaption] = useState(item.caption ?? '');
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    await api.patch(`/media/${item.id}`, { alt, caption });
    setSaved(true);
  });
  const remove = useAction(async () => {
    if (!window.confirm(t('media.confirmDelete'))) return;
    await api.delete(`/media/${item.id}`);
    onChanged();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void save.run();
  };
  return (
    <li className="media-item">
      <picture>
        {item.srcset?.avif && <source type="image/avif" srcSet={item.srcset.avif} sizes="15rem" />}
        {item.srcset?.webp && <source type="image/webp" srcSet={item.srcset.webp} sizes="15rem" />}
        <img src={item.url} srcSet={item.srcset?.original || undefined} sizes="15rem" alt={item.alt} width={item.width} height={item.height} loading="lazy" />
      </picture>
      {editable ? (
        <form onSubmit={submit} noValidate>
          <FormError error={save.error ?? remove.error} fields={['alt', 'caption']} />
          <TextField label={t('media.alt')} name="alt" value={alt} onChange={setAlt} error={save.error} />
          <TextField label={t('media.caption')} name="caption" value={caption} onChange={setCaption} error={save.error} />
          <div className="buttons">
            <SubmitButton busy={save.busy}>{t('app.save')}</SubmitButton>
            <button type="button" className="danger" onClick={() => void remove.run()} disabled={remove.busy}>
              {t('app.delete')}
            </button>
          </div>
          {saved && <Notice>{t('app.saved')}</Notice>}
        </form>
      ) : (
        <p>{item.alt}</p>
      )}
      <p className="hint">
        <code>{item.url}</code>
      </p>
    </li>
  );
}

/** Uploaded images, newest first, with their alt text and caption. */
export function MediaLibrary() {
  const { t } = useI18n();
  const user = useUser();
  const can = abilities(user.role);
  const [page, setPage] = useState(1);
  const media = useApi(() => api.get<{ media?: Media[]; total?: number; pageSize?: number }>('/media' + query({ page })), String(page));
  const list = listOf<Media>(media.data, 'media');
  return (
    <Screen title={t('media.title')}>
      {can.upload && <UploadForm onUploaded={media.reload} />}
      {media.loading && !media.data ? (
        <Loading />
      ) : media.error ? (
        <ErrorMessage error={media.error} />
      ) : list.length === 0 ? (
        <p>{t('media.none')}</p>
      ) : (
        <ul className="media-grid" aria-label={t('media.title')}>
          {list.map((item) => (
            <MediaItem key={item.id} item={item} editable={can.editMedia} onChanged={media.reload} />
          ))}
        </ul>
      )}
      <nav className="pagination" aria-label={t('pagination.label')}>
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('pagination.previous')}
        </button>
        <button type="button" disabled={list.length === 0 || page * (media.data?.pageSize ?? list.length) >= (media.data?.total ?? 0)} onClick={() => setPage(page + 1)}>
          {t('pagination.next')}
        </button>
      </nav>
    </Screen>
  );
}
