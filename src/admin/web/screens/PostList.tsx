import { useState, type FormEvent } from 'react';
import { ErrorMessage, Loading } from '../components/Feedback.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { PostTable } from '../components/PostTable.tsx';
import { Screen } from '../components/Screen.tsx';
import { Pager } from '../components/Pager.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api, query } from '../lib/api.ts';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { useUser } from '../lib/session.tsx';
import { useSiteTimeZone } from '../lib/timezone.ts';
import { listOf, type Category, type PostSummary, type PostType } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';

const PAGE_SIZE = 20;

interface StaffMember {
  id: number;
  name: string;
  authorId?: number;
}

/**
 * Posts (or pages) with search and filters. The filters live in the address, so that a filtered
 * list can be bookmarked, shared and reached again with the back button.
 */
export function PostList({ type }: { type: PostType }) {
  const { t, counted } = useI18n();
  const user = useUser();
  const timeZone = useSiteTimeZone();
  const { search } = useLocation();
  const filters = {
    q: search.get('q') ?? '',
    status: search.get('status') ?? '',
    category: search.get('category') ?? '',
    author: search.get('author') ?? '',
    page: Math.max(1, Number(search.get('page')) || 1),
  };
  const [q, setQ] = useState(filters.q);
  const base = type === 'page' ? '/pages' : '/posts';
  const apply = (changes: Partial<typeof filters>) => {
    const next = { ...filters, page: 1, ...changes };
    navigate(base + query({ q: next.q, status: next.status, category: next.category, author: next.author, page: next.page > 1 ? next.page : undefined }), { replace: true });
  };

  const key = JSON.stringify([type, filters]);
  const posts = useApi(() => api.get<{ posts?: PostSummary[]; total?: number }>('/posts' + query({ type, ...filters, limit: PAGE_SIZE })), key);
  const categories = useApi(() => api.get<unknown>('/categories'), 'categories');
  const staff = useApi(() => (user.role === 'administrator' ? api.get<unknown>('/users') : Promise.resolve([])), 'users');
  const list = listOf<PostSummary>(posts.data, 'posts');
  const total = posts.data?.total ?? list.length;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  const authorOptions = [
    { value: '', label: t('filter.anyAuthor') },
    { value: String(user.authorId), label: t('filter.mine') },
    ...listOf<StaffMember>(staff.data, 'users')
      .filter((member) => member.authorId !== undefined && member.authorId !== user.authorId)
      .map((member) => ({ value: String(member.authorId), label: member.name })),
  ];

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    apply({ q });
  };

  return (
    <Screen
      title={t(type === 'page' ? 'posts.pagesTitle' : 'posts.title')}
      actions={
        <Link to={`${base}/new`} className="button primary">
          {t(type === 'page' ? 'page.new' : 'post.new')}
        </Link>
      }
    >
      <form className="filters" role="search" onSubmit={submitSearch} aria-label={t('filter.label')}>
        <TextField label={t('filter.search')} name="q" type="search" value={q} onChange={setQ} />
        <button type="submit">{t('filter.apply')}</button>
        <SelectField
          label={t('post.status')}
          name="status"
          value={filters.status}
          onChange={(status) => apply({ status })}
          options={[
            { value: '', label: t('filter.anyStatus') },
            { value: 'draft', label: t('status.draft') },
            { value: 'scheduled', label: t('status.scheduled') },
            { value: 'published', label: t('status.published') },
          ]}
        />
        {type === 'post' && (
          <SelectField
            label={t('post.category')}
            name="category"
            value={filters.category}
            onChange={(category) => apply({ category })}
            options={[{ value: '', label: t('filter.anyCategory') }, ...listOf<Category>(categories.data, 'categories').map((c) => ({ value: c.slug, label: c.path ?? c.name }))]}
          />
        )}
        <SelectField label={t('post.author')} name="author" value={filters.author} onChange={(author) => apply({ author })} options={authorOptions} />
      </form>
      {posts.loading ? (
        <Loading />
      ) : posts.error ? (
        <ErrorMessage error={posts.error} />
      ) : list.length === 0 ? (
        <p>{t('posts.none')}</p>
      ) : (
        <>
          <p role="status">{counted('posts.count', total)}</p>
          <PostTable posts={list} caption={t(type === 'page' ? 'posts.pagesTitle' : 'posts.title')} timeZone={timeZone} onDeleted={posts.reload} />
          <Pager page={filters.page} pages={pages} onPage={(page) => apply({ page })} />
        </>
      )}
    </Screen>
  );
}
