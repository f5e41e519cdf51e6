import { parseVideoUrl, type VideoLink } from '../../content/markdown/markdown.embeds.ts';

/** Files a link may point to that are media to import rather than pages. */
const MEDIA_FILE = /\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|pdf|mp3|m4a|ogg|oga|wav|flac|mp4|m4v|webm|ogv|mov|avi|wmv|doc|docx|odt|xls|xlsx|ods|ppt|pptx|odp|csv|txt|rtf|zip|epub)$/i;
const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|avif|svg|bmp)$/i;
// WordPress names the smaller copies it makes of an upload "<name>-<width>x<height>.<ext>".
const SIZE_SUFFIX = /-\d{1,5}x\d{1,5}(\.[A-Za-z0-9]+)$/;
const WEB_ADDRESS = /^https?:\/\/[^\s/?#]/i;
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:', 'ftp:']);

/**
 * The original upload a resized copy was made from: `photo-300x200.jpg` → `photo.jpg` (query
 * and fragment kept). The address is returned unchanged when it has no size suffix.
 */
export function originalMediaUrl(url: string): string {
  const end = url.search(/[?#]/);
  const path = end === -1 ? url : url.slice(0, end);
  const stripped = path.replace(SIZE_SUFFIX, '$1');
  return stripped === path ? url : stripped + (end === -1 ? '' : url.slice(end));
}

/** Makes an address absolute against the old blog's address (protocol-relative ones get https). */
export function absoluteUrl(url: string, siteUrl: string | undefined): string {
  const trimmed = url.trim();
  if (trimmed.startsWith('//')) return `https:${trimmed}`;
  if (!siteUrl || !WEB_ADDRESS.test(siteUrl) || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('#')) return trimmed;
  try {
    return new URL(trimmed, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href;
  } catch {
    return trimmed;
  }
}

/** Whether a link's target is a file of the media library (an upload) rather than a page. */
export function isMediaLink(url: string, siteUrl: string | undefined): boolean {
  const path = pathOf(url);
  if (path === undefined) return false;
  if (path.includes('/wp-content/uploads/')) return true;
  return MEDIA_FILE.test(path) && isOwnUrl(url, siteUrl);
}

export function isImageUrl(url: string): boolean {
  const path = pathOf(url);
  return path !== undefined && IMAGE_FILE.test(path);
}

/** Whether the address is on the old blog itself (same host, with or without "www."). */
export function isOwnUrl(url: string, siteUrl: string | undefined): boolean {
  if (url.startsWith('/') && !url.startsWith('//')) return true;
  if (!siteUrl) return false;
  const host = hostOf(url);
  return host !== undefined && host === hostOf(siteUrl);
}

/**
 * The old blog's own pages are linked by path (`/2024/05/mon-article/`, `/?p=12`), so the new
 * site's redirects answer them whatever its domain; other addresses are kept as written.
 */
export function localLink(url: string, siteUrl: string | undefined): string {
  if (!siteUrl || !isOwnUrl(url, siteUrl) || url.startsWith('/')) return url;
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return url;
  }
}

/** A link target a reader may follow: no `javascript:`, `data:`, `vbscript:` or unknown schemes. */
export function isSafeHref(url: string): boolean {
  // Browsers ignore control characters and spaces in a scheme ("java\tscript:").
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(compact)?.[1]?.toLowerCase();
  return scheme === undefined || SAFE_SCHEMES.has(scheme);
}

/**
 * The video an embed or iframe shows, when it is on a provider the site embeds. Player addresses
 * WordPress stores ("//www.youtube.com/embed/ID?feature=oembed", Dailymotion's "/embed/video/ID")
 * are read too.
 */
export function videoOf(url: string): VideoLink | undefined {
  const absolute = url.trim().startsWith('//') ? `https:${url.trim()}` : url.trim();
  // A failed URL parse throws, and throwing costs more than the whole conversion of a paragraph.
  if (!WEB_ADDRESS.test(absolute)) return undefined;
  return parseVideoUrl(absolute.replace(/(dailymotion\.com)\/embed\/video\//i, '$1/video/'));
}


function pathOf(url: string): string | undefined {
  try {
    return new URL(url, 'http://relative.invalid').pathname;
  } catch {
    return undefined;
  }
}

function hostOf(url: string): string | undefined {
  if (!WEB_ADDRESS.test(url)) return undefined;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}
