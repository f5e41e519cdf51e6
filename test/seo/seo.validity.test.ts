import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/i18n.ts';
import { raw, renderDocument } from '../../src/site/jsx/jsx-runtime.ts';
import { renderArchivePage } from '../../src/site/views/archive.view.tsx';
import { renderArticlePage } from '../../src/site/views/article.view.tsx';
import { renderNotFoundPage } from '../../src/site/views/error.view.tsx';
import { renderHomePage } from '../../src/site/views/home.view.tsx';
import { Layout } from '../../src/site/views/layout.tsx';
import { renderStaticPage } from '../../src/site/views/page.view.tsx';
import { makeArchive, makeArticle, makeChrome, makeHome, makeStaticPage, posts } from '../../src/site/views/views.fixtures.ts';
import { vnuErrors } from '../support/browser.ts';
import { parseHead } from '../support/html-head.ts';

/** Every variant of the head the site writes, through the Nu HTML Checker (the served pages are checked by the reading journey). */
describe('the search-engine head of every kind of page', () => {
  const chrome = (overrides: Parameters<typeof makeChrome>[0] = {}) => makeChrome({ siteUrl: 'https://www.blog-ecommerce.example', ...overrides });
  const hidden = chrome({ search: { hidden: true, articleSchemaType: 'BlogPosting' }, currentPath: posts.ovh.url });
  const documents: Record<string, string> = {
    article: renderArticlePage(chrome({ currentPath: posts.ovh.url }), makeArticle()),
    'hidden-blogposting-hostile-title': renderArticlePage(hidden, makeArticle({ title: 'Faille </script><!-- <script>alert(1)</script> & cie', image: undefined })),
    home: renderHomePage(chrome(), makeHome()),
    'home-page-2': renderHomePage(chrome({ currentPath: '/page/2/' }), makeHome({ pagination: { page: 2, pages: 4, previousHref: '/', nextHref: '/page/3/' } })),
    archive: renderArchivePage(chrome({ currentPath: '/categorie/ecommerce/page/2/' }), makeArchive()),
    'thin-tag': renderArchivePage(chrome({ currentPath: '/tag/rgpd/' }), makeArchive({ kind: 'tag', slug: 'rgpd', name: 'RGPD', description: '', posts: [posts.ovh], pagination: { page: 1, pages: 1, previousHref: undefined, nextHref: undefined } })),
    'static-page': renderStaticPage(chrome({ currentPath: '/mentions-legales/' }), makeStaticPage()),
    'not-found': renderNotFoundPage(chrome({ currentPath: '/nulle-part/' })),
    'two-languages': renderDocument(
      Layout({
        chrome: chrome({ currentPath: '/a-propos/' }),
        t: translator('fr'),
        title: 'À propos',
        description: 'Qui écrit ce blog.',
        canonicalPath: '/a-propos/',
        seo: { alternates: [{ hreflang: 'fr', href: '/a-propos/' }, { hreflang: 'en', href: 'https://en.blog-ecommerce.example/about/' }, { hreflang: 'x-default', href: '/a-propos/' }] },
        children: raw('<h1>À propos</h1>'),
      }),
    ),
  };

  it('is valid HTML for the Nu HTML Checker, JSON-LD included', async () => {
    const errors = await vnuErrors(documents);
    expect(errors.map((e) => `${path.basename(e.url)}:${e.lastLine}: ${e.message}`).join('\n')).toBe('');
  }, 120_000);

  it('parses back: one JSON-LD block wherever there is structured data, the hostile title intact inside it', () => {
    const head = parseHead(documents['hidden-blogposting-hostile-title']!);
    expect(head.meta.get('robots')).toEqual(['noindex, nofollow']);
    const graph = (head.jsonLd[0] as { '@graph': Record<string, unknown>[] })['@graph'];
    expect(graph[0]!['@type']).toBe('BlogPosting');
    expect(graph[0]!.headline).toBe('Faille </script><!-- <script>alert(1)</script> & cie');
    expect(parseHead(documents['two-languages']!).links.filter((link) => link.hreflang).map((link) => link.hreflang)).toEqual(['fr', 'en', 'x-default']);
    expect(parseHead(documents['thin-tag']!).meta.get('robots')).toEqual(['noindex']);
  });
});
