import { useState } from 'react';
import { ErrorMessage, Loading } from '../../components/Feedback.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api.ts';
import { listOf } from '../../lib/types.ts';
import { useAction, useApi } from '../../lib/use-api.ts';

interface Revision {
  id: number;
  createdAt: string;
  title: string;
  user?: string | { name?: string } | null;
  author?: string | null;
}

interface RevisionDetail {
  diff?: string | { op?: string; type?: string; value?: string; text?: string }[];
}

function byWhom(revision: Revision): string {
  const user = revision.user ?? revision.author;
  return typeof user === 'string' ? user : (user?.name ?? '');
}

/** A unified diff in text, or a list of parts marked added or removed, shown the same way. */
function DiffView({ diff }: { diff: RevisionDetail['diff'] }) {
  if (!diff) return null;
  const lines = typeof diff === 'string' ? diff.split('\n').map((line) => ({ kind: line[0] === '+' ? 'added' : line[0] === '-' ? 'removed' : 'same', text: line })) : diff.map((part) => {
    const kind = part.op ?? part.type ?? '';
    return { kind: /add|insert/.test(kind) ? 'added' : /remove|delete/.test(kind) ? 'removed' : 'same', text: part.value ?? part.text ?? '' };
  });
  return (
    <pre className="diff">
      {lines.map((line, index) => (
        <span key={index} className={`diff-${line.kind}`}>
          {line.kind === 'added' ? <ins>{line.text}</ins> : line.kind === 'removed' ? <del>{line.text}</del> : line.text}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

/** Every save is kept: see what changed since, and go back to it. */
export function Revisions({ postId, onRestored }: { postId: number; onRestored(): Promise<void> }) {
  const { t, dateTime } = useI18n();
  const revisions = useApi(() => api.get<unknown>(`/posts/${postId}/revisions`), String(postId));
  const [shown, setShown] = useState<{ id: number; detail: RevisionDetail } | null>(null);
  const show = useAction(async (id: number) => setShown({ id, detail: await api.get<RevisionDetail>(`/posts/${postId}/revisions/${id}`) }));
  const restore = useAction(async (id: number) => {
    if (!window.confirm(t('revisions.confirmRestore'))) return;
    await api.post(`/posts/${postId}/revisions/${id}/restore`);
    setShown(null);
    await onRestored();
    revisions.reload();
  });
  const list = listOf<Revision>(revisions.data, 'revisions');
  return (
    <details className="panel">
      <summary>
        <h2>{t('revisions.title')}</h2>
      </summary>
      {revisions.loading ? (
        <Loading />
      ) : revisions.error ? (
        <ErrorMessage error={revisions.error} />
      ) : list.length === 0 ? (
        <p>{t('revisions.none')}</p>
      ) : (
        <ol className="revisions" reversed>
          {list.map((revision) => (
            <li key={revision.id}>
              <span>
                {dateTime(revision.createdAt)} {byWhom(revision) && t('revisions.by', { name: byWhom(revision) })}
              </span>
              <button type="button" onClick={() => void show.run(revision.id)} aria-label={t('revisions.showAt', { date: dateTime(revision.createdAt) })}>
                {t('revisions.show')}
              </button>
              <button type="button" onClick={() => void restore.run(revision.id)} aria-label={t('revisions.restoreAt', { date: dateTime(revision.createdAt) })}>
                {t('revisions.restore')}
              </button>
              {shown?.id === revision.id && <DiffView diff={shown.detail.diff} />}
            </li>
          ))}
        </ol>
      )}
      <ErrorMessage error={show.error ?? restore.error} />
    </details>
  );
}
