import type { Html } from '../jsx/jsx-runtime.ts';
import type { Locale, Translate } from '../../i18n/i18n.ts';
import type { ImageView, PostSummary } from '../site.models.ts';
import { CategoryLinks, PostMeta } from './post-meta.tsx';

/**
 * How a card sits on the page: the home page's lead story, the stories beside it, a grid card,
 * or a row of the latest-articles list.
 */
export type CardVariant = 'hero' | 'side' | 'grid' | 'row';

export interface PostCardProps {
  post: PostSummary;
  t: Translate;
  locale: Locale;
  timeZone: string;
  headingLevel: 2 | 3;
  variant: CardVariant;
  /** The page's largest image above the fold: loaded first rather than lazily. */
  priority?: boolean | undefined;
}

function CardImage({ image, priority }: { image: ImageView; priority?: boolean | undefined }): Html {
  return (
    <div class="card-media">
      <img
        src={image.src}
        alt={image.alt}
        width={image.width}
        height={image.height}
        loading={priority ? undefined : 'lazy'}
        fetchpriority={priority ? 'high' : undefined}
        decoding="async"
      />
    </div>
  );
}

/** A post teaser: image, categories, title linking to the post, excerpt, date and author. */
export function PostCard({ post, t, locale, timeZone, headingLevel, variant, priority }: PostCardProps): Html {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class={'card card--' + variant + (post.image ? '' : ' card--text-only')}>
      <div class="card-body">
        <CategoryLinks categories={post.categories} t={t} />
        <Heading class="card-title">
          <a href={post.url}>{post.title}</a>
        </Heading>
        {variant !== 'side' && post.excerpt ? <p class="card-excerpt">{post.excerpt}</p> : null}
        <PostMeta post={post} t={t} locale={locale} timeZone={timeZone} compact />
      </div>
      {post.image ? <CardImage image={post.image} priority={priority} /> : null}
    </article>
  );
}

/** A list of cards; a list so that screen readers announce how many stories it holds. */
export function CardList(props: Omit<PostCardProps, 'post'> & { posts: PostSummary[]; class: string }): Html {
  const { posts, class: className, ...card } = props;
  return (
    <ul class={className}>
      {posts.map((post) => (
        <li>
          <PostCard post={post} {...card} />
        </li>
      ))}
    </ul>
  );
}
