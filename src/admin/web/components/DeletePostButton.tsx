import { useI18n } from '../i18n/i18n.tsx';
import { api } from '../lib/api.ts';
import { useAction } from '../lib/use-api.ts';
import { ErrorMessage } from './Feedback.tsx';

/**
 * Deletes a post or page after the person confirms, as the media library and the redirects do.
 * Its public address then answers 410 Gone; the API's refusal, if any, shows beside the button.
 */
export function DeletePostButton({ post, onDeleted }: { post: { id: number; title: string; type?: 'post' | 'page' | undefined }; onDeleted(): void }) {
  const { t } = useI18n();
  const title = post.title || t('post.untitled');
  const remove = useAction(async () => {
    if (!window.confirm(t(post.type === 'page' ? 'posts.confirmDeletePage' : 'posts.confirmDelete', { title }))) return;
    await api.delete(`/posts/${post.id}`);
    onDeleted();
  });
  return (
    <>
      <button type="button" className="danger" onClick={() => void remove.run()} disabled={remove.busy} aria-label={t('posts.deleteNamed', { title })}>
        {t('app.delete')}
      </button>
      <ErrorMessage error={remove.error} />
    </>
  );
}
