import type { Element } from 'hast';
import { h } from 'hastscript';
import { translator, type Locale, type Translate } from '../../i18n/i18n.ts';

export type VideoProvider = 'youtube' | 'vimeo' | 'dailymotion';

/** A video recognised on a provider we know how to embed, reduced to its validated identifier. */
export interface VideoLink {
  provider: VideoProvider;
  id: string;
  /** Where a YouTube video starts playing, in seconds (`?t=42`, `&t=1m30s`, `?start=42`); absent from the start. */
  start?: number;
}

const PROVIDER_NAMES: Record<VideoProvider, string> = {
  youtube: 'YouTube',
  vimeo: 'Vimeo',
  dailymotion: 'Dailymotion',
};

const VIDEO_IDS: Record<VideoProvider, RegExp> = {
  youtube: /^[A-Za-z0-9_-]{11}$/,
  vimeo: /^\d{1,12}$/,
  dailymotion: /^[A-Za-z0-9]{5,12}$/,
};

/** Recognises YouTube, Vimeo and Dailymotion page, share and player addresses. */
export function parseVideoUrl(address: string): VideoLink | undefined {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.toLowerCase().replace(/^(?:www\.|m\.)/, '');
  const path = url.pathname.split('/').filter(Boolean);
  const candidate = candidateId(host, path, url.searchParams);
  if (!candidate || !VIDEO_IDS[candidate.provider].test(candidate.id)) return undefined;
  const start = candidate.provider === 'youtube' ? startSeconds(url.searchParams.get('t') ?? url.searchParams.get('start')) : undefined;
  return start ? { ...candidate, start } : candidate;
}

// YouTube's start times: "42", "42s", "1m30s", "1h2m3s".
const START_TIME = /^(?:(\d{1,5})h)?(?:(\d{1,5})m)?(?:(\d{1,7})s?)?$/;

function startSeconds(value: string | null): number | undefined {
  const match = value ? START_TIME.exec(value) : null;
  if (!match) return undefined;
  const [, hours = '0', minutes = '0', seconds = '0'] = match;
  const total = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
  return total > 0 ? total : undefined;
}

function candidateId(host: string, path: string[], query: URLSearchParams): VideoLink | undefined {
  const [first, second] = path;
  switch (host) {
    case 'youtube.com':
      if (first === 'watch') return video('youtube', query.get('v'));
      return first === 'embed' && path.length === 2 ? video('youtube', second) : undefined;
    case 'youtube-nocookie.com':
      return first === 'embed' && path.length === 2 ? video('youtube', second) : undefined;
    case 'youtu.be':
      return path.length === 1 ? video('youtube', first) : undefined;
    case 'vimeo.com':
      return path.length === 1 ? video('vimeo', first) : undefined;
    case 'player.vimeo.com':
      return first === 'video' && path.length === 2 ? video('vimeo', second) : undefined;
    case 'dailymotion.com':
      // Old Dailymotion addresses append the title: /video/x7tgad0_le-titre.
      return first === 'video' && path.length === 2 ? video('dailymotion', second?.split('_')[0]) : undefined;
    case 'dai.ly':
      return path.length === 1 ? video('dailymotion', first) : undefined;
    default:
      return undefined;
  }
}

function video(provider: VideoProvider, id: string | null | undefined): VideoLink | undefined {
  return id ? { provider, id } : undefined;
}

/** The player address, loaded only once the reader clicks; autoplay saves them a second click. */
export function playerUrl({ provider, id, start }: VideoLink): string {
  switch (provider) {
    case 'youtube':
      return `https://www.youtube-nocookie.com/embed/${id}?autoplay=1${start ? `&start=${start}` : ''}`;
    case 'vimeo':
      return `https://player.vimeo.com/video/${id}?autoplay=1&dnt=1`;
    case 'dailymotion':
      return `https://www.dailymotion.com/embed/video/${id}?autoplay=1`;
  }
}

/** The provider's own page for the video, for readers who prefer to watch it there (and the address writers paste, kept in Markdown). */
export function videoPageUrl({ provider, id, start }: VideoLink): string {
  switch (provider) {
    case 'youtube':
      return `https://www.youtube.com/watch?v=${id}${start ? `&t=${start}` : ''}`;
    case 'vimeo':
      return `https://vimeo.com/${id}`;
    case 'dailymotion':
      return `https://www.dailymotion.com/video/${id}`;
  }
}

/** What a video without a title from its writer is called ("Vidéo YouTube"). */
export function defaultVideoTitle(video: VideoLink, locale: Locale): string {
  return translator(locale)('markdown.video.defaultTitle', { provider: PROVIDER_NAMES[video.provider] });
}

/**
 * A click-to-load video: the iframe starts on a tiny local document (srcdoc) holding one link to
 * the player, so nothing is requested from the provider and no script runs until the click,
 * which navigates only the iframe.
 */
export function videoEmbed(video: VideoLink, writerTitle: string | undefined, locale: Locale): Element {
  const t = translator(locale);
  const provider = PROVIDER_NAMES[video.provider];
  const title = writerTitle?.trim() || defaultVideoTitle(video, locale);
  return h('figure', { className: ['video-embed', 'ratio-16x9'] }, [
    h('iframe', {
      title: t('markdown.video.frameTitle', { title }),
      width: 560,
      height: 315,
      loading: 'lazy',
      srcDoc: placeholderDocument(video, title, locale, t),
      allow: 'autoplay; fullscreen; picture-in-picture',
      allowFullScreen: true,
    }),
    h('figcaption', [
      h('a', { href: videoPageUrl(video) }, title),
      ' ',
      h('span', { className: ['video-notice'] }, t('markdown.video.notice', { provider })),
    ]),
  ]);
}

const PLACEHOLDER_STYLE = [
  'html,body{height:100%;margin:0}',
  'body{background:#111;color:#fff;font:600 1rem/1.4 system-ui,sans-serif}',
  'a{box-sizing:border-box;display:flex;flex-direction:column;align-items:center;justify-content:center;',
  'gap:.75rem;height:100%;padding:1rem;color:inherit;text-align:center;text-decoration:none}',
  'a:hover circle,a:focus-visible circle{fill:#b00}',
  'a:focus-visible{outline:3px solid #fff;outline-offset:-6px}',
].join('');

const PLAY_ICON =
  '<svg viewBox="0 0 64 64" width="64" height="64" aria-hidden="true" focusable="false">' +
  '<circle cx="32" cy="32" r="32" fill="#000" fill-opacity=".75"/><path d="M25 19v26l21-13z" fill="#fff"/></svg>';

function placeholderDocument(video: VideoLink, title: string, locale: Locale, t: Translate): string {
  const play = t('markdown.video.play');
  // The page may send no referrer at all; providers now refuse to play without the site's origin.
  return (
    `<!doctype html><html lang="${locale}">` +
    '<meta charset="utf-8"><meta name="referrer" content="strict-origin-when-cross-origin">' +
    `<title>${escapeHtml(play)}</title><style>${PLACEHOLDER_STYLE}</style>` +
    `<a href="${escapeHtml(playerUrl(video))}">${PLAY_ICON}<span>${escapeHtml(play)}</span>` +
    `<span>${escapeHtml(title)}</span></a></html>`
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
