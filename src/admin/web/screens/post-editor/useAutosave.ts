import { useCallback, useEffect, useRef, useState } from 'react';
import { api, holdReads, type ApiError } from '../../lib/api.ts';
import { asApiError } from '../../lib/use-api.ts';
import type { Post } from '../../lib/types.ts';
import { fieldsOf, type Draft, type PostState } from './draft.ts';

export const AUTOSAVE_DELAY_MS = 1500;

export type SaveState = { kind: 'clean' } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed'; error: ApiError };

/**
 * Saves a draft a moment after the writer stops typing (a new one is created on its first save),
 * and at once when the editor closes with a save pending. Published and scheduled posts are saved
 * only when asked: the readers' copy changes on purpose.
 */
export function useAutosave(
  draft: Draft,
  post: PostState,
  setPost: (update: (post: PostState) => PostState) => void,
  onCreated: (id: number) => void,
  /** The slug the server kept, and the one sent (undefined when the writer typed none). */
  onSlugSaved: (saved: string, sent: string | undefined) => void,
) {
  const [state, setState] = useState<SaveState>({ kind: 'clean' });
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const postRef = useRef(post);
  postRef.current = post;
  const dirty = useRef(false);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  /** The editor is gone: a save still runs, but nothing shows it and a new post opens no screen. */
  const closed = useRef(false);

  const markDirty = useCallback(() => {
    dirty.current = true;
    setState({ kind: 'pending' });
  }, []);

  /** Saves now if anything changed; answers the post's id. Saves run one after the other. */
  const saveNow = useCallback((): Promise<number> => {
    const run = queue.current.then(async () => {
      const current = postRef.current;
      if (!dirty.current && current.id !== null) return current.id;
      dirty.current = false;
      setState({ kind: 'saving' });
      try {
        const fields = fieldsOf(draftRef.current);
        const sent = typeof fields.slug === 'string' ? fields.slug : undefined;
        let id = current.id;
        if (id === null) {
          const created = await api.post<{ id: number; slug: string; url: string }>('/posts', { ...fields, type: draftRef.current.type, status: 'draft' });
          id = created.id;
          postRef.current = { ...current, id, slug: created.slug, url: created.url };
          setPost((p) => ({ ...p, id: created.id, slug: created.slug, url: created.url }));
          if (!closed.current) onCreated(created.id);
          onSlugSaved(created.slug, sent);
        } else {
          const saved = await api.patch<Partial<Post> | undefined>(`/posts/${id}`, fields);
          if (saved && typeof saved === 'object' && (saved.slug || saved.url)) setPost((p) => ({ ...p, slug: saved.slug ?? p.slug, url: saved.url ?? p.url }));
          if (saved?.slug) onSlugSaved(saved.slug, sent);
        }
        setState(dirty.current ? { kind: 'pending' } : { kind: 'saved', at: new Date() });
        return id;
      } catch (error) {
        dirty.current = true;
        setState({ kind: 'failed', error: asApiError(error) });
        throw error;
      }
    });
    queue.current = run.catch(() => undefined);
    return run;
  }, [setPost, onCreated, onSlugSaved]);

  const hasContent = draft.title.trim() !== '' || draft.markdown.trim() !== '';
  useEffect(() => {
    if (!dirty.current || post.status !== 'draft' || !hasContent) return;
    const timer = window.setTimeout(() => void saveNow().catch(() => undefined), AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [draft, post.status, hasContent, saveNow]);

  // Leaving the editor within the autosave's delay (a link to another screen) must not lose the
  // draft: the pending save goes now, and the next screen's reads wait for it.
  const saveOnClose = useRef(saveNow);
  saveOnClose.current = saveNow;
  useEffect(
    () => () => {
      const text = draftRef.current.title.trim() !== '' || draftRef.current.markdown.trim() !== '';
      if (!dirty.current || postRef.current.status !== 'draft' || !text) return;
      closed.current = true;
      holdReads(saveOnClose.current().catch(() => undefined));
    },
    [],
  );

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const forget = useCallback(() => {
    dirty.current = false;
    setState({ kind: 'clean' });
  }, []);

  /** Whether there are changes not saved yet. */
  const unsaved = useCallback(() => dirty.current, []);

  return { state, markDirty, saveNow, forget, unsaved };
}
