/** RFC 822 as RSS 2.0 wants it, with a four-digit year (RFC 1123): `Wed, 10 Mar 2021 08:00:00 GMT`. */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

/** RFC 3339 in UTC, to the second: `2021-03-10T08:00:00Z` (Atom, JSON Feed). */
export function rfc3339(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
