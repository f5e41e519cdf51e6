import { LOCALES } from '../../i18n/i18n.ts';
import type { Locale } from '../../i18n/i18n.ts';

/** Dates are shown as the publication's readers live them, whatever the server's zone. */
const TIME_ZONE = 'Europe/Paris';

const INTL_LOCALES: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/**
 * Building a DateTimeFormat (loading its locale data) takes tens of milliseconds, using one a few
 * microseconds: they are built once, when the module loads, so no reader's request pays for it.
 */
const dateFormats = Object.fromEntries(
  LOCALES.map((locale) => [
    locale,
    new Intl.DateTimeFormat(INTL_LOCALES[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE }),
  ]),
) as Record<Locale, Intl.DateTimeFormat>;

/** "10 mars 2021", "1er mars 2021" (French ordinal for the first day), "10 March 2021". */
export function formatDate(locale: Locale, iso: string): string {
  const parts = dateFormats[locale].formatToParts(new Date(iso));
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
export function isLaterDay(later: string, earlier: string): boolean {
  return new Date(later) > new Date(earlier) && formatDate('en', later) !== formatDate('en', earlier);
}
