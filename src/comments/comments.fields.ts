/** What every importer of readers' comments does the same way with what a commenter typed. */

/** A commenter's site, when it is an http(s) address ("example.org" is taken as http://example.org/). */
export function commenterSite(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `http://${trimmed}`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
