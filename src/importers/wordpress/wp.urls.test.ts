import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DateArchives, detectPermalinkStructure, legacyRedirects, OldBlog, oldSlugPaths, pageCount, resizedCopies, type LegacyAddressesInput, type PermalinkItem, type PermalinkTerm } from './wp.urls.ts';
import type { WxrAuthor, WxrItem, WxrTerm } from './wxr.model.ts';
import { readWxr } from './wxr.reader.ts';

const BLOG = 'https://blog.example.fr';

let nextId = 100;
function post(link: string, slug: string, localDate = '2024-05-14 09:30:00', more: Partial<PermalinkItem> = {}): PermalinkItem {
  return { id: more.id ?? nextId++, postType: 'post', status: 'publish', link, slug, localDate, terms: [], ...more };
}

const categories: PermalinkTerm[] = [
  { taxonomy: 'category', slug: 'ecommerce', parentSlug: undefined },
  { taxonomy: 'category', slug: 'hebergement', parentSlug: 'ecommerce' },
  { taxonomy: 'category', slug: 'seo-sea', parentSlug: undefined },
];

describe('the permalink structure of a WordPress blog', () => {
  it('reads /%postname%/ and keeps it', () => {
    const found = detectPermalinkStructure(BLOG, [post(`${BLOG}/ovh-incendie/`, 'ovh-incendie'), post(`${BLOG}/soldes-2024/`, 'soldes-2024', '2024-06-26 07:00:00')]);
    expect(found).toMatchObject({ structure: '/%postname%/', basePath: '', kiosquePattern: '/%postname%/', trailingSlash: true, published: 2, mismatches: [] });
  });

  it('reads /%year%/%monthnum%/%postname%/ and /%year%/%monthnum%/%day%/%postname%/ from the posts’ local dates', () => {
    const monthly = detectPermalinkStructure(BLOG, [
      post(`${BLOG}/2024/05/ovh-incendie/`, 'ovh-incendie', '2024-05-14 09:30:00'),
      // Just after midnight, local time: the link has the local date, not the UTC one.
      post(`${BLOG}/2024/06/bilan/`, 'bilan', '2024-06-01 00:10:00'),
    ]);
    expect(monthly.structure).toBe('/%year%/%monthnum%/%postname%/');
    expect(monthly.kiosquePattern).toBe('/%year%/%monthnum%/%postname%/');

    const daily = detectPermalinkStructure(BLOG, [
      // 05/05: month and day read alike on one post; the others settle it.
      post(`${BLOG}/2024/05/05/le-cinq-mai/`, 'le-cinq-mai', '2024-05-05 10:00:00'),
      post(`${BLOG}/2024/05/14/ovh-incendie/`, 'ovh-incendie', '2024-05-14 09:30:00'),
      post(`${BLOG}/2023/12/01/noel/`, 'noel', '2023-12-01 08:00:00'),
    ]);
    expect(daily.structure).toBe('/%year%/%monthnum%/%day%/%postname%/');
    expect(daily.kiosquePattern).toBe('/%year%/%monthnum%/%day%/%postname%/');
  });

  it('recognises /%category%/%postname%/ with nested categories, which Kiosque cannot write', () => {
    const found = detectPermalinkStructure(
      BLOG,
      [
        post(`${BLOG}/ecommerce/hebergement/ovh-incendie/`, 'ovh-incendie', undefined, { terms: [{ taxonomy: 'category', slug: 'hebergement', name: 'Hébergement' }] }),
        post(`${BLOG}/seo-sea/cout-par-clic/`, 'cout-par-clic', undefined, { terms: [{ taxonomy: 'category', slug: 'seo-sea', name: 'SEO' }] }),
      ],
      categories,
    );
    expect(found.structure).toBe('/%category%/%postname%/');
    expect(found.kiosquePattern).toBeUndefined();
  });

  it('recognises numeric (/archives/%post_id%) and plain (?p=) permalinks, and keeps neither: Kiosque’s ids are its own', () => {
    const numeric = detectPermalinkStructure(BLOG, [post(`${BLOG}/archives/12`, 'ovh', undefined, { id: 12 }), post(`${BLOG}/archives/17`, 'sea', undefined, { id: 17 })]);
    expect(numeric).toMatchObject({ structure: '/archives/%post_id%', kiosquePattern: undefined, trailingSlash: false });
    const plain = detectPermalinkStructure(BLOG, [post(`${BLOG}/?p=12`, 'ovh', undefined, { id: 12 }), post(`${BLOG}/?p=17`, 'sea', undefined, { id: 17 })]);
    expect(plain).toMatchObject({ structure: '/?p=%post_id%', kiosquePattern: undefined });
  });

  it('keeps the folder of a blog installed in a sub-folder in the pattern', () => {
    const found = detectPermalinkStructure(`${BLOG}/blog/`, [post(`${BLOG}/blog/2024/05/ovh-incendie/`, 'ovh-incendie'), post(`${BLOG}/blog/2024/05/sea/`, 'sea')]);
    expect(found).toMatchObject({ structure: '/%year%/%monthnum%/%postname%/', basePath: '/blog', kiosquePattern: '/blog/%year%/%monthnum%/%postname%/' });
  });

  it('keeps a structure without a final slash with one (the address without it answers a 301 to it)', () => {
    const found = detectPermalinkStructure(BLOG, [post(`${BLOG}/2024/05/ovh-incendie`, 'ovh-incendie'), post(`${BLOG}/2024/05/sea`, 'sea')]);
    expect(found).toMatchObject({ structure: '/%year%/%monthnum%/%postname%', kiosquePattern: '/%year%/%monthnum%/%postname%/', trailingSlash: false });
  });

  it('makes no pattern when one post’s link does not follow the others, and names it', () => {
    const odd = post(`${BLOG}/ancien/ovh-incendie/`, 'ovh-incendie', undefined, { id: 42 });
    const found = detectPermalinkStructure(BLOG, [post(`${BLOG}/2024/05/sea/`, 'sea'), odd, post(`${BLOG}/2024/05/bilan/`, 'bilan')]);
    expect(found.structure).toBe('/%year%/%monthnum%/%postname%/');
    expect(found.kiosquePattern).toBeUndefined();
    expect(found.mismatches).toEqual([42]);
  });

  it('keeps the pattern when a slug is not one Kiosque keeps (non-ASCII, emoji, reserved): that post alone gets another slug and a 301', () => {
    const odd = detectPermalinkStructure(BLOG, [
      post(`${BLOG}/2024/05/%d9%85%d8%b1%d8%ad%d8%a8%d8%a7/`, '%d9%85%d8%b1%d8%ad%d8%a8%d8%a7'),
      post(`${BLOG}/2024/05/%f0%9f%9a%80-fusee-%f0%9f%98%80/`, '%f0%9f%9a%80-fusee-%f0%9f%98%80'),
      post(`${BLOG}/2024/05/%c3%a9t%c3%a9/`, '%c3%a9t%c3%a9'),
      post(`${BLOG}/2024/05/feed/`, 'feed'),
      post(`${BLOG}/2024/05/hiver/`, 'hiver'),
    ]);
    expect(odd).toMatchObject({ structure: '/%year%/%monthnum%/%postname%/', kiosquePattern: '/%year%/%monthnum%/%postname%/', published: 5, mismatches: [] });
  });

  it('reads only published posts: drafts, pages, attachments and menu items have other links', () => {
    const found = detectPermalinkStructure(BLOG, [
      post(`${BLOG}/2024/05/sea/`, 'sea'),
      post(`${BLOG}/?p=12`, '', '0000-00-00 00:00:00', { status: 'draft' }),
      post(`${BLOG}/?p=14`, 'soldes', '2030-06-26 07:00:00', { status: 'future' }),
      post(`${BLOG}/a-propos/`, 'a-propos', undefined, { postType: 'page' }),
      post(`${BLOG}/2024/05/sea/image/`, 'image', undefined, { postType: 'attachment', status: 'inherit' }),
    ]);
    expect(found).toMatchObject({ structure: '/%year%/%monthnum%/%postname%/', kiosquePattern: '/%year%/%monthnum%/%postname%/', published: 1 });
  });

  it('finds nothing to keep in a blog without a published post', () => {
    expect(detectPermalinkStructure(BLOG, [])).toMatchObject({ structure: undefined, kiosquePattern: undefined, published: 0 });
  });

  it('finds no structure in links made of text alone (posts moved by hand)', () => {
    const found = detectPermalinkStructure(BLOG, [post(`${BLOG}/un/`, 'ovh'), post(`${BLOG}/deux/`, 'sea')]);
    expect(found).toMatchObject({ structure: undefined, kiosquePattern: undefined });
    expect(found.mismatches).toHaveLength(2);
  });
});

function input(overrides: Partial<LegacyAddressesInput> = {}): LegacyAddressesInput {
  return {
    site: { blogUrl: BLOG, locale: 'fr' },
    posts: [
      { wpId: 10, postType: 'post', link: `${BLOG}/2024/05/ovh-incendie/`, newPath: '/ovh-incendie/' },
      { wpId: 17, postType: 'post', link: `${BLOG}/2024/05/sea/`, newPath: '/2024/05/sea/' },
      { wpId: 12, postType: 'post', link: `${BLOG}/?p=12`, newPath: undefined },
      { wpId: 15, postType: 'page', link: `${BLOG}/a-propos/`, newPath: '/a-propos/' },
      { wpId: 16, postType: 'page', link: `${BLOG}/a-propos/equipe/`, newPath: '/equipe/' },
    ],
    terms: [
      { wpId: 3, taxonomy: 'category', wpSlug: 'ecommerce', parentSlug: undefined, newSlug: 'ecommerce' },
      { wpId: 4, taxonomy: 'category', wpSlug: 'hebergement', parentSlug: 'ecommerce', newSlug: 'hebergement' },
      { wpId: 9, taxonomy: 'post_tag', wpSlug: 'ovh', parentSlug: undefined, newSlug: 'ovh' },
      { wpId: 14, taxonomy: 'nav_menu', wpSlug: 'menu-principal', parentSlug: undefined, newSlug: undefined },
    ],
    authors: [{ wpId: 2, login: 'julien.dupont', newSlug: 'julien-dupont' }],
    attachments: [
      { wpId: 20, link: `${BLOG}/2024/05/ovh-incendie/incendie-ovh/`, parentId: 10, url: `${BLOG}/wp-content/uploads/2024/05/incendie-ovh.jpg` },
      { wpId: 25, link: `${BLOG}/logo/`, parentId: 0, url: `${BLOG}/wp-content/uploads/2023/01/logo.png` },
      { wpId: 26, link: `${BLOG}/?attachment_id=26`, parentId: 0, url: 'https://cdn.example.net/wp-content/uploads/2023/01/hors-site.png' },
    ],
    mediaUrl: (url) => (url.endsWith('.jpg') || url.endsWith('.png') ? `/media/${url.split('/').pop()}` : undefined),
    ...overrides,
  };
}

function asMap(rules: { from: string; to: string }[]): Record<string, string> {
  return Object.fromEntries(rules.map((rule) => [rule.from, rule.to]));
}

describe('the old addresses of an imported blog', () => {
  const rules = asMap(legacyRedirects(input()));

  it('sends a post or a page whose address changed to its new one, and leaves alone those that kept it', () => {
    expect(rules['/2024/05/ovh-incendie/']).toBe('/ovh-incendie/');
    expect(rules['/a-propos/equipe/']).toBe('/equipe/');
    expect(rules['/2024/05/sea/']).toBeUndefined();
    expect(rules['/a-propos/']).toBeUndefined();
  });

  it('answers WordPress’s query addresses of posts, pages, categories, tags, authors and attachments', () => {
    expect(rules['/?p=10']).toBe('/ovh-incendie/');
    expect(rules['/?p=17']).toBe('/2024/05/sea/');
    expect(rules['/?p=15']).toBe('/a-propos/');
    expect(rules['/?page_id=15']).toBe('/a-propos/');
    expect(rules['/?page_id=10']).toBeUndefined();
    expect(rules['/?cat=4']).toBe('/categorie/hebergement/');
    expect(rules['/?tag=ovh']).toBe('/tag/ovh/');
    expect(rules['/?author=2']).toBe('/auteur/julien-dupont/');
    expect(rules['/?attachment_id=20']).toBe('/ovh-incendie/');
    expect(rules['/?feed=rss2']).toBe('/feed/');
    expect(rules['/?feed=atom']).toBe('/feed/atom/');
  });

  it('sends each page of a post <!--nextpage--> split to the post, with or without a final slash', () => {
    expect(pageCount('<p>Un</p><!--nextpage--><p>Deux</p><!-- wp:nextpage --><!--nextpage--><!-- /wp:nextpage --><p>Trois</p>')).toBe(3);
    expect(pageCount('<p>Un</p><!--more--><p>Deux</p>')).toBe(1);
    const paged = asMap(
      legacyRedirects(
        input({
          posts: [
            { wpId: 10, postType: 'post', link: `${BLOG}/2024/05/ovh-incendie/`, newPath: '/2024/05/ovh-incendie/', pages: 3 },
            { wpId: 12, postType: 'post', link: `${BLOG}/archives/12`, newPath: '/sea/', pages: 2 },
          ],
        }),
      ),
    );
    expect(paged['/2024/05/ovh-incendie/2/']).toBe('/2024/05/ovh-incendie/');
    expect(paged['/2024/05/ovh-incendie/3/']).toBe('/2024/05/ovh-incendie/');
    expect(paged['/2024/05/ovh-incendie/4/']).toBeUndefined();
    expect(paged['/archives/12/2']).toBe('/sea/');
  });

  it('leaves out what readers cannot see: a draft has no old address to keep', () => {
    expect(rules['/?p=12']).toBeUndefined();
  });

  it('sends category addresses, nested or not, and tag and author addresses to the site’s archives and their feeds', () => {
    expect(rules['/category/ecommerce/']).toBe('/categorie/ecommerce/');
    expect(rules['/category/ecommerce/hebergement/']).toBe('/categorie/hebergement/');
    expect(rules['/category/hebergement/']).toBe('/categorie/hebergement/');
    expect(rules['/category/ecommerce/feed/']).toBe('/categorie/ecommerce/feed/');
    expect(rules['/category/ecommerce/hebergement/feed/']).toBe('/categorie/hebergement/feed/');
    // Every page of an archive, in one pattern each.
    expect(rules['/category/ecommerce/page/*/']).toBe('/categorie/ecommerce/page/$1/');
    expect(rules['/category/ecommerce/hebergement/page/*/']).toBe('/categorie/hebergement/page/$1/');
    expect(rules['/category/hebergement/page/*/']).toBe('/categorie/hebergement/page/$1/');
    expect(rules['/tag/ovh/page/*/']).toBeUndefined();
    expect(rules['/author/julien-dupont/page/*/']).toBe('/auteur/julien-dupont/page/$1/');
    expect(rules['/tag/ovh/']).toBeUndefined();
    expect(rules['/tag/ovh/feed/']).toBeUndefined();
    expect(rules['/author/julien-dupont/']).toBe('/auteur/julien-dupont/');
    expect(rules['/author/julien-dupont/feed/']).toBe('/auteur/julien-dupont/feed/');
    expect(Object.keys(rules).some((from) => from.includes('menu-principal'))).toBe(false);
  });

  it('on an English site, leaves /category/<slug>/ alone (it is the archive’s address) but not the nested one', () => {
    const english = asMap(legacyRedirects(input({ site: { blogUrl: BLOG, locale: 'en' } })));
    expect(english['/category/ecommerce/']).toBeUndefined();
    expect(english['/category/ecommerce/hebergement/']).toBe('/category/hebergement/');
    expect(english['/author/julien-dupont/']).toBeUndefined();
    expect(english['/?cat=3']).toBe('/category/ecommerce/');
    expect(english['/category/ecommerce/page/*/']).toBeUndefined();
    expect(english['/category/ecommerce/hebergement/page/*/']).toBe('/category/hebergement/page/$1/');
  });

  it('sends a renamed tag or author to its new archive', () => {
    const renamed = asMap(
      legacyRedirects(
        input({
          terms: [{ wpId: 9, taxonomy: 'post_tag', wpSlug: 'ovh-cloud', parentSlug: undefined, newSlug: 'ovh' }],
          authors: [{ wpId: 1, login: 'Claire', newSlug: 'claire-martin' }],
        }),
      ),
    );
    expect(renamed['/tag/ovh-cloud/']).toBe('/tag/ovh/');
    expect(renamed['/tag/ovh-cloud/feed/']).toBe('/tag/ovh/feed/');
    expect(renamed['/?tag=ovh-cloud']).toBe('/tag/ovh/');
    expect(renamed['/author/claire/']).toBe('/auteur/claire-martin/');
    expect(renamed['/?author=1']).toBe('/auteur/claire-martin/');
  });

  it('sends a post’s comment feed to the site’s feed, the nearest one a feed reader can follow', () => {
    expect(rules['/2024/05/ovh-incendie/feed/']).toBe('/feed/');
    expect(rules['/2024/05/sea/feed/']).toBe('/feed/');
    expect(rules['/feed/rss2/']).toBe('/feed/');
    expect(rules['/feed/']).toBeUndefined();
  });

  it('sends the blog’s comments feed to the site’s feed too', () => {
    expect(rules['/comments/feed/']).toBe('/feed/');
    expect(rules['/?feed=comments-rss2']).toBe('/feed/');
  });

  it('sends an attachment page to its post, else to the imported file, and an uploaded file to the imported one', () => {
    expect(rules['/2024/05/ovh-incendie/incendie-ovh/']).toBe('/ovh-incendie/');
    expect(rules['/logo/']).toBe('/media/logo.png');
    expect(rules['/?attachment_id=25']).toBe('/media/logo.png');
    expect(rules['/wp-content/uploads/2024/05/incendie-ovh.jpg']).toBe('/media/incendie-ovh.jpg');
    expect(rules['/wp-content/uploads/2023/01/logo.png']).toBe('/media/logo.png');
    // A file on another host never reaches this site.
    expect(Object.keys(rules).some((from) => from.includes('hors-site'))).toBe(false);
  });

  it('sends a resized copy the content showed to the imported original, though no attachment listed that size', () => {
    const shown = asMap(
      legacyRedirects(
        input({
          resizedReferences: [`${BLOG}/wp-content/uploads/2024/05/incendie-ovh-1024x768.jpg`, `${BLOG}/wp-content/uploads/2022/02/absent-300x200.jpg`],
          mediaUrl: (url) => (url.endsWith('/incendie-ovh.jpg') ? '/media/incendie-ovh.jpg' : undefined),
        }),
      ),
    );
    expect(shown['/wp-content/uploads/2024/05/incendie-ovh-1024x768.jpg']).toBe('/media/incendie-ovh.jpg');
    // Neither it nor its original imported: the old address stays in the report, not in a rule.
    expect(shown['/wp-content/uploads/2022/02/absent-300x200.jpg']).toBeUndefined();
  });

  it('keeps an uploaded file that was not imported out of the rules (its old address is listed in the report instead)', () => {
    const withoutMedia = asMap(legacyRedirects(input({ mediaUrl: undefined })));
    expect(Object.keys(withoutMedia).some((from) => from.startsWith('/wp-content/'))).toBe(false);
    expect(withoutMedia['/2024/05/ovh-incendie/incendie-ovh/']).toBe('/ovh-incendie/');
    expect(withoutMedia['/logo/']).toBeUndefined();
  });

  it('keeps the folder of a blog installed in one in every old address, and sends its home to the site’s', () => {
    const folder = asMap(
      legacyRedirects(
        input({
          site: { blogUrl: `${BLOG}/blog`, locale: 'fr' },
          posts: [{ wpId: 10, postType: 'post', link: `${BLOG}/blog/2024/05/ovh-incendie/`, newPath: '/2024/05/ovh-incendie/' }],
        }),
      ),
    );
    expect(folder['/blog/2024/05/ovh-incendie/']).toBe('/2024/05/ovh-incendie/');
    expect(folder['/blog/?p=10']).toBe('/2024/05/ovh-incendie/');
    expect(folder['/blog/category/ecommerce/']).toBe('/categorie/ecommerce/');
    expect(folder['/blog/feed/']).toBe('/feed/');
    expect(folder['/blog/']).toBe('/');
  });

  it('never redirects away from an address something imported now lives at, and lists each address once', () => {
    const crossed = legacyRedirects(
      input({
        posts: [
          { wpId: 10, postType: 'post', link: `${BLOG}/ovh/`, newPath: '/2024/05/ovh/' },
          { wpId: 15, postType: 'page', link: `${BLOG}/pages/ovh/`, newPath: '/ovh/' },
        ],
      }),
    );
    expect(asMap(crossed)['/ovh/']).toBeUndefined();
    expect(asMap(crossed)['/pages/ovh/']).toBe('/ovh/');
    expect(new Set(crossed.map((rule) => rule.from)).size).toBe(crossed.length);
  });

  it('says in the rule’s note what the address stood for on WordPress', () => {
    const notes = Object.fromEntries(legacyRedirects(input()).map((rule) => [rule.from, rule.note]));
    expect(notes['/?p=10']).toBe('WordPress post 10');
    expect(notes['/category/ecommerce/']).toBe('WordPress category ecommerce');
    expect(notes['/wp-content/uploads/2023/01/logo.png']).toBe('WordPress attachment 25');
  });
});

describe('the addresses a post had under its former slugs (_wp_old_slug)', () => {
  const blog = new OldBlog(BLOG);

  it('are its link with each former slug in place of its slug, under any structure that names the slug', () => {
    expect(oldSlugPaths({ link: `${BLOG}/2024/05/ovh-incendie/`, slug: 'ovh-incendie', oldSlugs: ['ovh-sbg2', 'incendie-ovh'] }, blog)).toEqual(['/2024/05/ovh-sbg2/', '/2024/05/incendie-ovh/']);
    expect(oldSlugPaths({ link: `${BLOG}/ovh-incendie`, slug: 'ovh-incendie', oldSlugs: ['ovh-sbg2'] }, blog)).toEqual(['/ovh-sbg2']);
    // The slug is the last segment that is it, a category of the same name aside.
    expect(oldSlugPaths({ link: `${BLOG}/ovh/ovh/`, slug: 'ovh', oldSlugs: ['ovh-sbg2'] }, blog)).toEqual(['/ovh/ovh-sbg2/']);
    expect(oldSlugPaths({ link: `${BLOG}/blog/2024/05/%c3%a9t%c3%a9/`, slug: '%c3%a9t%c3%a9', oldSlugs: ['%c3%a9t%c3%a9-2024'] }, new OldBlog(`${BLOG}/blog`))).toEqual(['/blog/2024/05/%c3%a9t%c3%a9-2024/']);
  });

  it('are none where the link does not name the slug, nor for the slug itself or one that is no slug', () => {
    expect(oldSlugPaths({ link: `${BLOG}/?p=12`, slug: 'ovh-incendie', oldSlugs: ['ovh-sbg2'] }, blog)).toEqual([]);
    expect(oldSlugPaths({ link: `${BLOG}/archives/12`, slug: 'ovh-incendie', oldSlugs: ['ovh-sbg2'] }, blog)).toEqual([]);
    expect(oldSlugPaths({ link: 'https://ailleurs.example/2024/05/ovh-incendie/', slug: 'ovh-incendie', oldSlugs: ['ovh-sbg2'] }, blog)).toEqual([]);
    expect(oldSlugPaths({ link: `${BLOG}/2024/05/ovh-incendie/`, slug: 'ovh-incendie', oldSlugs: ['OVH-Incendie', 'a/b', 'x?y', 'deux mots'] }, blog)).toEqual([]);
  });

  it('answer a 301 to the post with their comment feeds, after its other addresses, and never where something imported lives', () => {
    const rules = legacyRedirects(
      input({
        posts: [
          { wpId: 10, postType: 'post', link: `${BLOG}/2024/05/ovh-incendie/`, newPath: '/2024/05/ovh-incendie/', oldPaths: ['/2024/05/ovh-sbg2/', '/2024/05/sea/'] },
          { wpId: 17, postType: 'post', link: `${BLOG}/2024/05/sea/`, newPath: '/2024/05/sea/' },
          { wpId: 18, postType: 'post', link: `${BLOG}/2024/05/brouillon/`, newPath: undefined, oldPaths: ['/2024/05/ancien-brouillon/'] },
        ],
      }),
    );
    const found = asMap(rules);
    expect(found['/2024/05/ovh-sbg2/']).toBe('/2024/05/ovh-incendie/');
    expect(found['/2024/05/ovh-sbg2/feed/']).toBe('/feed/');
    expect(rules.find((rule) => rule.from === '/2024/05/ovh-sbg2/')?.note).toBe('WordPress post 10 old slug');
    // Post 17 lives at the address its former slug gives post 10, and its comment feed stays its own.
    expect(found['/2024/05/sea/']).toBeUndefined();
    expect(rules.find((rule) => rule.from === '/2024/05/sea/feed/')?.note).toBe('WordPress post 17 feed');
    expect(found['/2024/05/ancien-brouillon/']).toBeUndefined();
  });
});

describe('the addresses of the French test blog (a WordPress 6 export)', () => {
  const fixture = fileURLToPath(new URL('../../../test/fixtures/wordpress/blog-fr.xml', import.meta.url));

  async function read() {
    const items: WxrItem[] = [];
    const terms: WxrTerm[] = [];
    const authors: WxrAuthor[] = [];
    let blogUrl = '';
    for await (const entry of readWxr(fixture)) {
      if (entry.kind === 'site') blogUrl = entry.site.baseBlogUrl;
      else if (entry.kind === 'item') items.push(entry.item);
      else if (entry.kind === 'term') terms.push(entry.term);
      else if (entry.kind === 'author') authors.push(entry.author);
    }
    return { blogUrl, items, terms, authors };
  }

  it('finds /%year%/%monthnum%/%postname%/ and keeps it: every published post keeps its address', async () => {
    const { blogUrl, items, terms } = await read();
    const found = detectPermalinkStructure(blogUrl, items, terms);
    expect(found).toMatchObject({ structure: '/%year%/%monthnum%/%postname%/', basePath: '', kiosquePattern: '/%year%/%monthnum%/%postname%/', mismatches: [] });
    expect(found.published).toBe(items.filter((item) => item.postType === 'post' && item.status === 'publish').length);
  });

  it('leaves 301s for the rest: query addresses, pages under a parent, nested categories, authors, attachment pages and every uploaded size', async () => {
    const { blogUrl, items, terms, authors } = await read();
    const publicPost = (item: WxrItem) => item.status === 'publish' && (item.postType === 'post' || item.postType === 'page');
    const rules = asMap(
      legacyRedirects({
        site: { blogUrl, locale: 'fr' },
        // As the importer gives them with the pattern kept: a post's address is its old one, a page lives at /<slug>/.
        posts: items
          .filter((item) => item.postType === 'post' || item.postType === 'page')
          .map((item) => ({ wpId: item.id, postType: item.postType, link: item.link, newPath: publicPost(item) ? (item.postType === 'page' ? `/${item.slug}/` : new URL(item.link).pathname) : undefined })),
        terms: terms.map((term) => ({ wpId: term.id, taxonomy: term.taxonomy, wpSlug: term.slug, parentSlug: term.parentSlug, newSlug: term.slug })),
        authors: authors.map((author) => ({ wpId: author.id, login: author.login, newSlug: author.login.replace('.', '-') })),
        attachments: items.filter((item) => item.postType === 'attachment').map((item) => ({ wpId: item.id, link: item.link, parentId: item.parentId, url: item.attachmentUrl, resizedCopies: resizedCopies(item.meta._wp_attachment_metadata) })),
        mediaUrl: (url) => '/media/' + url.split('/wp-content/uploads/')[1],
      }),
    );
    expect(rules['/2024/05/ovh-on-vous-habitue-aux-incidents/']).toBeUndefined();
    expect(rules['/?p=10']).toBe('/2024/05/ovh-on-vous-habitue-aux-incidents/');
    expect(rules['/?page_id=16']).toBe('/equipe/');
    expect(rules['/a-propos/equipe/']).toBe('/equipe/');
    expect(rules['/?p=12']).toBeUndefined();
    expect(rules['/2024/05/notes-internes-audit-hebergement/']).toBeUndefined();
    expect(rules['/category/ecommerce/hebergement/']).toBe('/categorie/hebergement/');
    expect(rules['/category/seo-sea/google-ads/feed/']).toBe('/categorie/google-ads/feed/');
    expect(rules['/?cat=4']).toBe('/categorie/hebergement/');
    expect(rules['/author/julien-dupont/']).toBe('/auteur/julien-dupont/');
    expect(rules['/2024/05/ovh-on-vous-habitue-aux-incidents/incendie-ovh/']).toBe('/2024/05/ovh-on-vous-habitue-aux-incidents/');
    expect(rules['/?attachment_id=23']).toBe('/2024/05/creation-demplois-ecommerce-ou-retail/');
    expect(rules['/wp-content/uploads/2024/05/incendie-ovh.jpg']).toBe('/media/2024/05/incendie-ovh.jpg');
    expect(rules['/wp-content/uploads/2024/05/incendie-ovh-300x200.jpg']).toBe('/media/2024/05/incendie-ovh.jpg');
    expect(rules['/wp-content/uploads/2024/05/incendie-ovh-150x150.jpg']).toBe('/media/2024/05/incendie-ovh.jpg');
    // A navigation menu's items have links, but no address of their own to keep.
    expect(rules['/2024/01/08/30/']).toBeUndefined();
  });
});

describe('the resized copies of an uploaded image', () => {
  it('are read from its attachment metadata, with the original of a scaled-down upload', () => {
    const metadata =
      'a:5:{s:5:"width";i:2560;s:6:"height";i:1707;s:4:"file";s:27:"2024/05/photo-scaled.jpg";s:5:"sizes";a:2:{s:6:"medium";a:4:{s:4:"file";s:21:"photo-300x200.jpg";s:5:"width";i:300;}s:5:"large";a:4:{s:4:"file";s:22:"photo-1024x683.jpg";s:5:"width";i:1024;}}s:14:"original_image";s:9:"photo.jpg";}';
    expect(resizedCopies(metadata)).toEqual(['photo-300x200.jpg', 'photo-1024x683.jpg', 'photo.jpg']);
    expect(resizedCopies(undefined)).toEqual([]);
    expect(resizedCopies('a:0:{}')).toEqual([]);
  });
});

describe('the date archives of a blog', () => {
  it('are the years, months and days on which a post was published, in the blog’s folder', () => {
    const archives = new DateArchives();
    archives.addItem(post(`${BLOG}/blog/2024/05/a/`, 'a', '2024-05-14 09:30:00'));
    archives.addItem(post(`${BLOG}/blog/2024/05/b/`, 'b', '2024-05-14 18:00:00'));
    archives.addItem(post(`${BLOG}/blog/2023/12/c/`, 'c', '2023-12-31 23:59:00'));
    // Neither a draft, nor a page, nor a post with no date makes one.
    archives.addItem(post(`${BLOG}/blog/?p=1`, 'd', '2022-01-01 10:00:00', { status: 'draft' }));
    archives.addItem(post(`${BLOG}/blog/e/`, 'e', '2021-01-01 10:00:00', { postType: 'page' }));
    archives.addItem(post(`${BLOG}/blog/?p=2`, 'f', '0000-00-00 00:00:00'));
    expect(archives.paths(new OldBlog(`${BLOG}/blog`))).toEqual(['/blog/2023/', '/blog/2024/', '/blog/2023/12/', '/blog/2024/05/', '/blog/2023/12/31/', '/blog/2024/05/14/']);
  });
});
