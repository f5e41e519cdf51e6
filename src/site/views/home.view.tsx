import { renderDocument } from '../jsx/jsx-runtime.ts';
import type { Html } from '../jsx/jsx-runtime.ts';
import { translator } from '../../i18n/i18n.ts';
import type { Locale, Translate } from '../../i18n/i18n.ts';
import type { HomeView, PostSummary, SiteChrome } from '../site.models.ts';
import { documentTitle, Layout } from './layout.tsx';
import { Pagination } from './pagination.tsx';
import { CardList, PostCard } from './post-card.tsx';
import { homeSeo, isThinListing } from '../../seo/seo.pages.ts';

interface SectionProps {
  t: Translate;
  locale: Locale;
  timeZone: string;
}

/** "À la une": the lead story, large, with the other featured stories beside it. */
function FrontSection({ posts, t, locale, timeZone }: SectionProps & { posts: PostSummary[] }): Html {
  const [lead, ...others] = posts;
  if (!lead) return <></>;
  return (
    <section class="front wrap" aria-labelledby="k-featured">
      <h2 class="section-title" id="k-featured">
        {t('home.featured')}
      </h2>
      <div class={others.length > 0 ? 'front-grid' : 'front-grid front-grid--single'}>
        <PostCard post={lead} t={t} locale={locale} timeZone={timeZone} headingLevel={3} variant="hero" priority />
        {others.length > 0 ? (
          <CardList posts={others} class="front-side" t={t} locale={locale} timeZone={timeZone} headingLevel={3} variant="side" />
        ) : null}
      </div>
    </section>
  );
}

function HighlightSection({ posts, t, locale, timeZone }: SectionProps & { posts: PostSummary[] }): Html {
  if (posts.length === 0) return <></>;
  return (
    <section class="highlights" aria-labelledby="k-highlighted">
      <div class="wrap">
        <h2 class="section-title" id="k-highlighted">
          {t('home.highlighted')}
        </h2>
        <CardList posts={posts} class="card-grid" t={t} locale={locale} timeZone={timeZone} headingLevel={3} variant="grid" />
      </div>
    </section>
  );
}

/** The home page: highlights on page 1, then the latest posts, paginated. */
export function renderHomePage(chrome: SiteChrome, view: HomeView): string {
  const t = translator(chrome.locale);
  const { locale, timeZone } = chrome;
  const firstPage = view.pagination.page <= 1;
  const pageTitle = t('home.latestPage', { page: view.pagination.page });
  const nothingYet = view.latest.length === 0 && view.featured.length === 0 && view.highlighted.length === 0;
  return renderDocument(
    <Layout
      chrome={chrome}
      t={t}
      title={firstPage ? chrome.title : documentTitle(chrome, pageTitle)}
      description={chrome.description || chrome.title}
      canonicalPath={chrome.currentPath}
      noindex={isThinListing(view.pagination, view.latest.length, false)}
      seo={firstPage ? homeSeo(chrome) : undefined}
    >
      {firstPage ? (
        <>
          <h1 class="visually-hidden">{chrome.title}</h1>
          <FrontSection posts={view.featured} t={t} locale={locale} timeZone={timeZone} />
          <HighlightSection posts={view.highlighted} t={t} locale={locale} timeZone={timeZone} />
          {nothingYet ? <p class="empty-state wrap">{t('home.empty')}</p> : null}
          {view.latest.length > 0 ? (
            <section class="latest wrap" aria-labelledby="k-latest">
              <h2 class="section-title" id="k-latest">
                {t('home.latest')}
              </h2>
              <CardList posts={view.latest} class="post-list" t={t} locale={locale} timeZone={timeZone} headingLevel={3} variant="row" />
              <Pagination pagination={view.pagination} t={t} />
            </section>
          ) : null}
        </>
      ) : (
        <div class="latest wrap">
          <h1 class="page-title">{pageTitle}</h1>
          <CardList posts={view.latest} class="post-list" t={t} locale={locale} timeZone={timeZone} headingLevel={2} variant="row" />
          <Pagination pagination={view.pagination} t={t} />
        </div>
      )}
    </Layout>,
  );
}
