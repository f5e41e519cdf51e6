import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderPerTest } from './markdown.fixtures.ts';
import { hugoAddress, readHugoSite, type HugoSite } from './markdown.hugo.ts';

const folder = folderPerTest();

const DEFAULTS: HugoSite = { contentPrefix: 'content/', permalinks: new Map(), lowerCase: true, uglyUrls: false };
const page = (relativeFile: string, slug?: string, date?: string) => ({ relativeFile, slug, date, timeZone: 'Europe/Paris' });

describe('Hugo addresses', () => {
  it('are the page’s folders and its slug or file name by default, in lower case', () => {
    expect(hugoAddress(DEFAULTS, page('content/posts/Mon-Article.md'))).toBe('/posts/mon-article/');
    expect(hugoAddress(DEFAULTS, page('content/posts/mon-article.md', 'autre-nom'))).toBe('/posts/autre-nom/');
    expect(hugoAddress(DEFAULTS, page('content/posts/2024/bilan/index.md'))).toBe('/posts/2024/bilan/');
    expect(hugoAddress(DEFAULTS, page('content/a-propos.md'))).toBe('/a-propos/');
    expect(hugoAddress({ ...DEFAULTS, lowerCase: false }, page('content/posts/Mon-Article.md'))).toBe('/posts/Mon-Article/');
    expect(hugoAddress({ ...DEFAULTS, contentPrefix: '' }, page('posts/x.md'))).toBe('/posts/x/');
    expect(hugoAddress(DEFAULTS, page('drafts/x.md'))).toBeUndefined();
  });

  it('follow the section’s permalink pattern, in the site’s time zone', () => {
    const site = { ...DEFAULTS, permalinks: new Map([['posts', '/:year/:month/:slugorfilename/'], ['notes', ':sections/:filename']]) };
    expect(hugoAddress(site, page('content/posts/fevad.md', undefined, '2024-02-29T23:30:00.000Z'))).toBe('/2024/03/fevad/');
    expect(hugoAddress(site, page('content/notes/2024/breve.md'))).toBe('/notes/2024/breve/');
    expect(hugoAddress(site, page('content/pages/contact.md'))).toBe('/pages/contact/');
  });

  it('are not guessed where Hugo’s own rules would decide: :title, :slug without a slug, uglyURLs, a date missing', () => {
    const site = { ...DEFAULTS, permalinks: new Map([['posts', '/:slug/'], ['news', '/:title/'], ['dated', '/:year/:filename/']]) };
    expect(hugoAddress(site, page('content/posts/x.md', 'mon-slug'))).toBe('/mon-slug/');
    expect(hugoAddress(site, page('content/posts/x.md'))).toBeUndefined();
    expect(hugoAddress(site, page('content/news/x.md'))).toBeUndefined();
    expect(hugoAddress(site, page('content/dated/x.md'))).toBeUndefined();
    expect(hugoAddress({ ...DEFAULTS, uglyUrls: true }, page('content/posts/x.md'))).toBeUndefined();
  });

  it('read the site’s configuration at its root, in config/_default, or beside the content folder imported', () => {
    const toml = folder({ 'hugo.toml': 'title = "Blog"\ntimezone = "Asia/Tokyo"\ndisablePathToLower = true\n[permalinks]\n  Posts = "/:year/:slug/"\n', 'content/posts/a.md': '' });
    expect(readHugoSite(toml)).toEqual({ contentPrefix: 'content/', permalinks: new Map([['posts', '/:year/:slug/']]), lowerCase: false, uglyUrls: false, timeZone: 'Asia/Tokyo' });
    const yaml = folder({ 'config/_default/hugo.yaml': 'uglyURLs: true\npermalinks:\n  page:\n    posts: /:filename/\n', 'content/posts/a.md': '' });
    expect(readHugoSite(yaml)).toEqual({ contentPrefix: 'content/', permalinks: new Map([['posts', '/:filename/']]), lowerCase: true, uglyUrls: true });
    const inner = folder({ 'config.json': '{}', 'content/posts/a.md': '' });
    expect(readHugoSite(path.join(inner, 'content'))).toEqual({ contentPrefix: '', permalinks: new Map(), lowerCase: true, uglyUrls: false });
  });

  it('are none for a folder that is no Hugo site, or whose configuration cannot be read', () => {
    expect(readHugoSite(folder({ 'content/posts/a.md': '' }))).toBeUndefined();
    expect(readHugoSite(folder({ 'hugo.toml': 'title = "Blog"' }))).toBeUndefined();
    expect(readHugoSite(folder({ 'hugo.toml': 'title = ', 'content/a.md': '' }))).toBeUndefined();
  });
});
