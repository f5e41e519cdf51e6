import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { mayDeletePost, useUser } from '../lib/session.tsx';
import { nameOf, type Named, type PostStatus, type PostSummary } from '../lib/types.ts';
import { DeletePostButton } from './DeletePostButton.tsx';

export function statusLabel(status: PostStatus): MessageKey {
  return `status.${status}`;
}

/** The author's id of a byline, when the API named it. */
export function authorIdOf(author: Named | null | undefined): number | null {
  return author && typeof author === 'object' && typeof author.id === 'number' ? author.id : null;
}

/** A table's accessible name: its own caption, or the id of the heading above it that says the same. */
type TableName = { caption: string; labelledBy?: never } | { labelledBy: string; caption?: never };

/**
 * Posts in a table named by its caption or by a heading; a title opens the editor. With
 * `onDeleted`, each row the person may delete has a delete button.
 */
export function PostTable({ posts, caption, labelledBy, timeZone, onDeleted }: TableName & { posts: readonly PostSummary[]; timeZone?: string; onDeleted?(): void }) {
  const { t, dateTime } = useI18n();
  const user = useUser();
  return (
    <div className="table-scroll">
      <table aria-labelledby={labelledBy}>
        {caption !== undefined && <caption>{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">{t('post.title')}</th>
            <th scope="col">{t('post.status')}</th>
            <th scope="col">{t('post.author')}</th>
            <th scope="col">{t('post.categories')}</th>
            <th scope="col">{t('post.date')}</th>
            {onDeleted && <th scope="col">{t('app.actions')}</th>}
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
              {onDeleted && (
                <td className="row-actions">
                  {mayDeletePost(user, { type: post.type ?? 'post', status: post.status, authorId: authorIdOf(post.author) }) && <DeletePostButton post={post} onDeleted={onDeleted} />}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
