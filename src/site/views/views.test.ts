import { describe, expect, it } from 'vitest';
import { renderArchivePage } from './archive.view.tsx';
import { renderArticlePage } from './article.view.tsx';
import { renderGonePage, renderNotFoundPage } from './error.view.tsx';
import { formatDate, isoDate } from './format.ts';
import { renderHomePage } from './home.view.tsx';
import { renderStaticPage } from './page.view.tsx';
import {
  makeArchive,
  makeArticle,
  makeChrome,
  makeHome,
  makePost,
  makeStaticPage,
  posts,
} from './views.fixtures.ts';

const pages: Record<string, () => string> = {
  home: () => renderHomePage(makeChrome(), makeHome()),
  'home page 2': () =>
    renderHomePage(
      makeChrome({ currentPath: '/page/2/' }),
      makeHome({ pagination: { page: 2, pages: 4, previousHref: '/', nextHref: '/page/3/' } }),
    ),
  'empty home': () =>
    renderHomePage(
      makeChrome(),
      makeHome({ featured: [], highlighted: [], latest: [], pagination: { page: 1, pages: 1, previousHref: undefined, nextHref: undefined } }),
    ),
  article: () => renderArticlePage(makeChrome({ currentPath: posts.ovh.url }), makeArticle()),
  'static page': () => renderStaticPage(makeChrome({ currentPath: '/mentions-legales/' }), makeStaticPage()),
  archive: () => renderArchivePage(makeChrome({ currentPath: '/categorie/ecommerce/page/2/' }), makeArchive()),
  'empty archive': () => renderArchivePage(makeChrome(), makeArchive({ kind: 'tag', name: 'RGPD', posts: [] })),
  'not found': () => renderNotFoundPage(makeChrome({ currentPath: '/nulle-part/' })),
  gone: () => renderGonePage(makeChrome({ currentPath: '/article-retire/' })),
};

/** Any script element but the page's structured data (`application/ld+json`, which browsers never run). */
const EXECUTABLE_SCRIPT = /<script(?! type="application\/ld\+json">)/i;

function count(html: string, pattern: RegExp): number {
  return html.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
}

/** Heading levels in document order, e.g. [1, 2, 3, 3, 2]. */
function headingLevels(html: string): number[] {
  return [...html.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
}

describe.each(Object.entries(pages))('the %s page', (_name, render) => {
  const html = render();

  it('is a complete French document with its stylesheet and no script (JSON-LD is data, not a script)', () => {
    expect(html.startsWith('<!doctype html><html lang="fr">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<link rel="stylesheet" href="/assets/site.css">');
    expect(html).toContain('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">');
    expect(html).not.toMatch(EXECUTABLE_SCRIPT);
  });

  it('has exactly one h1 and never skips a heading level', () => {
    const levels = headingLevels(html);
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
  });

  it('offers the skip link as its first link, aimed at the main content', () => {
    const firstLink = html.match(/<a [^>]*>/)?.[0];
    expect(firstLink).toBe('<a class="skip-link" href="#contenu">');
    expect(html).toContain('<main id="contenu" tabindex="-1">');
  });

  it('links "Haut de page" to an element that exists', () => {
    expect(html).toContain('<a href="#top">Haut de page</a>');
    expect(count(html, /id="top"/)).toBe(1);
  });

  it('never repeats an id', () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('views', () => {
  it('escape titles, so a title cannot inject markup', () => {
    const title = 'Faille <script>alert("x")</script> & cie';
    const evil = makePost({ title, url: '/faille/' });
    const home = renderHomePage(makeChrome(), makeHome({ featured: [evil], latest: [evil] }));
    const article = renderArticlePage(makeChrome(), makeArticle({ title, html: '<p>Texte.</p>' }));
    for (const html of [home, article]) {
      expect(html).not.toMatch(EXECUTABLE_SCRIPT);
      expect(html.match(/<\/script/gi)?.length ?? 0).toBe(1); // the JSON-LD element's own end tag, the title's escaped
      expect(html).toContain('Faille &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; cie');
    }
    expect(article).toContain('<title>Faille &lt;script&gt;');
  });

  it('mark the current section in the main navigation', () => {
    const html = renderArchivePage(makeChrome({ currentPath: '/categorie/ecommerce/' }), makeArchive());
    expect(html).toContain('<a href="/categorie/ecommerce/" aria-current="page">Ecommerce</a>');
    expect(count(html, /<a href="[^"]*" aria-current="page">/)).toBe(2); // the nav item and the breadcrumb's last crumb
    expect(html).not.toContain('<a href="/categorie/web/" aria-current');
  });

  it('mark the section of a paginated archive as current', () => {
    const html = renderArchivePage(makeChrome({ currentPath: '/categorie/ecommerce/page/2/' }), makeArchive());
    expect(html).toContain('<a href="/categorie/ecommerce/" aria-current="true">Ecommerce</a>');
  });

  it('mark the site title as the current page on the home page only', () => {
    expect(renderHomePage(makeChrome(), makeHome())).toContain('<a class="site-title" href="/" aria-current="page">');
    expect(renderNotFoundPage(makeChrome({ currentPath: '/x/' }))).toContain('<a class="site-title" href="/">');
  });

  it('write dates the French way, with "1er" for the first of the month, in Paris time', () => {
    expect(formatDate('fr', '2021-03-10T08:00:00Z', 'Europe/Paris')).toBe('10 mars 2021');
    expect(formatDate('fr', '2021-02-28T23:30:00Z', 'Europe/Paris')).toBe('1er mars 2021');
    expect(formatDate('en', '2021-02-28T23:30:00Z', 'Europe/Paris')).toBe('1 March 2021');
    expect(formatDate('en', '2021-03-10T08:00:00Z', 'Europe/Paris')).toBe('10 March 2021');
    expect(isoDate('2021-02-28T23:30:00.000Z')).toBe('2021-02-28T23:30:00Z');
  });

  it('write every date as Intl writes it in the locale and zone, month names and order included', () => {
    for (const [locale, tag] of [['fr', 'fr-FR'], ['en', 'en-GB']] as const) {
      for (const zone of ['Europe/Paris', 'America/Montreal', 'Pacific/Kiritimati']) {
        const intl = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone });
        // Every 31 h 7 min over four years: each month, each day of the month, days either side of midnight.
        for (let millis = Date.UTC(2019, 0, 1); millis < Date.UTC(2023, 0, 1); millis += 111_999_000) {
          const iso = new Date(millis).toISOString();
          const expected = intl.format(millis).replace(/^1 /, locale === 'fr' ? '1er ' : '1 ');
          expect(formatDate(locale, iso, zone), `${iso} in ${zone}`).toBe(expected);
        }
      }
    }
  });

  it('show the publication date in a machine-readable <time>', () => {
    const html = renderArticlePage(makeChrome(), makeArticle({ ...posts.cdiscount, updatedAt: posts.cdiscount.publishedAt }));
    expect(html).toContain('Publié le <time datetime="2021-02-28T23:30:00Z">1er mars 2021</time>');
    expect(html).not.toContain('Mis à jour');
  });

  it("show dates in the site's time zone, not the server's or Paris's", () => {
    expect(formatDate('fr', '2021-02-28T23:30:00Z', 'America/Montreal')).toBe('28 février 2021');
    expect(formatDate('en', '2021-03-01T02:00:00Z', 'Pacific/Tahiti')).toBe('28 February 2021');
    const html = renderArticlePage(makeChrome({ timeZone: 'America/Montreal' }), makeArticle({ ...posts.cdiscount, updatedAt: posts.cdiscount.publishedAt }));
    expect(html).toContain('Publié le <time datetime="2021-02-28T23:30:00Z">28 février 2021</time>');
  });

  it('show the update date only when it falls on a later day', () => {
    const html = renderArticlePage(makeChrome(), makeArticle());
    expect(html).toContain('Mis à jour le <time datetime="2021-03-24T16:00:00Z">24 mars 2021</time>');
  });

  it('render the article with its figure, body, tags, siblings and related posts', () => {
    const html = renderArticlePage(makeChrome(), makeArticle());
    expect(html).toMatch(/<ul class="chips" aria-label="Catégories">.*<h1 class="article-title">/);
    expect(html).toContain('Par <a href="/auteur/claire-martin/">Claire Martin</a>');
    expect(html).toContain('9 min de lecture');
    expect(html).toContain(
      '<img src="/media/incendie-ovh.jpg" alt="Le site de Strasbourg après l’incendie" width="1600" height="900" fetchpriority="high" decoding="async">',
    );
    expect(html).toContain('<figcaption>Le data center SBG2 a été entièrement détruit par les flammes.</figcaption>');
    expect(html).toContain('<th scope="col" class="num">Montant (Md$)</th>');
    expect(html).toContain('<figure class="pullquote"><blockquote>');
    expect(html).toContain('<section class="sources" aria-label="Sources">');
    expect(html).toContain('<a class="tag" href="/tag/rgpd/">RGPD</a>');
    expect(html).toContain('<nav class="article-siblings wrap" aria-label="Navigation entre articles">');
    expect(html).toContain('<h2 class="section-title" id="k-related">À lire aussi</h2>');
    expect(count(html, /<a href="#top">Haut de page<\/a>/)).toBe(2);
  });

  it('lazy-load card images, with their dimensions', () => {
    const html = renderArchivePage(makeChrome(), makeArchive());
    expect(html).toContain(
      '<img src="/media/pharmacie.jpg" alt="Devanture de pharmacie" width="1200" height="675" loading="lazy" decoding="async">',
    );
  });

  it('load the home page lead image first and show the featured and highlighted sections', () => {
    const html = renderHomePage(makeChrome(), makeHome());
    expect(html).toContain('<h1 class="visually-hidden">Le Blog Ecommerce</h1>');
    expect(html).toContain('alt="Le site de Strasbourg après l’incendie" width="1600" height="900" fetchpriority="high"');
    expect(html).toContain('>À la une</h2>');
    expect(html).toContain('>Mis en avant</h2>');
    expect(html).toContain('>Derniers articles</h2>');
    expect(html).toContain('<title>Le Blog Ecommerce</title>');
  });

  it('show only the latest posts after the first home page, with the page number', () => {
    const html = pages['home page 2']!();
    expect(html).toContain('<h1 class="page-title">Derniers articles, page 2</h1>');
    expect(html).toContain('<title>Derniers articles, page 2 – Le Blog Ecommerce</title>');
    expect(html).not.toContain('À la une');
    expect(html).not.toContain('fetchpriority');
  });

  it('link paginated pages with rel prev and next', () => {
    const html = renderArchivePage(makeChrome(), makeArchive());
    expect(html).toContain('<nav class="pagination" aria-label="Pagination">');
    expect(html).toMatch(/<a class="pagination-link pagination-previous" rel="prev" href="\/categorie\/ecommerce\/">/);
    expect(html).toMatch(/<a class="pagination-link pagination-next" rel="next" href="\/categorie\/ecommerce\/page\/3\/">/);
    expect(html).toContain('<p class="pagination-status">Page 2 sur 3</p>');
    expect(html).toContain('<title>Catégorie\u00a0: Ecommerce – Page 2 sur 3 – Le Blog Ecommerce</title>');
    const single = renderArchivePage(
      makeChrome(),
      makeArchive({ pagination: { page: 1, pages: 1, previousHref: undefined, nextHref: undefined } }),
    );
    expect(single).not.toContain('class="pagination"');
  });

  it('give archives a breadcrumb ending on the current page, and an empty state', () => {
    const html = renderArchivePage(
      makeChrome(),
      makeArchive({ name: 'Logistique', url: '/categorie/ecommerce/logistique/', ancestors: [{ label: 'Ecommerce', href: '/categorie/ecommerce/' }] }),
    );
    expect(html).toMatch(
      /<nav class="breadcrumb" aria-label="Fil d’Ariane"><ol><li><a href="\/">Accueil<\/a><\/li><li><a href="\/categorie\/ecommerce\/">Ecommerce<\/a><\/li><li><a href="\/categorie\/ecommerce\/logistique\/" aria-current="page">Logistique<\/a><\/li><\/ol><\/nav>/,
    );
    expect(html).toContain('<h1 class="page-title">Catégorie\u00a0: Logistique</h1>');
    expect(pages['empty archive']!()).toContain('<p class="empty-state">Aucun article dans cette rubrique pour le moment.</p>');
    expect(renderArchivePage(makeChrome(), makeArchive({ kind: 'author', name: 'Claire Martin' }))).toContain(
      '<h1 class="page-title">Articles de Claire Martin</h1>',
    );
  });

  it('tell readers of a missing page how to go on, and keep it out of search engines', () => {
    const html = pages['not found']!();
    expect(html).toContain('<h1 class="page-title">Page introuvable</h1>');
    expect(html).toContain('La page demandée n’existe pas ou a changé d’adresse.');
    expect(html).toContain('<a class="button" href="/">Retour à l’accueil</a>');
    expect(html).toContain('<a class="chip" href="/categorie/monetique/">Monétique</a>');
    expect(html).toContain('<meta name="robots" content="noindex">');
  });

  it('tell readers of a removed page that it is gone for good', () => {
    const html = pages.gone!();
    expect(html).toContain('Erreur 410');
    expect(html).toContain('<h1 class="page-title">Contenu supprimé</h1>');
    expect(html).toContain('Ce contenu a été retiré définitivement du site.');
    expect(html).toContain('<meta name="robots" content="noindex">');
  });

  it('render in English for an English site', () => {
    const html = renderArticlePage(makeChrome({ locale: 'en' }), makeArticle({ ...posts.cdiscount }));
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Published on <time datetime="2021-02-28T23:30:00Z">1 March 2021</time>');
    expect(html).toContain('<a href="#top">Back to top</a>');
  });

  it('render an article fast enough to do without a cache', () => {
    const chrome = makeChrome();
    const article = makeArticle();
    renderArticlePage(chrome, article);
    const runs = 200;
    const start = performance.now();
    for (let i = 0; i < runs; i++) renderArticlePage(chrome, article);
    expect((performance.now() - start) / runs).toBeLessThan(5);
  });
});
