import { useState, type FormEvent, type ReactNode } from 'react';
import { FormError } from '../../components/Feedback.tsx';
import { SubmitButton, TextField } from '../../components/Fields.tsx';
import { statusLabel } from '../../components/PostTable.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api.ts';
import { isoToZoned, zonedToIso } from '../../lib/zoned-time.ts';
import { useAction } from '../../lib/use-api.ts';
import type { PostState } from './draft.ts';

interface PublishPanelProps {
  post: PostState;
  timeZone: string;
  canPublish: boolean;
  /** Saves what is pending and answers the post's id (creating the draft when needed). */
  saveFirst(): Promise<number>;
  onChanged(): Promise<void>;
  /** More actions on the post (deleting it), under the publication's. */
  children?: ReactNode;
}

function inAnHour(timeZone: string): { date: string; time: string } {
  const next = new Date(Date.now() + 3600_000);
  next.setUTCMinutes(0, 0, 0);
  return isoToZoned(next.toISOString(), timeZone);
}

/** Publish now, at a date and time on the site's clock, or take back to draft. */
export function PublishPanel({ post, timeZone, canPublish, saveFirst, onChanged, children }: PublishPanelProps) {
  const { t, dateTime } = useI18n();
  const initial = post.status === 'scheduled' && post.publishedAt ? isoToZoned(post.publishedAt, timeZone) : inAnHour(timeZone);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const act = useAction(async (action: 'publish' | 'schedule' | 'unpublish') => {
    const id = await saveFirst();
    if (action === 'schedule') await api.post(`/posts/${id}/schedule`, { publishedAt: zonedToIso(date, time, timeZone) });
    else await api.post(`/posts/${id}/${action}`);
    await onChanged();
  });
  const schedule = (event: FormEvent) => {
    event.preventDefault();
    void act.run('schedule');
  };
  return (
    <section className="panel publish-panel" aria-labelledby="publish-title">
      <h2 id="publish-title">{t('publish.title')}</h2>
      <p>
        {t('post.status')}&nbsp;: <span className={`badge badge-${post.status}`}>{t(statusLabel(post.status))}</span>
        {post.status === 'scheduled' && post.publishedAt && <> {t('publish.scheduledFor', { date: dateTime(post.publishedAt, timeZone), zone: timeZone })}</>}
        {post.status === 'published' && post.publishedAt && <> {t('publish.publishedOn', { date: dateTime(post.publishedAt, timeZone) })}</>}
      </p>
      {post.status !== 'draft' && post.url && (
        <p>
          <a href={post.url} target="_blank" rel="noopener">
            {t('publish.view')}
          </a>
        </p>
      )}
      {!canPublish ? (
        <p className="hint">{t('publish.notAllowed')}</p>
      ) : (
        <>
          <FormError error={act.error} fields={['publishedAt']} />
          {post.status !== 'published' && (
            <button type="button" className="primary" onClick={() => void act.run('publish')} disabled={act.busy}>
              {t('publish.now')}
            </button>
          )}
          <form onSubmit={schedule} className="schedule" noValidate>
            <fieldset>
              <legend>{t('publish.at', { zone: timeZone })}</legend>
              <TextField label={t('publish.date')} name="date" type="date" value={date} onChange={setDate} required />
              <TextField label={t('publish.time')} name="publishedAt" type="time" value={time} onChange={setTime} error={act.error} required />
              <SubmitButton busy={act.busy}>{post.status === 'scheduled' ? t('publish.reschedule') : t('publish.schedule')}</SubmitButton>
            </fieldset>
          </form>
          {post.status !== 'draft' && (
            <button type="button" className="danger" onClick={() => void act.run('unpublish')} disabled={act.busy}>
              {post.status === 'scheduled' ? t('publish.unschedule') : t('publish.unpublish')}
            </button>
          )}
        </>
      )}
      {children}
    </section>
  );
}
