import { ErrorMessage, Loading } from '../components/Feedback.tsx';
import { PostTable } from '../components/PostTable.tsx';
import { Screen } from '../components/Screen.tsx';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { api, query } from '../lib/api.ts';
import { Link } from '../lib/router.tsx';
import { listOf, type PostStatus, type PostSummary } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';
import { useSiteTimeZone } from '../lib/timezone.ts';

const SECTIONS: { status: PostStatus; title: MessageKey; empty: MessageKey }[] = [
  { status: 'draft', title: 'dashboard.drafts', empty: 'dashboard.noDrafts' },
  { status: 'scheduled', title: 'dashboard.scheduled', empty: 'dashboard.noScheduled' },
  { status: 'published', title: 'dashboard.published', empty: 'dashboard.noPublished' },
];

function Section({ status, title, empty }: (typeof SECTIONS)[number]) {
  const { t } = useI18n();
  const timeZone = useSiteTimeZone();
  const posts = useApi(() => api.get<unknown>('/posts' + query({ status, limit: 5 })), status);
  const list = listOf<PostSummary>(posts.data, 'posts');
  return (
    <section aria-labelledby={`dashboard-${status}`} className="card">
      <h2 id={`dashboard-${status}`}>{t(title)}</h2>
      {posts.loading ? (
        <Loading />
      ) : posts.error ? (
        <ErrorMessage error={posts.error} />
      ) : list.length === 0 ? (
        <p>{t(empty)}</p>
      ) : (
        <PostTable posts={list} labelledBy={`dashboard-${status}`} timeZone={timeZone} />
      )}
      <p>
        <Link to={`/posts?status=${status}`}>{t('dashboard.seeAll')}</Link>
      </p>
    </section>
  );
}

/** What is in the works: drafts, what goes out next, what went out last. */
export function Dashboard() {
  const { t } = useI18n();
  return (
    <Screen
      title={t('dashboard.title')}
      actions={
        <Link to="/posts/new" className="button primary">
          {t('post.new')}
        </Link>
      }
    >
      <div className="dashboard">
        {SECTIONS.map((section) => (
          <Section key={section.status} {...section} />
        ))}
      </div>
    </Screen>
  );
}
