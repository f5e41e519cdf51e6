import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { nameOf, type PostStatus, type PostSummary } from '../lib/types.ts';

export function statusLabel(status: PostStatus): MessageKey {
  return `status.${status}`;
}

/** Posts in a table with a caption naming it; a title opens the editor. */
export function PostTable({ posts, caption, timeZone }: { posts: readonly PostSummary[]; caption: string; timeZone?: string }) {
  const { t, dateTime } = useI18n();
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('post.title')}</th>
            <th scope="col">{t('post.status')}</th>
            <th scope="col">{t('post.author')}</th>
            <th scope="col">{t('post.categories')}</th>
            <th scope="col">{t('post.date')}</th>
          </tr>
        </thead>
        <tbody>
          {posts.map((post) => (
            <tr key={post.id}>
              <td>
                <Link to={`/${post.type === 'page' ? 'pages' : 'posts'}/${post.id}`}>{post.title || t('post.untitled')}</Link>
              </td>
              <td>
                <span className={`badge badge-${post.status}`}>{t(statusLabel(post.status))}</span>
              </td>
              <td>{nameOf(post.author)}</td>
              <td>{(post.categories ?? []).map(nameOf).join(', ')}</td>
              <td>{post.publishedAt ? dateTime(post.publishedAt, timeZone) : post.updatedAt ? dateTime(post.updatedAt, timeZone) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
