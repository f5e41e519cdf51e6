import { useState, type FormEvent } from 'react';
import { ErrorMessage, Loading } from '../components/Feedback.tsx';
import { TextField } from '../components/Fields.tsx';
import { Screen } from '../components/Screen.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api, query } from '../lib/api.ts';
import { navigate, useLocation } from '../lib/router.tsx';
import { useAction, useApi } from '../lib/use-api.ts';

interface AuditEntry {
  id: number;
  at: string;
  actor: string | { label?: string; name?: string; email?: string } | null;
  action: string;
  targetType: string | null;
  targetId: string | number | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

interface AuditPage {
  entries: AuditEntry[];
  next: string | number | null;
}

function actorLabel(actor: AuditEntry['actor']): string {
  if (!actor) return '';
  if (typeof actor === 'string') return actor;
  return actor.label ?? actor.name ?? actor.email ?? '';
}

/** Day boundaries of the filter, in the browser's zone, as UTC instants. */
function dayStart(date: string): string | undefined {
  return date ? new Date(date + 'T00:00:00').toISOString() : undefined;
}
function dayEnd(date: string): string | undefined {
  return date ? new Date(date + 'T23:59:59.999').toISOString() : undefined;
}

/** The append-only log of security and content actions, filtered by action, person and dates. */
export function Audit() {
  const { t, dateTime } = useI18n();
  const { search } = useLocation();
  const applied = { action: search.get('action') ?? '', actor: search.get('actor') ?? '', from: search.get('from') ?? '', to: search.get('to') ?? '' };
  const [filters, setFilters] = useState(applied);
  const first = useApi(
    () => api.get<AuditPage>('/audit' + query({ action: applied.action, actor: applied.actor, from: dayStart(applied.from), to: dayEnd(applied.to) })),
    search.toString(),
  );
  const [more, setMore] = useState<{ key: string; entries: AuditEntry[]; next: AuditPage['next'] }>({ key: '', entries: [], next: null });
  const extra = more.key === search.toString() ? more : { key: search.toString(), entries: [], next: first.data?.next ?? null };
  const loadMore = useAction(async () => {
    const page = await api.get<AuditPage>(
      '/audit' + query({ action: applied.action, actor: applied.actor, from: dayStart(applied.from), to: dayEnd(applied.to), before: String(extra.next) }),
    );
    setMore({ key: search.toString(), entries: [...extra.entries, ...(page.entries ?? [])], next: page.next ?? null });
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate('/audit' + query(filters), { replace: true });
  };
  const entries = [...(first.data?.entries ?? []), ...extra.entries];
  return (
    <Screen title={t('audit.title')}>
      <form className="filters" onSubmit={submit} role="search" aria-label={t('filter.label')}>
        <TextField label={t('audit.action')} name="action" value={filters.action} onChange={(action) => setFilters({ ...filters, action })} hint={t('audit.actionHint')} />
        <TextField label={t('audit.actor')} name="actor" value={filters.actor} onChange={(actor) => setFilters({ ...filters, actor })} />
        <TextField label={t('audit.from')} name="from" type="date" value={filters.from} onChange={(from) => setFilters({ ...filters, from })} />
        <TextField label={t('audit.to')} name="to" type="date" value={filters.to} onChange={(to) => setFilters({ ...filters, to })} />
        <button type="submit">{t('filter.apply')}</button>
      </form>
      {first.loading ? (
        <Loading />
      ) : first.error ? (
        <ErrorMessage error={first.error} />
      ) : entries.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.ip')}</th>
                <th scope="col">{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{dateTime(entry.at)}</td>
                  <td>{actorLabel(entry.actor)}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>{entry.targetType ? `${entry.targetType} ${entry.targetId ?? ''}` : ''}</td>
                  <td>{entry.ip ?? ''}</td>
                  <td>{entry.details && Object.keys(entry.details).length > 0 ? <code className="details">{JSON.stringify(entry.details)}</code> : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {extra.next !== null && extra.next !== undefined && !first.loading && (
        <button type="button" onClick={() => void loadMore.run()} disabled={loadMore.busy}>
          {t('audit.more')}
        </button>
      )}
      <ErrorMessage error={loadMore.error} />
    </Screen>
  );
}
