import { LOCALES } from '../../i18n/i18n.ts';
import { wallClock } from '../../lib/time-zones.ts';
import type { Locale } from '../../i18n/i18n.ts';

const INTL_LOCALES: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/**
 * How a locale writes a date ("10 mars 2021", "10 March 2021"), learnt from Intl once: the order of
 * its parts, the text between them, and its twelve month names as they appear in a date. Filling
 * it in from the zone's wall clock (time-zones.ts) costs a fraction of a formatToParts call, and a
 * page shows a dozen dates.
 */
interface DatePattern {
  parts: readonly { type: 'day' | 'month' | 'year' | 'literal'; value: string }[];
  months: readonly string[];
}

function learnPattern(locale: Locale): DatePattern {
  const format = new Intl.DateTimeFormat(INTL_LOCALES[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const months = Array.from({ length: 12 }, (_, month) => format.formatToParts(Date.UTC(2021, month, 10)).find((part) => part.type === 'month')!.value);
  const parts = format.formatToParts(Date.UTC(2021, 2, 10)).map((part) => ({
    type: part.type === 'day' || part.type === 'month' || part.type === 'year' ? part.type : ('literal' as const),
    value: part.value,
  }));
  return { parts, months };
}

const PATTERNS = Object.fromEntries(LOCALES.map((locale) => [locale, learnPattern(locale)])) as Record<Locale, DatePattern>;

// Building a DateTimeFormat (loading its locale and zone data) takes milliseconds: the patterns
// above and the default zone's clock (a new site's) are made when the module loads, so no
// reader's request pays for them.
wallClock(Date.now(), 'Europe/Paris');

/**
 * "10 mars 2021", "1er mars 2021" (French ordinal for the first day), "10 March 2021": the day
 * the publication's readers lived, in the site's zone (an IANA name the settings checked), whatever
 * the server's.
 */
export function formatDate(locale: Locale, iso: string, timeZone: string): string {
  const clock = wallClock(Date.parse(iso), timeZone);
  const pattern = PATTERNS[locale];
  let out = '';
  for (const part of pattern.parts) {
    if (part.type === 'day') out += locale === 'fr' && clock.day === 1 ? '1er' : String(clock.day);
    else if (part.type === 'month') out += pattern.months[clock.month - 1];
    else if (part.type === 'year') out += String(clock.year);
    else out += part.value;
  }
  return out;
}

/** A valid `datetime` attribute value for `<time>`: the instant in UTC, without milliseconds. */
export function isoDate(iso: string): string {
  return new Date(iso).toISOString().replace(/\.000Z$/, 'Z');
}

/** Whether `later` falls on a later calendar day than `earlier`, as readers in the site's zone see it. */
export function isLaterDay(later: string, earlier: string, timeZone: string): boolean {
  const laterMillis = Date.parse(later);
  const earlierMillis = Date.parse(earlier);
  if (!(laterMillis > earlierMillis)) return false;
  const a = wallClock(laterMillis, timeZone);
  const b = wallClock(earlierMillis, timeZone);
  return a.year !== b.year || a.month !== b.month || a.day !== b.day;
}
