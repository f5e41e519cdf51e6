import { useId, useState, type KeyboardEvent } from 'react';
import { Checkbox } from '../../components/Fields.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api.ts';
import { listOf, type Category, type Tag } from '../../lib/types.ts';
import { useApi } from '../../lib/use-api.ts';
import type { Draft } from './draft.ts';

/** Categories as checkboxes (a child is named "Parent > Child"), tags typed with suggestions. */
export function TermsPanel({ draft, change }: { draft: Draft; change(changes: Partial<Draft>): void }) {
  const { t } = useI18n();
  const id = useId();
  const categories = useApi(() => api.get<unknown>('/categories'), 'categories');
  const tags = useApi(() => api.get<unknown>('/tags'), 'tags');
  const [newCategory, setNewCategory] = useState('');
  const [tag, setTag] = useState('');
  const known = listOf<Category>(categories.data, 'categories').map((c) => c.path ?? c.name);
  const shown = [...known, ...draft.categories.filter((name) => !known.includes(name))];
  const toggle = (name: string, on: boolean) => change({ categories: on ? [...draft.categories, name] : draft.categories.filter((c) => c !== name) });
  const addCategory = () => {
    const name = newCategory.trim();
    if (name && !draft.categories.includes(name)) change({ categories: [...draft.categories, name] });
    setNewCategory('');
  };
  const addTag = () => {
    const names = tag.split(',').map((n) => n.trim()).filter((n) => n && !draft.tags.includes(n));
    if (names.length) change({ tags: [...draft.tags, ...names] });
    setTag('');
  };
  const onEnter = (add: () => void) => (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  };
  return (
    <details className="panel" open>
      <summary>
        <h2>{t('terms.title')}</h2>
      </summary>
      {draft.type === 'post' && (
        <fieldset>
          <legend>{t('post.categories')}</legend>
          {categories.error && <p className="hint">{categories.error.message}</p>}
          <div className="checkbox-list">
            {shown.map((name) => (
              <Checkbox key={name} name="categories" label={name} checked={draft.categories.includes(name)} onChange={(on) => toggle(name, on)} />
            ))}
          </div>
          <div className="add-row">
            <label htmlFor={id + '-category'}>{t('terms.newCategory')}</label>
            <input id={id + '-category'} value={newCategory} onChange={(e) => setNewCategory(e.target.value)} onKeyDown={onEnter(addCategory)} />
            <button type="button" onClick={addCategory}>
              {t('app.add')}
            </button>
          </div>
        </fieldset>
      )}
      <fieldset>
        <legend>{t('post.tags')}</legend>
        <ul className="chips" aria-label={t('post.tags')}>
          {draft.tags.map((name) => (
            <li key={name}>
              {name}{' '}
              <button type="button" onClick={() => change({ tags: draft.tags.filter((n) => n !== name) })} aria-label={t('terms.removeTag', { name })}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <div className="add-row">
          <label htmlFor={id + '-tag'}>{t('terms.addTag')}</label>
          <input id={id + '-tag'} list={id + '-tags'} value={tag} onChange={(e) => setTag(e.target.value)} onKeyDown={onEnter(addTag)} />
          <datalist id={id + '-tags'}>
            {listOf<Tag>(tags.data, 'tags').map((known) => (
              <option key={known.id} value={known.name} />
            ))}
          </datalist>
          <button type="button" onClick={addTag}>
            {t('app.add')}
          </button>
        </div>
      </fieldset>
      {draft.type === 'post' && (
        <fieldset>
          <legend>{t('terms.highlights')}</legend>
          <Checkbox name="featured" label={t('post.featured')} checked={draft.featured} onChange={(featured) => change({ featured })} hint={t('post.featuredHint')} />
          <Checkbox name="highlighted" label={t('post.highlighted')} checked={draft.highlighted} onChange={(highlighted) => change({ highlighted })} hint={t('post.highlightedHint')} />
        </fieldset>
      )}
    </details>
  );
}
