import { renderDocument } from '../jsx/jsx-runtime.ts';
import { translator } from '../../i18n/i18n.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import type { SiteChrome } from '../site.models.ts';
import { documentTitle, Layout } from './layout.tsx';
import { ChipLinks } from './post-meta.tsx';

interface ErrorPage {
  status: 404 | 410;
  title: MessageKey;
  body: MessageKey;
}

/** A reader who lands on a dead end gets a way home and the site's sections, never a bare error. */
function renderErrorPage(chrome: SiteChrome, page: ErrorPage): string {
  const t = translator(chrome.locale);
  const title = t(page.title);
  return renderDocument(
    <Layout chrome={chrome} t={t} title={documentTitle(chrome, title)} description={t(page.body)} noindex>
      <div class="error-page wrap">
        <p class="kicker">{t('site.errorCode', { status: page.status })}</p>
        <h1 class="page-title">{title}</h1>
        <p class="error-body">{t(page.body)}</p>
        <p>
          <a class="button" href="/">
            {t('notFound.back')}
          </a>
        </p>
        {chrome.navigation.length > 0 ? (
          <nav class="error-browse" aria-labelledby="k-browse">
            <h2 class="subcategories-title" id="k-browse">
              {t('notFound.browse')}
            </h2>
            <ChipLinks links={chrome.navigation} />
          </nav>
        ) : null}
      </div>
    </Layout>,
  );
}

/** 404: the address never existed or moved without a redirect. */
export function renderNotFoundPage(chrome: SiteChrome): string {
  return renderErrorPage(chrome, { status: 404, title: 'notFound.title', body: 'notFound.body' });
}

/** 410: the content existed and was removed on purpose. */
export function renderGonePage(chrome: SiteChrome): string {
  return renderErrorPage(chrome, { status: 410, title: 'gone.title', body: 'gone.body' });
}
