/** The normalised address if `value` is an absolute http(s) URL, otherwise undefined. */
export function webUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A path on this site, such as `/ecommerce/bilan-2024`: it starts with one slash, so no scheme or host. */
export function sitePath(value: string | null | undefined): string | undefined {
  const path = value?.trim();
  // "//host" and "/\host" are read by browsers as another site.
  return path && /^\/(?![/\\])[^\s\\<>"]*$/.test(path) ? path : undefined;
}

/** Whether a link leaves the site: absolute http(s) and protocol-relative addresses do. */
export function leavesSite(href: string): boolean {
  return /^(?:https?:)?[/\\]{2}/i.test(href);
}
