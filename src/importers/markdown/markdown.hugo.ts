import fs from 'node:fs';
import path from 'node:path';
import { wallClock } from '../../lib/time-zones.ts';
import { configTimeZone, isRecord, readSiteConfig } from './markdown.site-config.ts';

/**
 * Where a Hugo site served its pages, so that an imported post's old address leads to it: the
 * section's pattern from the site's `permalinks`, else Hugo's default, the page's folders under
 * `content/` and its slug or file name (`content/posts/my-post.md` → `/posts/my-post/`), in lower
 * case as Hugo writes them unless `disablePathToLower` says otherwise.
 *
 * Only what can be known for sure is guessed: a pattern with a token this does not read (`:title`,
 * which Hugo writes through its own rules, `:slug` for a page without one), or a site with
 * `uglyURLs`, gives no address, and the post only has the ones its front matter names.
 */

export interface HugoSite {
  /** The content folder's path inside the imported folder: `content/`, or '' when the folder is `content/` itself. */
  contentPrefix: string;
  /** Patterns by section, as `[permalinks]` or `[permalinks.page]` give them. */
  permalinks: ReadonlyMap<string, string>;
  lowerCase: boolean;
  uglyUrls: boolean;
  /** `timeZone`: the zone Hugo read dates without an offset in. */
  timeZone?: string | undefined;
}

const CONFIG_FILES = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json'];

/**
 * The Hugo site the imported folder is, or holds (a `content/` beside a configuration file), or is
 * the `content/` of; undefined for any other folder, or a configuration that cannot be read.
 */
export function readHugoSite(importDir: string): HugoSite | undefined {
  const root = path.resolve(importDir);
  if (isFolder(path.join(root, 'content'))) {
    const config = readConfig(root);
    if (config) return site(config, 'content/');
  }
  if (path.basename(root) === 'content') {
    const config = readConfig(path.dirname(root));
    if (config) return site(config, '');
  }
  return undefined;
}

function site(config: Record<string, unknown>, contentPrefix: string): HugoSite {
  // Hugo reads its settings whatever their case.
  const setting = (name: string) => Object.entries(config).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  const permalinks = new Map<string, string>();
  const table = setting('permalinks');
  if (isRecord(table)) {
    const pages = Object.entries(table).find(([key]) => key.toLowerCase() === 'page')?.[1];
    for (const [section, pattern] of Object.entries(isRecord(pages) ? pages : table)) {
      if (typeof pattern === 'string') permalinks.set(section.toLowerCase(), pattern);
    }
  }
  return {
    contentPrefix,
    permalinks,
    lowerCase: setting('disablePathToLower') !== true,
    uglyUrls: setting('uglyURLs') === true,
    timeZone: configTimeZone(setting('timeZone')),
  };
}

function readConfig(root: string): Record<string, unknown> | undefined {
  return readSiteConfig([root, path.join(root, 'config', '_default')], CONFIG_FILES);
}

export interface HugoPage {
  /** Path of the file inside the imported folder, with forward slashes. */
  relativeFile: string;
  /** The front matter's `slug`, as written. */
  slug: string | undefined;
  /** The page's date (ISO), for the date tokens. */
  date: string | undefined;
  timeZone: string;
}

/** The address Hugo served the page at, when it can be told for sure (see above). */
export function hugoAddress(site: HugoSite, page: HugoPage): string | undefined {
  if (site.uglyUrls || !page.relativeFile.startsWith(site.contentPrefix)) return undefined;
  const folders = page.relativeFile.slice(site.contentPrefix.length).split('/');
  let file = folders.pop()!.replace(/\.(md|markdown)$/i, '');
  // A leaf bundle, `posts/my-post/index.md`, is the page of its folder.
  if (file === 'index') {
    if (folders.length === 0) return undefined;
    file = folders.pop()!;
  }
  const section = folders[0];
  const pattern = section === undefined ? undefined : site.permalinks.get(section.toLowerCase());
  const address = pattern === undefined ? `/${[...folders, page.slug ?? file].join('/')}/` : fillPattern(pattern, { folders, file, slug: page.slug, date: page.date, timeZone: page.timeZone });
  if (address === undefined) return undefined;
  const spaced = address.replace(/\s+/g, '-').replace(/\/{2,}/g, '/');
  return site.lowerCase ? spaced.toLowerCase() : spaced;
}

function fillPattern(pattern: string, page: { folders: string[]; file: string; slug: string | undefined; date: string | undefined; timeZone: string }): string | undefined {
  const clock = page.date === undefined ? undefined : wallClock(Date.parse(page.date), page.timeZone);
  const two = (value: number) => String(value).padStart(2, '0');
  let known = true;
  const filled = pattern.replace(/:(\w+)/g, (token, name: string) => {
    const value = ((): string | undefined => {
      switch (name) {
        case 'year':
          return clock && String(clock.year).padStart(4, '0');
        case 'month':
          return clock && two(clock.month);
        case 'day':
          return clock && two(clock.day);
        case 'section':
          return page.folders[0];
        case 'sections':
          return page.folders.join('/');
        case 'slug':
          return page.slug;
        case 'filename':
        case 'contentbasename':
          return page.file;
        case 'slugorfilename':
        case 'slugorcontentbasename':
          return page.slug ?? page.file;
        default:
          return undefined;
      }
    })();
    if (value === undefined) known = false;
    return value ?? token;
  });
  if (!known) return undefined;
  const address = filled.startsWith('/') ? filled : `/${filled}`;
  return address.endsWith('/') || /\.html?$/i.test(address) ? address : `${address}/`;
}

function isFolder(folder: string): boolean {
  try {
    return fs.statSync(folder).isDirectory();
  } catch {
    return false;
  }
}
