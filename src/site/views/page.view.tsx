import { raw, renderDocument } from '../jsx/jsx-runtime.ts';
import { translator } from '../../i18n/i18n.ts';
import type { SiteChrome, StaticPageView } from '../site.models.ts';
import { formatDate, isoDate } from './format.ts';
import { documentTitle, Layout } from './layout.tsx';
import { fillMessage } from './message.ts';
import { staticPageSeo } from '../../seo/seo.pages.ts';
import { metaDescription, textOfHtml } from '../../seo/seo.text.ts';

/** A static page (legal notice, about…): a title and its body, without the article furniture. */
export function renderStaticPage(chrome: SiteChrome, view: StaticPageView): string {
  const t = translator(chrome.locale);
  const updated = <time datetime={isoDate(view.updatedAt)}>{formatDate(chrome.locale, view.updatedAt, chrome.timeZone)}</time>;
  return renderDocument(
    <Layout
      chrome={chrome}
      t={t}
      title={view.seoTitle || documentTitle(chrome, view.title)}
      description={metaDescription(view.seoDescription, textOfHtml(view.html), chrome.description)}
      canonicalPath={view.canonicalUrl ?? view.url}
      noindex={view.noindex === true}
      seo={staticPageSeo(chrome, t, view)}
    >
      <article class="article article--page wrap">
        <header class="article-header">
          <h1 class="article-title">{view.title}</h1>
        </header>
        <div class="prose">{raw(view.html)}</div>
        <footer class="article-footer">
          <p class="post-meta">{fillMessage(t('article.updatedOn'), 'date', updated)}</p>
        </footer>
      </article>
    </Layout>,
  );
}
