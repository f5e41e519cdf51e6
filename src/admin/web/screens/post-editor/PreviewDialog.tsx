import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * The public page exactly as it would be, from `POST /preview`, in a frame that may run no script
 * and has no origin of its own: it cannot reach the admin's session.
 */
export function PreviewDialog({ html, onClose }: { html: string; onClose(): void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className="preview" aria-labelledby="preview-title" onClose={onClose}>
      <div className="preview-bar">
        <h2 id="preview-title">{t('preview.title')}</h2>
        <button type="button" onClick={onClose} autoFocus>
          {t('preview.close')}
        </button>
      </div>
      <iframe title={t('preview.frame')} srcDoc={html} sandbox="" referrerPolicy="no-referrer" />
    </dialog>
  );
}
