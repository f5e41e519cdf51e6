import { raw, type Html } from '../site/jsx/jsx-runtime.ts';
import type { Locale, Translate } from '../i18n/i18n.ts';
import { formatDate, isoDate } from '../site/views/format.ts';
import type { CommentView } from './comments.presenter.ts';

interface ThreadProps {
  comments: CommentView[];
  t: Translate;
  locale: Locale;
  timeZone: string;
}

function Comment({ comment, t, locale, timeZone }: { comment: CommentView } & Omit<ThreadProps, 'comments'>): Html {
  // A commenter's site is theirs, not a recommendation of the site's (Google's "ugc" link attribute).
  const author = comment.authorUrl ? (
    <a href={comment.authorUrl} rel="nofollow ugc">
      {comment.author}
    </a>
  ) : (
    comment.author
  );
  return (
    <li class="comment" id={`comment-${comment.id}`}>
      <article class="comment-card">
        <p class="comment-meta">
          <span class="comment-author">{author}</span> <time datetime={isoDate(comment.writtenAt)}>{formatDate(locale, comment.writtenAt, timeZone)}</time>
        </p>
        <div class="comment-body">{raw(comment.html)}</div>
      </article>
      {comment.replies.length > 0 ? (
        <ol class="comment-replies" aria-label={t('comments.replies', { author: comment.author })}>
          {comment.replies.map((reply) => (
            <Comment comment={reply} t={t} locale={locale} timeZone={timeZone} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

/**
 * The comments under an article: read-only history (imported from WordPress for now), threaded,
 * without a form, a script or a cookie. Nothing is shown when there is none.
 */
export function CommentsSection({ comments, t, locale, timeZone }: ThreadProps): Html {
  if (comments.length === 0) return <></>;
  return (
    <section class="comments wrap" aria-labelledby="k-comments">
      <h2 class="section-title" id="k-comments">
        {t('comments.heading')}
      </h2>
      <ol class="comment-list">
        {comments.map((comment) => (
          <Comment comment={comment} t={t} locale={locale} timeZone={timeZone} />
        ))}
      </ol>
    </section>
  );
}
