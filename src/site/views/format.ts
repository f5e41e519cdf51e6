import { LOCALES } from '../../i18n/i18n.ts';
import type { Locale } from '../../i18n/i18n.ts';

/** The zone of a new site (the settings' default); other zones get their formats on first use. */
const DEFAULT_TIME_ZONE = 'Europe/Paris';

const INTL_LOCALES: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/**
 * Building a DateTimeFormat (loading its locale data) takes tens of milliseconds, using one a few
 * microseconds: each is built once per locale and zone, the default zone's when the module loads,
 * so no reader's request pays for it.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALES[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone });
    dateFormats.set(key, format);
  }
  return format;
}

for (const locale of LOCALES) dateFormat(locale, DEFAULT_TIME_ZONE);

/**
 * "10 mars 2021", "1er mars 2021" (French ordinal for the first day), "10 March 2021": the day
 * the publication's readers lived, in the site's zone (an IANA name the settings checked), whatever
 * the server's.
 */
export function formatDate(locale: Locale, iso: string, timeZone: string): string {
  const parts = dateFormat(locale, timeZone).formatToParts(new Date(iso));
  let out = '';
  for (const part of parts) {
    out += locale === 'fr' && part.type === 'day' && part.value === '1' ? '1er' : part.value;
  }
  return out;
}

/** A valid `datetime` attribute value for `<time>`: the instant in UTC, without milliseconds. */
export function isoDate(iso: string): string {
  return new Date(iso).toISOString().replace(/\.000Z$/, 'Z');
}

/** Whether `later` falls on a later calendar day than `earlier`, as readers in the site's zone see it. */
export function isLaterDay(later: string, earlier: string, timeZone: string): boolean {
  return new Date(later) > new Date(earlier) && formatDate('en', later, timeZone) !== formatDate('en', earlier, timeZone);
}
