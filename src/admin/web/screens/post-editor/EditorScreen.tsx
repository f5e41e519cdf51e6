import { useCallback, useEffect, useRef, useState } from 'react';
import { DeletePostButton } from '../../components/DeletePostButton.tsx';
import { ErrorMessage, Loading } from '../../components/Feedback.tsx';
import { TextField } from '../../components/Fields.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { api, type ApiError } from '../../lib/api.ts';
import { Link, navigate, useLeaveGuard } from '../../lib/router.tsx';
import { authorIdOf } from '../../components/PostTable.tsx';
import { abilities, mayDeletePost, useUser } from '../../lib/session.tsx';
import { useSiteTimeZone } from '../../lib/timezone.ts';
import type { Post, PostType } from '../../lib/types.ts';
import { asApiError } from '../../lib/use-api.ts';
import { slugify } from '../../../../lib/slug.ts';
import { BodyField } from './BodyField.tsx';
import { FeaturedImagePanel } from './FeaturedImagePanel.tsx';
import { draftOf, emptyDraft, fieldsOf, type Draft, type PostState } from './draft.ts';
import { PreviewDialog } from './PreviewDialog.tsx';
import { PublishPanel } from './PublishPanel.tsx';
import { Revisions } from './Revisions.tsx';
import { SeoPanel } from './SeoPanel.tsx';
import { TermsPanel } from './TermsPanel.tsx';
import { useAutosave, type SaveState } from './useAutosave.ts';

function listPath(type: PostType): string {
  return type === 'page' ? '/pages' : '/posts';
}

function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useI18n();
  const text =
    state.kind === 'saving'
      ? t('editor.saving')
      : state.kind === 'saved'
        ? t('editor.savedAt', { time: state.at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) })
        : state.kind === 'pending'
          ? t('editor.unsaved')
          : state.kind === 'failed'
            ? t('editor.saveFailed', { reason: state.error.message })
            : '';
  return (
    <p className={`save-status save-${state.kind}`} role="status" data-testid="save-status">
      {text}
    </p>
  );
}

interface EditorProps {
  type: PostType;
  id: number | null;
  onCreated(id: number): void;
}

function PostEditor({ type, id, onCreated }: EditorProps) {
  const { t } = useI18n();
  const user = useUser();
  const timeZone = useSiteTimeZone();
  const [loadState, setLoadState] = useState<{ loading: boolean; error: ApiError | null }>({ loading: id !== null, error: null });
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(type));
  const [post, setPost] = useState<PostState>({ id, status: 'draft', publishedAt: null, url: null, slug: '', authorId: user.authorId });
  const [preview, setPreview] = useState<{ html: string } | null>(null);
  const [previewError, setPreviewError] = useState<ApiError | null>(null);
  const [slugNote, setSlugNote] = useState<{ typed: string; saved: string } | null>(null);
  const onSlugSaved = useCallback((saved: string, sent: string | undefined) => {
    // The field shows the address the post really has, unless the writer is typing another one.
    setDraft((current) => (current.slugByHand && current.slug !== sent ? current : { ...current, slug: saved }));
    if (sent !== undefined && sent !== saved) setSlugNote({ typed: sent, saved });
  }, []);
  const autosave = useAutosave(draft, post, setPost, onCreated, onSlugSaved);
  // A draft saves itself on the way out; a published or scheduled post changes only on « Mettre à jour ».
  useLeaveGuard(() => post.status === 'draft' || !autosave.unsaved() || window.confirm(t('editor.confirmLeave')));

  const load = useCallback(async (postId: number) => {
    try {
      const answer = await api.get<Post | { post: Post }>(`/posts/${postId}`);
      const loaded = 'post' in answer ? answer.post : answer;
      setDraft(draftOf(loaded, type));
      setPost({ id: postId, status: loaded.status, publishedAt: loaded.publishedAt, url: loaded.url ?? null, slug: loaded.slug, authorId: authorIdOf(loaded.author) });
      autosave.forget();
      setLoadState({ loading: false, error: null });
    } catch (error) {
      setLoadState({ loading: false, error: asApiError(error) });
    }
  }, [type, autosave.forget]);
  // Loaded once: a new post that gets its id from an autosave keeps what the writer has typed since.
  const [initialId] = useState(id);
  useEffect(() => {
    if (initialId !== null) void load(initialId);
  }, [initialId, load]);

  const change = (changes: Partial<Draft>) => {
    if (changes.slug !== undefined) setSlugNote(null);
    setDraft((current) => ({ ...current, ...changes }));
    autosave.markDirty();
  };

  const openPreview = async () => {
    setPreviewError(null);
    try {
      setPreview({ html: await api.postForHtml('/preview', { ...fieldsOf(draft), type: draft.type, status: post.status, publishedAt: post.publishedAt ?? undefined, ...(post.id !== null ? { id: post.id } : {}) }) });
    } catch (error) {
      setPreviewError(asApiError(error));
    }
  };

  const can = abilities(user.role);
  const deletable = post.id !== null && mayDeletePost(user, { type: draft.type, status: post.status, authorId: post.authorId });
  const deleted = () => {
    // Nothing is left to save: leaving must neither ask nor save the deleted post again.
    autosave.forget();
    navigate(listPath(type));
  };
  const title = post.id === null ? t(type === 'page' ? 'editor.newPage' : 'editor.newPost') : t(type === 'page' ? 'editor.editPage' : 'editor.editPost');
  const url = location.origin + (post.url ? new URL(post.url, location.origin).pathname : `/${slugify(draft.slug) || slugify(draft.title) || '…'}/`);
  const saveError = autosave.state.kind === 'failed' ? autosave.state.error : null;

  if (loadState.loading) return <Loading />;
  if (loadState.error) {
    return (
      <Screen title={title}>
        <ErrorMessage error={loadState.error} />
        <Link to={listPath(type)}>{t('editor.backToList')}</Link>
      </Screen>
    );
  }
  return (
    <Screen
      title={title}
      actions={
        <>
          <SaveStatus state={autosave.state} />
          {post.status !== 'draft' && (
            <button type="button" className="primary" onClick={() => void autosave.saveNow().catch(() => undefined)} disabled={autosave.state.kind === 'saving'}>
              {t('editor.update')}
            </button>
          )}
          {post.status === 'draft' && (
            <button type="button" onClick={() => void autosave.saveNow().catch(() => undefined)} disabled={autosave.state.kind === 'saving'}>
              {t('editor.saveDraft')}
            </button>
          )}
          <button type="button" onClick={() => void openPreview()}>
            {t('editor.preview')}
          </button>
        </>
      }
    >
      <ErrorMessage error={previewError} />
      <div className="editor-layout">
        <div className="editor-main">
          <TextField label={t('post.title')} name="title" value={draft.title} onChange={(value) => change({ title: value })} error={saveError} className="title-input" required />
          <BodyField markdown={draft.markdown} onChange={(markdown) => change({ markdown })} />
        </div>
        <aside className="editor-side" aria-label={t('editor.settings')}>
          <PublishPanel post={post} timeZone={timeZone} canPublish={can.publish} saveFirst={autosave.saveNow} onChanged={() => (post.id !== null ? load(post.id) : Promise.resolve())}>
            {deletable && (
              <div className="buttons">
                <DeletePostButton post={{ id: post.id!, title: draft.title, type: draft.type }} onDeleted={deleted} />
              </div>
            )}
          </PublishPanel>
          <FeaturedImagePanel image={draft.image} change={change} canUpload={can.upload} />
          <SeoPanel draft={draft} change={change} url={url} error={saveError} slugNote={slugNote} />
          <TermsPanel draft={draft} change={change} />
          {post.id !== null && <Revisions postId={post.id} onRestored={() => load(post.id!)} />}
        </aside>
      </div>
      {preview && <PreviewDialog html={preview.html} onClose={() => setPreview(null)} />}
    </Screen>
  );
}

/**
 * The writing screen, loaded on first use. A new post keeps its screen (and the writer's caret)
 * when its first autosave gives it an address.
 */
export default function EditorScreen({ type, id }: { type: PostType; id: number | null }) {
  const adopted = useRef<number | null>(null);
  const generation = useRef(0);
  if (id === null && adopted.current !== null) {
    adopted.current = null;
    generation.current++;
  }
  const key = id === null || id === adopted.current ? `new-${generation.current}` : `post-${id}`;
  const onCreated = useCallback(
    (created: number) => {
      adopted.current = created;
      navigate(`${listPath(type)}/${created}`, { replace: true });
    },
    [type],
  );
  return <PostEditor key={key} type={type} id={id} onCreated={onCreated} />;
}
