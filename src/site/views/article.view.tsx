import { raw, renderDocument } from '../jsx/jsx-runtime.ts';
import type { Html } from '../jsx/jsx-runtime.ts';
import { translator } from '../../i18n/i18n.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { ArticleView, Link, SiteChrome } from '../site.models.ts';
import { CommentsSection } from '../../comments/comments.view.tsx';
import { BackToTop, documentTitle, Layout } from './layout.tsx';
import { CardList } from './post-card.tsx';
import { CategoryLinks, PostMeta } from './post-meta.tsx';
import { articleSeo } from '../../seo/seo.pages.ts';
import { metaDescription } from '../../seo/seo.text.ts';

/** The lead image is the page's largest paint: never lazy, fetched first. */
function LeadFigure({ view }: { view: ArticleView }): Html {
  if (!view.image) return <></>;
  const { src, alt, width, height } = view.image;
  return (
    <figure class="article-figure">
      <img src={src} alt={alt} width={width} height={height} fetchpriority="high" decoding="async" />
      {view.imageCaption ? <figcaption>{view.imageCaption}</figcaption> : null}
    </figure>
  );
}

function TagLinks({ tags, t }: { tags: Link[]; t: Translate }): Html {
  if (tags.length === 0) return <></>;
  return (
    <div class="article-tags">
      <p class="article-tags-label" id="k-tags">
        {t('article.tags')}
      </p>
      <ul class="tags" aria-labelledby="k-tags">
        {tags.map((tag) => (
          <li>
            <a class="tag" href={tag.href}>
              {tag.label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function SiblingLinks({ view, t }: { view: ArticleView; t: Translate }): Html {
  if (!view.previous && !view.next) return <></>;
  return (
    <nav class="article-siblings wrap" aria-label={t('article.siblings')}>
      {view.previous ? (
        <a class="sibling sibling--previous" href={view.previous.href}>
          <span class="sibling-label">{t('article.previous')}</span>
          <span class="sibling-title">{view.previous.label}</span>
        </a>
      ) : null}
      {view.next ? (
        <a class="sibling sibling--next" href={view.next.href}>
          <span class="sibling-label">{t('article.next')}</span>
          <span class="sibling-title">{view.next.label}</span>
        </a>
      ) : null}
    </nav>
  );
}

/** An article: its header, lead figure, body, tags, then the way on to other articles. */
export function renderArticlePage(chrome: SiteChrome, view: ArticleView): string {
  const t = translator(chrome.locale);
  const description = metaDescription(view.seoDescription, view.excerpt, chrome.description);
  return renderDocument(
    <Layout
      chrome={chrome}
      t={t}
      title={view.seoTitle || documentTitle(chrome, view.title)}
      description={description}
      canonicalPath={view.canonicalUrl ?? view.url}
      noindex={view.noindex === true}
      seo={articleSeo(chrome, t, view, description)}
    >
      <article class="article wrap">
        <header class="article-header">
          <CategoryLinks categories={view.categories} t={t} />
          <h1 class="article-title">{view.title}</h1>
          <PostMeta post={view} t={t} locale={chrome.locale} timeZone={chrome.timeZone} updatedAt={view.updatedAt} />
        </header>
        <LeadFigure view={view} />
        <div class="prose">{raw(view.html)}</div>
        <footer class="article-footer">
          <TagLinks tags={view.tags} t={t} />
          <BackToTop t={t} />
        </footer>
      </article>
      <CommentsSection comments={view.comments ?? []} t={t} locale={chrome.locale} timeZone={chrome.timeZone} />
      <SiblingLinks view={view} t={t} />
      {view.related.length > 0 ? (
        <section class="related" aria-labelledby="k-related">
          <div class="wrap">
            <h2 class="section-title" id="k-related">
              {t('article.related')}
            </h2>
            <CardList posts={view.related} class="card-grid" t={t} locale={chrome.locale} timeZone={chrome.timeZone} headingLevel={3} variant="grid" />
          </div>
        </section>
      ) : null}
    </Layout>,
  );
}
