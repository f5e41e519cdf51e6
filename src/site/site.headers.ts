/**
 * Headers of every public page. The policy allows no script at all; inline styles are allowed
 * because the click-to-load video frames (srcdoc documents) inherit this policy and carry their
 * own small stylesheet. Frames may only show the three video providers, and only after a click.
 */
export const PUBLIC_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  'frame-src https://www.youtube-nocookie.com https://player.vimeo.com https://www.dailymotion.com',
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

export const PUBLIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': PUBLIC_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'SAMEORIGIN',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), browsing-topics=()',
};

/** Pages: short for browsers, longer at a CDN, and served stale while the CDN fetches a fresh copy. */
export const PAGE_CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=86400, stale-if-error=86400';
/** Content-hashed assets and media never change under their name. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Error pages must not outlive the fix. */
export const ERROR_CACHE_CONTROL = 'public, max-age=10';
