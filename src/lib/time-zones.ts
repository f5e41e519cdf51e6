/**
 * Wall-clock arithmetic in IANA time zones, with the platform's Intl data only. Building a
 * DateTimeFormat costs far more than using one, so one is kept per zone; using one costs more than
 * the arithmetic, so what it answers is kept per day (see offsetSeconds).
 */

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What the zone's clocks show at `utcMillis`, read through Intl (a few microseconds a call). */
function readClock(utcMillis: number, timeZone: string): WallClock {
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(utcMillis)) {
    if (part.type in clock) clock[part.type as keyof WallClock] = Number(part.value);
  }
  return clock;
}

/** Seconds the zone is ahead of UTC at `utcMillis`, from its clocks (seconds: old local mean times have them). */
function readOffsetSeconds(utcMillis: number, timeZone: string): number {
  const c = readClock(utcMillis, timeZone);
  return (Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - Math.floor(utcMillis / 1000) * 1000) / 1000;
}

const DAY_MS = 86_400_000;
/** Days remembered per zone before the memory starts afresh: over half a century of distinct dates. */
const MAX_DAYS_PER_ZONE = 20_000;

/**
 * Per zone, the offset of each UTC day over which it did not change, by day number. A zone's
 * offset changes a few times a year at most, so a page's dates are mostly read from here; a day
 * on which it changes is read from Intl each time.
 */
const steadyDays = new Map<string, Map<number, number>>();

function offsetSeconds(utcMillis: number, timeZone: string): number {
  const day = Math.floor(utcMillis / DAY_MS);
  let days = steadyDays.get(timeZone);
  let offset = days?.get(day);
  if (offset !== undefined) return offset;
  const start = readOffsetSeconds(day * DAY_MS, timeZone);
  // The day's last whole second: the same offset at both ends means no change in between (no zone
  // has changed its offset and back within one day).
  if (readOffsetSeconds(day * DAY_MS + DAY_MS - 1000, timeZone) !== start) return readOffsetSeconds(utcMillis, timeZone);
  if (!days) {
    days = new Map();
    steadyDays.set(timeZone, days);
  } else if (days.size >= MAX_DAYS_PER_ZONE) {
    days.clear();
  }
  days.set(day, start);
  return start;
}

/**
 * What clocks in `timeZone` show at the instant `utcMillis` (to the second). Throws RangeError
 * for an unknown zone.
 */
export function wallClock(utcMillis: number, timeZone: string): WallClock {
  const local = new Date(Math.floor(utcMillis / 1000) * 1000 + offsetSeconds(utcMillis, timeZone) * 1000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** Whether `name` is a time zone this runtime knows (an IANA name such as "Europe/Paris", or "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    // The formatter the zone's clock readings use, kept once made.
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** Minutes `timeZone` is ahead of UTC at the instant `utcMillis`. */
export function zoneOffsetMinutes(utcMillis: number, timeZone: string): number {
  return Math.round(offsetSeconds(utcMillis, timeZone) / 60);
}

/**
 * The UTC instant at which clocks in `timeZone` show the wall time `wallMillis` (that wall time
 * read as if it were UTC). The offset is taken twice because the first guess may sit on the
 * other side of a daylight-saving change.
 */
export function zonedWallTimeToUtc(wallMillis: number, timeZone: string): number {
  const firstGuess = wallMillis - zoneOffsetMinutes(wallMillis, timeZone) * 60_000;
  return wallMillis - zoneOffsetMinutes(firstGuess, timeZone) * 60_000;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * An instant as ISO 8601 on the zone's clock with its offset (2021-03-24T08:30:00+01:00), as
 * structured data and feeds want it: the reader's wall-clock time, never ambiguous. An unknown
 * zone falls back to UTC.
 */
export function isoWithOffset(iso: string, timeZone: string): string {
  const millis = new Date(iso).getTime();
  let zone = timeZone;
  let clock: WallClock;
  try {
    clock = wallClock(millis, zone);
  } catch {
    zone = 'UTC';
    clock = wallClock(millis, zone);
  }
  const offset = zoneOffsetMinutes(millis, zone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
