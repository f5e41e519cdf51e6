import { renderDocument, type Html } from '../site/jsx/jsx-runtime.ts';
import { translator, type Locale, type Translate } from '../i18n/i18n.ts';
import type { Link, Pagination as PaginationModel, PostSummary, SiteChrome } from '../site/site.models.ts';
import { searchPath } from '../site/site.urls.ts';
import { documentTitle, Layout } from '../site/views/layout.tsx';
import { Pagination } from '../site/views/pagination.tsx';
import { CardList } from '../site/views/post-card.tsx';
import { CategoryLinks, ChipLinks, PostMeta } from '../site/views/post-meta.tsx';
import { MAX_QUERY_LENGTH } from './search.query.ts';
import type { SnippetPart } from './search.snippet.ts';

/** What the results page shows; made by search.presenters.ts. */
export interface SearchPageView {
  query: string;
  /** The category filter's slug as asked, and the categories to choose from. */
  category: string;
  categoryName: string | undefined;
  categories: { slug: string; name: string }[];
  state: 'prompt' | 'commonWords' | 'results' | 'nothing' | 'unknownCategory';
  total: number;
  more: boolean;
  /** How many words of the query were too common to search for. */
  commonWords: number;
  results: (PostSummary & { snippet: SnippetPart[] })[];
  pagination: PaginationModel;
  /** For the page that found nothing: the sections and the newest posts. */
  browse: Link[];
  latest: PostSummary[];
}

function Snippet({ parts }: { parts: SnippetPart[] }): Html {
  return <p class="search-snippet">{parts.map((part) => (part.marked ? <mark>{part.text}</mark> : part.text))}</p>;
}

function countLine(view: SearchPageView, t: Translate, locale: Locale): string {
  const key = view.more ? 'search.count.more' : view.total === 1 ? 'search.count.one' : 'search.count.many';
  const line = t(key, { count: new Intl.NumberFormat(locale).format(view.total), query: view.query });
  return view.categoryName ? `${line} ${t('search.inCategory', { name: view.categoryName })}` : line;
}

function Tips({ view, t, locale, timeZone }: { view: SearchPageView; t: Translate; locale: Locale; timeZone: string }): Html {
  return (
    <div class="search-help">
      <p>{t('search.tips')}</p>
      <ul>
        {view.state === 'commonWords' ? null : <li>{t('search.tipFewerWords')}</li>}
        <li>{t('search.tipSpelling')}</li>
        {view.category ? (
          <li>
            <a href={`${searchPath(locale)}?q=${encodeURIComponent(view.query)}`}>{t('search.tipAllCategories')}</a>
          </li>
        ) : null}
        <li>{t('search.tipBrowse')}</li>
      </ul>
      {view.browse.length > 0 ? <ChipLinks links={view.browse} /> : null}
      {view.latest.length > 0 ? (
        <section aria-labelledby="k-search-latest">
          <h2 class="section-title" id="k-search-latest">
            {t('search.latest')}
          </h2>
          <CardList posts={view.latest} class="card-grid" t={t} locale={locale} timeZone={timeZone} headingLevel={3} variant="grid" />
        </section>
      ) : null}
    </div>
  );
}

/** `/recherche?q=…`: the form, how many posts match, each with its marked snippet, pagination; help when nothing does. */
export function renderSearchPage(chrome: SiteChrome, view: SearchPageView): string {
  const t = translator(chrome.locale);
  const { locale, timeZone } = chrome;
  const heading = view.query ? t('search.titleFor', { query: view.query }) : t('search.title');
  const titleParts = view.pagination.page > 1 ? [heading, t('pagination.page', { page: view.pagination.page, pages: view.pagination.pages })] : [heading];
  return renderDocument(
    <Layout chrome={chrome} t={t} title={documentTitle(chrome, ...titleParts)} description={t('search.description', { site: chrome.title })} noindex>
      <div class="search-page wrap">
        <header class="archive-header">
          <h1 class="page-title">{heading}</h1>
          <form class="search-form search-form--page" role="search" aria-label={t('search.refine')} method="get" action={searchPath(locale)}>
            <label class="visually-hidden" for="k-search-q">
              {t('search.label')}
            </label>
            <input id="k-search-q" type="search" name="q" value={view.query} maxlength={MAX_QUERY_LENGTH} placeholder={t('search.placeholder')} />
            {view.categories.length > 0 ? (
              <>
                <label class="visually-hidden" for="k-search-category">
                  {t('search.category')}
                </label>
                <select id="k-search-category" name={locale === 'fr' ? 'categorie' : 'category'}>
                  <option value="">{t('search.allCategories')}</option>
                  {view.categories.map((category) => (
                    <option value={category.slug} selected={category.slug === view.category}>
                      {category.name}
                    </option>
                  ))}
                </select>
              </>
            ) : null}
            <button type="submit">{t('search.submit')}</button>
          </form>
        </header>
        {view.state === 'prompt' ? <p class="search-status">{t('search.prompt')}</p> : null}
        {view.state === 'commonWords' ? <p class="search-status">{t(view.commonWords === 1 ? 'search.commonWord' : 'search.commonWords', { query: view.query })}</p> : null}
        {view.state === 'unknownCategory' ? <p class="search-status">{t('search.unknownCategory')}</p> : null}
        {view.state === 'nothing' ? <p class="search-status">{t('search.nothing', { query: view.query })}</p> : null}
        {view.state === 'results' ? <p class="search-status" role="status">{countLine(view, t, locale)}</p> : null}
        {view.results.length > 0 ? (
          <ol class="search-results" aria-label={t('search.results')}>
            {view.results.map((result) => (
              <li>
                <article class="search-result">
                  <CategoryLinks categories={result.categories} t={t} />
                  <h2 class="search-result-title">
                    <a href={result.url}>{result.title}</a>
                  </h2>
                  <Snippet parts={result.snippet} />
                  <PostMeta post={result} t={t} locale={locale} timeZone={timeZone} compact />
                </article>
              </li>
            ))}
          </ol>
        ) : null}
        <Pagination pagination={view.pagination} t={t} />
        {view.state !== 'results' ? <Tips view={view} t={t} locale={locale} timeZone={timeZone} /> : null}
      </div>
    </Layout>,
  );
}
