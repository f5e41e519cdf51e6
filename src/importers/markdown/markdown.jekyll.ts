import { wallClock } from '../../lib/time-zones.ts';
import { configTimeZone, readSiteConfig } from './markdown.site-config.ts';

/**
 * Where a Jekyll site served its posts, so that an imported post's old address leads to it: the
 * site's `permalink` (a pattern, or one of Jekyll's styles, `date` when none is set), filled in as
 * Jekyll fills it: `:categories` are the folders above `_posts` then the front matter's
 * categories, in lower case, joined by `/` (none: the double slash closes up); `:title` the file
 * name without its date, or the `slug`.
 *
 * Only what can be known for sure is guessed: a token this does not read, a name or category
 * Jekyll would have to escape or slugify (spaces, accents), a pattern that names no file, give no
 * address, and the post only has the ones its front matter names.
 */

export interface JekyllSite {
  permalink: string;
  /** `timezone`: the zone Jekyll read dates without an offset in, and filled addresses with. */
  timeZone?: string | undefined;
}

const CONFIG_FILES = ['_config.yml', '_config.yaml', '_config.toml'];

const STYLES: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

/** The Jekyll site the imported folder is (a `_config.yml` at its root), or undefined. */
export function readJekyllSite(importDir: string): JekyllSite | undefined {
  const config = readSiteConfig([importDir], CONFIG_FILES);
  if (!config) return undefined;
  const timeZone = configTimeZone(config.timezone);
  const written = config.permalink;
  if (written === undefined || written === null) return { permalink: STYLES.date!, timeZone };
  if (typeof written !== 'string') return undefined;
  return { permalink: STYLES[written] ?? written, timeZone };
}

export interface JekyllPost {
  /** Path of the file inside the imported folder, with forward slashes. */
  relativeFile: string;
  /** The file name without its date and extension (`2024-03-15-my-post.md` → `my-post`). */
  name: string;
  slug: string | undefined;
  categories: readonly string[];
  date: string | undefined;
  timeZone: string;
}

// What Jekyll writes into an address unchanged: no escaping, no slugifying.
const PLAIN = /^[A-Za-z0-9._~-]+$/;

/** The address Jekyll served the post at, when it can be told for sure (see above). */
export function jekyllAddress(site: JekyllSite, post: JekyllPost): string | undefined {
  const folders = post.relativeFile.split('/').slice(0, -1);
  const postsAt = folders.indexOf('_posts');
  if (postsAt < 0 || post.date === undefined) return undefined;
  const categories = [...new Set([...folders.slice(0, postsAt), ...post.categories].map((category) => category.toLowerCase()))];
  const title = post.slug ?? post.name;
  if (!PLAIN.test(title) || !categories.every((category) => PLAIN.test(category))) return undefined;
  const clock = wallClock(Date.parse(post.date), post.timeZone);
  const two = (value: number) => String(value).padStart(2, '0');
  const dayOfYear = Math.round((Date.UTC(clock.year, clock.month - 1, clock.day) - Date.UTC(clock.year, 0, 1)) / 86_400_000) + 1;
  const values: Record<string, string> = {
    categories: categories.join('/'),
    year: String(clock.year),
    short_year: two(clock.year % 100),
    month: two(clock.month),
    i_month: String(clock.month),
    day: two(clock.day),
    i_day: String(clock.day),
    y_day: String(dayOfYear).padStart(3, '0'),
    title,
    // Jekyll's default slugify: lower case, each run of anything but letters and digits one
    // hyphen, none at either end.
    slug: title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
    output_ext: '.html',
  };
  let known = true;
  const filled = site.permalink.replace(/:([a-z_]+)/g, (token, name: string) => {
    const value = values[name];
    if (value === undefined) known = false;
    return value ?? token;
  });
  if (!known) return undefined;
  const address = `/${filled}`.replace(/\/{2,}/g, '/');
  return address.endsWith('/') || address.endsWith('.html') ? address : undefined;
}
