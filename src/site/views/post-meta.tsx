import type { Html } from '../jsx/jsx-runtime.ts';
import type { Locale, Translate } from '../../i18n/i18n.ts';
import type { Link, PostSummary } from '../site.models.ts';
import { formatDate, isLaterDay, isoDate } from './format.ts';
import { fillMessage } from './message.ts';

export interface PostMetaProps {
  post: PostSummary;
  t: Translate;
  locale: Locale;
  /** The site's zone: the day shown is the one its readers lived. */
  timeZone: string;
  /** Shown only when it falls on a later day than the publication. */
  updatedAt?: string | undefined;
  /** Cards show the bare date; the article page spells out "Publié le". */
  compact?: boolean | undefined;
}

function DateTime({ iso, locale, timeZone }: { iso: string; locale: Locale; timeZone: string }): Html {
  return <time datetime={isoDate(iso)}>{formatDate(locale, iso, timeZone)}</time>;
}

/** Author, publication date, update date and reading time of a post, on one line. */
export function PostMeta({ post, t, locale, timeZone, updatedAt, compact }: PostMetaProps): Html {
  const published = <DateTime iso={post.publishedAt} locale={locale} timeZone={timeZone} />;
  const updated = updatedAt && isLaterDay(updatedAt, post.publishedAt, timeZone) ? updatedAt : undefined;
  return (
    <p class={compact ? 'post-meta post-meta--compact' : 'post-meta'}>
      {post.author ? (
        <span class="post-meta-author">
          {fillMessage(t('article.by'), 'author', <a href={post.author.href}>{post.author.label}</a>)}
        </span>
      ) : null}
      <span class="post-meta-date">{compact ? published : fillMessage(t('article.publishedOn'), 'date', published)}</span>
      {updated ? (
        <span class="post-meta-updated">
          {fillMessage(t('article.updatedOn'), 'date', <DateTime iso={updated} locale={locale} timeZone={timeZone} />)}
        </span>
      ) : null}
      {!compact && post.readingMinutes > 0 ? (
        <span class="post-meta-reading">{t('article.readingTime', { minutes: post.readingMinutes })}</span>
      ) : null}
    </p>
  );
}

/** Links shown as small chips. */
export function ChipLinks({ links, label }: { links: Link[]; label?: string }): Html {
  if (links.length === 0) return <></>;
  return (
    <ul class="chips" aria-label={label}>
      {links.map((link) => (
        <li>
          <a class="chip" href={link.href}>
            {link.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The categories of a post, named for assistive technologies. */
export function CategoryLinks({ categories, t }: { categories: Link[]; t: Translate }): Html {
  return <ChipLinks links={categories} label={t('article.categories')} />;
}
