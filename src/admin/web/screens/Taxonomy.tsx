import { useState, type FormEvent } from 'react';
import { ErrorMessage, FormError, Loading } from '../components/Feedback.tsx';
import { SelectField, SubmitButton, TextField } from '../components/Fields.tsx';
import { Screen } from '../components/Screen.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api } from '../lib/api.ts';
import { listOf, type Category } from '../lib/types.ts';
import { useAction, useApi } from '../lib/use-api.ts';

type Kind = 'categories' | 'tags';
type Term = Category;

function TermForm({ kind, term, parents, onSaved, onCancel }: { kind: Kind; term?: Term; parents: readonly Term[]; onSaved(): void; onCancel?(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState(term?.name ?? '');
  const [slug, setSlug] = useState(term?.slug ?? '');
  const [parentId, setParentId] = useState(term?.parentId ? String(term.parentId) : '');
  const save = useAction(async () => {
    const body: Record<string, unknown> = { name };
    if (slug) body.slug = slug;
    if (kind === 'categories') body.parentId = parentId ? Number(parentId) : null;
    if (term) await api.patch(`/${kind}/${term.id}`, body);
    else await api.post(`/${kind}`, body);
    if (!term) {
      setName('');
      setSlug('');
    }
    onSaved();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  return (
    <form onSubmit={submit} className="inline-form" noValidate aria-label={term ? t('taxonomy.editNamed', { name: term.name }) : t(kind === 'tags' ? 'taxonomy.newTag' : 'taxonomy.newCategory')}>
      <FormError error={save.error} fields={['name', 'slug', 'parentId']} />
      <TextField label={t('field.name')} name="name" value={name} onChange={setName} error={save.error} required />
      <TextField label={t('field.slug')} name="slug" value={slug} onChange={setSlug} error={save.error} hint={term ? undefined : t('field.slugHint')} />
      {kind === 'categories' && (
        <SelectField
          label={t('taxonomy.parent')}
          name="parentId"
          value={parentId}
          onChange={setParentId}
          error={save.error}
          options={[{ value: '', label: t('taxonomy.noParent') }, ...parents.filter((p) => p.id !== term?.id).map((p) => ({ value: String(p.id), label: p.path ?? p.name }))]}
        />
      )}
      <div className="buttons">
        <SubmitButton busy={save.busy}>{term ? t('app.save') : t('app.add')}</SubmitButton>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('app.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function TermRow({ kind, term, parents, onChanged }: { kind: Kind; term: Term; parents: readonly Term[]; onChanged(): void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const remove = useAction(async () => {
    if (!window.confirm(t('taxonomy.confirmDelete', { name: term.name }))) return;
    await api.delete(`/${kind}/${term.id}`);
    onChanged();
  });
  if (editing) {
    return (
      <tr>
        <td colSpan={4}>
          <TermForm kind={kind} term={term} parents={parents} onSaved={() => (setEditing(false), onChanged())} onCancel={() => setEditing(false)} />
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <td>{term.path ?? term.name}</td>
      <td>
        <code>{term.slug}</code>
      </td>
      <td>{term.count ?? ''}</td>
      <td className="row-actions">
        <button type="button" onClick={() => setEditing(true)} aria-label={t('taxonomy.editNamed', { name: term.name })}>
          {t('app.edit')}
        </button>
        <button type="button" className="danger" onClick={() => void remove.run()} aria-label={t('taxonomy.deleteNamed', { name: term.name })}>
          {t('app.delete')}
        </button>
        <ErrorMessage error={remove.error} />
      </td>
    </tr>
  );
}

/** Categories (with parents) or tags: add, rename, delete. */
export function Taxonomy({ kind }: { kind: Kind }) {
  const { t } = useI18n();
  const terms = useApi(() => api.get<unknown>('/' + kind), kind);
  const list = listOf<Term>(terms.data, kind);
  const title = t(kind === 'tags' ? 'taxonomy.tagsTitle' : 'taxonomy.categoriesTitle');
  return (
    <Screen title={title}>
      <section className="card" aria-labelledby="new-term">
        <h2 id="new-term">{t(kind === 'tags' ? 'taxonomy.newTag' : 'taxonomy.newCategory')}</h2>
        <TermForm kind={kind} parents={list} onSaved={terms.reload} />
      </section>
      {terms.loading && !terms.data ? (
        <Loading />
      ) : terms.error ? (
        <ErrorMessage error={terms.error} />
      ) : list.length === 0 ? (
        <p>{t('taxonomy.none')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('field.name')}</th>
                <th scope="col">{t('field.slug')}</th>
                <th scope="col">{t('taxonomy.count')}</th>
                <th scope="col">{t('app.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((term) => (
                <TermRow key={term.id} kind={kind} term={term} parents={list} onChanged={terms.reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Screen>
  );
}
