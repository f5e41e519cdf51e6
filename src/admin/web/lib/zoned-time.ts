/**
 * Wall-clock dates and times in the site's time zone (Europe/Paris by default), as a writer
 * schedules them, converted to and from the API's UTC instants — with Intl alone.
 */

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** How far the zone's wall clock is ahead of UTC at that instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** `2026-03-29`, `02:30` in the zone → the UTC instant (ISO 8601); a time skipped by a clock change moves forward. */
export function zonedToIso(date: string, time: string, timeZone: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  if ([year, month, day, hour, minute].some((n) => n === undefined || Number.isNaN(n))) throw new RangeError(`Not a date and time: ${date} ${time}`);
  const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!);
  const first = wall - offsetAt(wall, timeZone);
  // The offset at the guess may differ from the offset at the answer across a clock change.
  return new Date(wall - offsetAt(first, timeZone)).toISOString();
}

/** A UTC instant → its date (`YYYY-MM-DD`) and time (`HH:MM`) on the zone's wall clock. */
export function isoToZoned(iso: string, timeZone: string): { date: string; time: string } {
  const instant = new Date(iso).getTime();
  const local = new Date(instant + offsetAt(instant, timeZone)).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}
