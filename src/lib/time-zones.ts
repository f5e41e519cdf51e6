/**
 * Wall-clock arithmetic in IANA time zones, with the platform's Intl data only. Building a
 * DateTimeFormat costs far more than using one, so one is kept per zone.
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

/** What clocks in `timeZone` show at the instant `utcMillis`. Throws RangeError for an unknown zone. */
export function wallClock(utcMillis: number, timeZone: string): WallClock {
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(utcMillis)) {
    if (part.type in clock) clock[part.type as keyof WallClock] = Number(part.value);
  }
  return clock;
}

/** Minutes `timeZone` is ahead of UTC at the instant `utcMillis`. */
export function zoneOffsetMinutes(utcMillis: number, timeZone: string): number {
  return offsetOf(wallClock(utcMillis, timeZone), utcMillis);
}

/** The offset a wall clock read at `utcMillis` shows. */
function offsetOf(c: WallClock, utcMillis: number): number {
  const local = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return Math.round((local - Math.floor(utcMillis / 1000) * 1000) / 60_000);
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
  // The clock just read gives the offset: a second formatToParts would cost as much again.
  const offset = offsetOf(clock, millis);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
