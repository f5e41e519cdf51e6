import type { Child, Html } from '../jsx/jsx-runtime.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { Link, SiteChrome } from '../site.models.ts';
import { buildPageHead, SeoHead, type PageSeo } from '../../seo/seo.head.tsx';
import { SearchForm } from './search-form.tsx';
import { PAGE_IDS } from '../../content/markdown/markdown.ids.ts';

/** The anchor every "Haut de page" link points to: the body, so it works without JavaScript. */
const TOP_ID = PAGE_IDS.top;
/** The skip link's target. */
const CONTENT_ID = PAGE_IDS.content;

const THEME_COLOR_LIGHT = '#fdfcf9';
const THEME_COLOR_DARK = '#15171a';

export interface LayoutProps {
  chrome: SiteChrome;
  t: Translate;
  /** The complete document title (see `documentTitle`). */
  title: string;
  description: string;
  /** The page's own address (made absolute from the site's origin); none for an error page. */
  canonicalPath?: string | undefined;
  /** Keeps the page out of search engines (search results, thin listings, errors). */
  noindex?: boolean | undefined;
  /** What the page adds for search engines and social networks (src/seo/seo.pages.ts). */
  seo?: PageSeo | undefined;
  children?: Child;
}

/** "Page title – Site name", or the site name alone for the home page. */
export function documentTitle(chrome: SiteChrome, ...parts: string[]): string {
  return [...parts, chrome.title].join(' – ');
}

/** `aria-current` for a navigation link: the page itself, or a page inside its section. */
function currentMarker(href: string, currentPath: string): 'page' | 'true' | undefined {
  if (href === currentPath) return 'page';
  if (href !== '/' && href.endsWith('/') && currentPath.startsWith(href)) return 'true';
  return undefined;
}

function LinkList({ links, currentPath }: { links: Link[]; currentPath: string }): Html {
  return (
    <ul>
      {links.map((link) => (
        <li>
          <a href={link.href} aria-current={currentMarker(link.href, currentPath)}>
            {link.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The document around every public page: head, masthead, navigation, footer. */
export function Layout({ chrome, t, title, description, canonicalPath, noindex, seo, children }: LayoutProps): Html {
  const isHome = chrome.currentPath === '/';
  const head = buildPageHead(chrome, t, { title, description, canonicalPath, noindex: noindex === true, seo });
  return (
    <html lang={chrome.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={description} />
        <meta name="color-scheme" content="light dark" />
        <meta name="theme-color" content={THEME_COLOR_LIGHT} media="(prefers-color-scheme: light)" />
        <meta name="theme-color" content={THEME_COLOR_DARK} media="(prefers-color-scheme: dark)" />
        <link rel="stylesheet" href={chrome.stylesheetHref} />
        <link rel="icon" href={chrome.faviconHref} type="image/svg+xml" />
        <SeoHead head={head} />
      </head>
      <body id={TOP_ID}>
        <a class="skip-link" href={'#' + CONTENT_ID}>
          {t('site.skipToContent')}
        </a>
        <header class="site-header">
          <div class="masthead wrap">
            <a class="site-title" href="/" aria-current={isHome ? 'page' : undefined}>
              {chrome.title}
            </a>
            {chrome.description ? <p class="site-tagline">{chrome.description}</p> : null}
            <SearchForm locale={chrome.locale} t={t} />
          </div>
          {chrome.navigation.length > 0 ? (
            <nav class="site-nav" aria-label={t('site.mainNav')}>
              <div class="wrap">
                <LinkList links={chrome.navigation} currentPath={chrome.currentPath} />
              </div>
            </nav>
          ) : null}
        </header>
        <main id={CONTENT_ID} tabindex="-1">
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap footer-grid">
            <div class="footer-brand">
              <p class="footer-title">{chrome.title}</p>
              <p class="powered-by">{t('site.poweredBy')}</p>
            </div>
            {chrome.footerLinks.length > 0 ? (
              <nav class="footer-nav" aria-label={t('site.footerNav')}>
                <LinkList links={chrome.footerLinks} currentPath={chrome.currentPath} />
              </nav>
            ) : null}
            <BackToTop t={t} />
          </div>
        </footer>
      </body>
    </html>
  );
}

/** "Haut de page": a plain fragment link, so it needs no script and takes keyboard focus. */
export function BackToTop({ t }: { t: Translate }): Html {
  return (
    <p class="back-to-top">
      <a href={'#' + TOP_ID}>{t('site.backToTop')}</a>
    </p>
  );
}
