/**
 * WordPress's query addresses: `/?p=12`, `/?page_id=3`, `/?cat=5`, `/?tag=seo`, `/?author=2`,
 * `/?attachment_id=45`, `/?feed=rss2` name one thing by a parameter, on the blog's home address.
 * A rule may hold one of them as its "from" address (the only query a rule's address may have), and
 * the reading path looks them up before the page cache, which is keyed by path alone: any other
 * query string (`/?utm_source=x`) is not part of an address and leaves the cached page as it is.
 */

/** The parameters, in the order a request's are read when it has several. */
export const QUERY_ADDRESS_PARAMETERS: readonly string[] = ['p', 'page_id', 'attachment_id', 'cat', 'tag', 'author', 'feed'];

const PARAMETERS: ReadonlySet<string> = new Set(QUERY_ADDRESS_PARAMETERS);
const PARAMETERS_RANK: ReadonlyMap<string, number> = new Map(QUERY_ADDRESS_PARAMETERS.map((name, rank) => [name, rank]));
/** A value as WordPress writes one: an id, a slug (percent-encoded beyond ASCII), a feed's name. */
const VALUE = /^[A-Za-z0-9%_.-]{1,200}$/;
/** The paths they come on: the blog's home (in its folder, if it had one), with or without index.php. */
const HOME = /^\/(?:[^?#*]*\/)?(?:index\.php)?$/;

/** Whether a rule's address is one of WordPress's query addresses, as a rule stores it (`/?p=12`, `/blog/?cat=5`). */
export function isQueryAddress(from: string): boolean {
  const mark = from.indexOf('?');
  if (mark === -1) return false;
  const path = from.slice(0, mark);
  if (!path.endsWith('/') || !HOME.test(path)) return false;
  const [name, value, extra] = from.slice(mark + 1).split('=');
  return extra === undefined && name !== undefined && PARAMETERS.has(name) && value !== undefined && VALUE.test(value);
}

export interface QueryAddress {
  /** The address a rule for this request holds: `/?p=12` (index.php dropped). */
  address: string;
  /** The request's other parameters, passed on to the target (`?utm_source=x`), or ''. */
  rest: string;
}

/**
 * The query address a request's URL names, if any: undefined, at the cost of a character search,
 * for the many requests without a query string, and for any query without one of the parameters.
 */
export function queryAddressOf(url: string): QueryAddress | undefined {
  const mark = url.indexOf('?');
  if (mark === -1) return undefined;
  let path = url.slice(0, mark);
  if (!HOME.test(path) || path.startsWith('/api/')) return undefined;
  const pairs = url.slice(mark + 1).split('&');
  // One pass: the parameter that comes first in QUERY_ADDRESS_PARAMETERS wins.
  let chosen = -1;
  let rank = PARAMETERS_RANK.size;
  for (let index = 0; index < pairs.length; index++) {
    const pair = pairs[index]!;
    const equals = pair.indexOf('=');
    const at = equals === -1 ? undefined : PARAMETERS_RANK.get(pair.slice(0, equals));
    if (at !== undefined && at < rank) {
      chosen = index;
      rank = at;
    }
  }
  if (chosen === -1) return undefined;
  const pair = pairs[chosen]!;
  const value = pair.slice(pair.indexOf('=') + 1);
  if (!VALUE.test(value)) return undefined;
  if (path.endsWith('index.php')) path = path.slice(0, -'index.php'.length);
  const others = pairs.filter((other, at) => at !== chosen && other !== '');
  return { address: `${path}?${pair}`, rest: others.length > 0 ? '?' + others.join('&') : '' };
}

/**
 * WordPress's search address, `/?s=words` on the blog's home (a reader's bookmark, a search
 * engine's search box): the words asked for, decoded, so the site can send the reader to its own
 * search page; undefined for any other URL, at the cost of a character search for most.
 */
export function wordpressSearchOf(url: string): string | undefined {
  const mark = url.indexOf('?');
  if (mark === -1) return undefined;
  const path = url.slice(0, mark);
  if (!HOME.test(path) || path.startsWith('/api/')) return undefined;
  const query = url.slice(mark + 1);
  if (!query.startsWith('s=') && !query.includes('&s=')) return undefined;
  return new URLSearchParams(query).get('s') ?? undefined;
}
