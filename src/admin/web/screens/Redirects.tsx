import { useRef, useState, type FormEvent } from 'react';
import { ErrorMessage, FormError, Loading, Notice } from '../components/Feedback.tsx';
import { Checkbox, SelectField, SubmitButton, TextField } from '../components/Fields.tsx';
import { Screen } from '../components/Screen.tsx';
import { Pager } from '../components/Pager.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { API_ROOT, api, query, type ApiError } from '../lib/api.ts';
import { navigate, useLocation } from '../lib/router.tsx';
import { useAction, useApi } from '../lib/use-api.ts';

const PAGE_SIZE = 50;

type Status = 301 | 302 | 410;
type Origin = 'manual' | 'automatic' | 'import';

interface Rule {
  id: number;
  from: string;
  to: string | null;
  status: Status;
  kind: 'exact' | 'pattern';
  origin: Origin;
  note: string;
  hits: number;
}

interface ImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  skipped: number;
  rewritten: number;
}

function RuleForm({ rule, onSaved, onCancel }: { rule?: Rule; onSaved(): void; onCancel?(): void }) {
  const { t } = useI18n();
  const [from, setFrom] = useState(rule?.from ?? '');
  const [to, setTo] = useState(rule?.to ?? '');
  const [status, setStatus] = useState(String(rule?.status ?? 301));
  const [note, setNote] = useState(rule?.note ?? '');
  const save = useAction(async () => {
    const body = { from, to: status === '410' || to.trim() === '' ? null : to, status: Number(status), note };
    if (rule) await api.patch(`/redirects/${rule.id}`, body);
    else await api.post('/redirects', body);
    if (!rule) {
      setFrom('');
      setTo('');
      setNote('');
    }
    onSaved();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  return (
    <form onSubmit={submit} className="inline-form" noValidate aria-label={rule ? t('redirects.editNamed', { from: rule.from }) : t('redirects.new')}>
      <FormError error={save.error} fields={['from', 'to', 'status', 'note']} />
      <TextField label={t('redirects.from')} name="from" value={from} onChange={setFrom} error={save.error} required hint={rule ? undefined : t('redirects.fromHint')} />
      <SelectField
        label={t('redirects.status')}
        name="status"
        value={status}
        onChange={setStatus}
        error={save.error}
        options={[
          { value: '301', label: t('redirects.status301') },
          { value: '302', label: t('redirects.status302') },
          { value: '410', label: t('redirects.status410') },
        ]}
      />
      {status !== '410' && <TextField label={t('redirects.to')} name="to" value={to} onChange={setTo} error={save.error} required hint={rule ? undefined : t('redirects.toHint')} />}
      <TextField label={t('redirects.note')} name="note" value={note} onChange={setNote} error={save.error} />
      <div className="buttons">
        <SubmitButton busy={save.busy}>{rule ? t('app.save') : t('app.add')}</SubmitButton>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('app.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function RuleRow({ rule, onChanged }: { rule: Rule; onChanged(): void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const remove = useAction(async () => {
    if (!window.confirm(t('redirects.confirmDelete', { from: rule.from }))) return;
    await api.delete(`/redirects/${rule.id}`);
    onChanged();
  });
  if (editing) {
    return (
      <tr>
        <td colSpan={6}>
          <RuleForm rule={rule} onSaved={() => (setEditing(false), onChanged())} onCancel={() => setEditing(false)} />
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <td>
        <code>{rule.from}</code>
        {rule.note && <p className="hint">{rule.note}</p>}
      </td>
      <td>{rule.to ? <code>{rule.to}</code> : '—'}</td>
      <td>{rule.status}</td>
      <td>{t(`redirects.origin.${rule.origin}`)}</td>
      <td>{rule.hits}</td>
      <td className="row-actions">
        <button type="button" onClick={() => setEditing(true)} aria-label={t('redirects.editNamed', { from: rule.from })}>
          {t('app.edit')}
        </button>
        <button type="button" className="danger" onClick={() => void remove.run()} aria-label={t('redirects.deleteNamed', { from: rule.from })}>
          {t('app.delete')}
        </button>
        <ErrorMessage error={remove.error} />
      </td>
    </tr>
  );
}

/** The lines of a refused file, each with its reason, under the error's sentence. */
function ImportRefusal({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <div role="alert">
      <p className="message message-error">{error.message}</p>
      {error.lines.length > 0 && (
        <ul className="import-lines">
          {error.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ImportForm({ onImported }: { onImported(): void }) {
  const { t } = useI18n();
  const file = useRef<HTMLInputElement>(null);
  const [dryRun, setDryRun] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const upload = useAction(async () => {
    setReport(null);
    const chosen = file.current?.files?.[0];
    if (!chosen) throw new Error(t('redirects.chooseFile'));
    const result = await api.postText<ImportReport>(`/redirects/import${query({ dryRun: dryRun ? 'true' : undefined })}`, await chosen.text(), 'text/csv');
    setReport(result);
    if (!result.dryRun) onImported();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void upload.run();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="import-redirects">
      <h2 id="import-redirects">{t('redirects.import')}</h2>
      <p className="hint">{t('redirects.importHint')}</p>
      <div className="field">
        <label htmlFor="redirects-file">{t('redirects.file')}</label>
        <input id="redirects-file" ref={file} type="file" name="file" accept=".csv,text/csv" required />
      </div>
      <Checkbox label={t('redirects.dryRun')} name="dryRun" checked={dryRun} onChange={setDryRun} />
      <SubmitButton busy={upload.busy}>{t('redirects.importButton')}</SubmitButton>
      <ImportRefusal error={upload.error} />
      {report && <Notice>{t(report.dryRun ? 'redirects.checked' : 'redirects.imported', { created: report.created, updated: report.updated, skipped: report.skipped, rewritten: report.rewritten })}</Notice>}
    </form>
  );
}

/**
 * Redirects: the rules people write, import, or that publishing left (a slug that changed, a post
 * deleted). Search and the origin filter live in the address, like the post list's.
 */
export function Redirects() {
  const { t, counted } = useI18n();
  const { search } = useLocation();
  const filters = { q: search.get('q') ?? '', origin: search.get('origin') ?? '', page: Math.max(1, Number(search.get('page')) || 1) };
  const [q, setQ] = useState(filters.q);
  const apply = (changes: Partial<typeof filters>) => {
    const next = { ...filters, page: 1, ...changes };
    navigate('/redirects' + query({ q: next.q, origin: next.origin, page: next.page > 1 ? next.page : undefined }), { replace: true });
  };
  const rules = useApi(() => api.get<{ rules: Rule[]; total: number }>('/redirects' + query({ ...filters, limit: PAGE_SIZE })), JSON.stringify(filters));
  const list = rules.data?.rules ?? [];
  const total = rules.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const title = t('redirects.title');
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    apply({ q });
  };

  return (
    <Screen
      title={title}
      actions={
        <a className="button" href={`${API_ROOT}/redirects/export`} download>
          {t('redirects.export')}
        </a>
      }
    >
      <section className="card" aria-labelledby="new-redirect">
        <h2 id="new-redirect">{t('redirects.new')}</h2>
        <RuleForm onSaved={rules.reload} />
      </section>
      <section className="card">
        <ImportForm onImported={rules.reload} />
      </section>
      <form className="filters" role="search" onSubmit={submitSearch} aria-label={t('filter.label')}>
        <TextField label={t('filter.search')} name="q" type="search" value={q} onChange={setQ} />
        <button type="submit">{t('filter.apply')}</button>
        <SelectField
          label={t('redirects.origin')}
          name="origin"
          value={filters.origin}
          onChange={(origin) => apply({ origin })}
          options={[
            { value: '', label: t('redirects.anyOrigin') },
            { value: 'manual', label: t('redirects.origin.manual') },
            { value: 'automatic', label: t('redirects.origin.automatic') },
            { value: 'import', label: t('redirects.origin.import') },
          ]}
        />
      </form>
      {rules.loading && !rules.data ? (
        <Loading />
      ) : rules.error ? (
        <ErrorMessage error={rules.error} />
      ) : list.length === 0 ? (
        <p>{t('redirects.none')}</p>
      ) : (
        <>
          <p role="status">{counted('redirects.count', total)}</p>
          <div className="table-scroll">
            <table>
              <caption>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('redirects.from')}</th>
                  <th scope="col">{t('redirects.to')}</th>
                  <th scope="col">{t('redirects.status')}</th>
                  <th scope="col">{t('redirects.origin')}</th>
                  <th scope="col">{t('redirects.hits')}</th>
                  <th scope="col">{t('app.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((rule) => (
                  <RuleRow key={rule.id} rule={rule} onChanged={rules.reload} />
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={filters.page} pages={pages} onPage={(page) => apply({ page })} />
        </>
      )}
    </Screen>
  );
}
