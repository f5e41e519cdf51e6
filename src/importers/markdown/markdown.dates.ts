import { zonedWallTimeToUtc, type WallClock } from '../../lib/time-zones.ts';

/**
 * Dates as static site generators write them: ISO 8601 (`2024-03-15`, `2024-03-15T08:30:00+01:00`),
 * Jekyll's `2024-03-15 08:30:00 +0100` and Astro's `Jul 08 2022`. A date or time without an
 * offset is the site's local time, because that is what the writer saw on their calendar.
 */

const DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

// Astro's blog starter writes `pubDate: 'Jul 08 2022'` (read by JavaScript's Date); only this
// English month-day-year form is accepted, not everything Date.parse guesses at.
const MONTH_DAY_YEAR = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** `YYYY-MM-DD-` at the start of a Jekyll post's file name. */
const FILE_NAME_DATE = /^(\d{4}-\d{2}-\d{2})-/;

/**
 * The instant a front-matter date value stands for, as an ISO string in UTC; undefined when the
 * value is not a date. TOML dates arrive as Date objects whose toISOString() keeps the form the
 * writer authored, so every value goes through the same reading.
 */
export function parseFrontMatterDate(value: unknown, timeZone: string): string | undefined {
  if (value instanceof Date) return parseDateText(value.toISOString(), timeZone);
  if (typeof value !== 'string') return undefined;
  return parseDateText(value.trim(), timeZone);
}

function parseDateText(text: string, timeZone: string): string | undefined {
  const match = DATE_PATTERN.exec(monthDayYearAsIso(text) ?? text);
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zulu, sign, offsetHours, offsetMinutes] = match;
  const parts = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: Number(fraction.slice(0, 3).padEnd(3, '0')),
  };
  if (!isRealWallTime(parts)) return undefined;
  const asIfUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, parts.millisecond);
  if (zulu) return new Date(asIfUtc).toISOString();
  if (sign) {
    if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return undefined;
    const offset = (Number(offsetHours) * 60 + Number(offsetMinutes)) * (sign === '-' ? -1 : 1);
    return new Date(asIfUtc - offset * 60_000).toISOString();
  }
  return new Date(zonedWallTimeToUtc(asIfUtc, timeZone)).toISOString();
}

function monthDayYearAsIso(text: string): string | undefined {
  const match = MONTH_DAY_YEAR.exec(text);
  if (!match) return undefined;
  const name = match[1]!.toLowerCase();
  const month = name.length === 3 ? MONTHS.indexOf(name) : MONTH_NAMES.indexOf(name);
  if (month === -1) return undefined;
  return `${match[3]}-${String(month + 1).padStart(2, '0')}-${match[2]!.padStart(2, '0')}`;
}

/** The date written at the start of a Jekyll post's file name (`2024-03-15-title.md`), if any. */
export function fileNameDate(baseName: string): string | undefined {
  return FILE_NAME_DATE.exec(baseName)?.[1];
}

export function withoutFileNameDate(baseName: string): string {
  return baseName.replace(FILE_NAME_DATE, '');
}

// Date.UTC rolls 2024-02-30 over to March 1st; a date that does not exist is a typo to report.
function isRealWallTime(parts: WallClock): boolean {
  if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.hour > 23 || parts.minute > 59 || parts.second > 59) return false;
  const daysInMonth = new Date(Date.UTC(parts.year, parts.month, 0)).getUTCDate();
  return parts.day <= daysInMonth;
}
