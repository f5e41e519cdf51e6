import { describe, expect, it } from 'vitest';
import { isoWithOffset, wallClock, zonedWallTimeToUtc, zoneOffsetMinutes } from './time-zones.ts';

describe('time zones', () => {
  it('reads the wall clock and the offset on both sides of a daylight-saving change', () => {
    expect(wallClock(Date.parse('2024-03-31T00:59:59Z'), 'Europe/Paris')).toEqual({ year: 2024, month: 3, day: 31, hour: 1, minute: 59, second: 59 });
    expect(zoneOffsetMinutes(Date.parse('2024-03-31T00:59:59Z'), 'Europe/Paris')).toBe(60);
    expect(zoneOffsetMinutes(Date.parse('2024-03-31T01:00:00Z'), 'Europe/Paris')).toBe(120);
    expect(zoneOffsetMinutes(Date.parse('2024-07-01T12:00:00Z'), 'America/St_Johns')).toBe(-150);
  });

  it('turns a wall time back into its instant, across the change', () => {
    expect(new Date(zonedWallTimeToUtc(Date.UTC(2024, 2, 31, 3, 30), 'Europe/Paris')).toISOString()).toBe('2024-03-31T01:30:00.000Z');
    expect(new Date(zonedWallTimeToUtc(Date.UTC(2024, 0, 15, 9, 0), 'Europe/Paris')).toISOString()).toBe('2024-01-15T08:00:00.000Z');
  });

  it('writes an instant as ISO 8601 with the zone’s offset, and in UTC for an unknown zone', () => {
    expect(isoWithOffset('2021-03-24T07:30:00.000Z', 'Europe/Paris')).toBe('2021-03-24T08:30:00+01:00');
    expect(isoWithOffset('2021-07-14T22:15:05.000Z', 'Europe/Paris')).toBe('2021-07-15T00:15:05+02:00');
    expect(isoWithOffset('2021-07-14T22:15:05.000Z', 'America/St_Johns')).toBe('2021-07-14T19:45:05-02:30');
    expect(isoWithOffset('2021-07-14T22:15:05.000Z', 'Not/AZone')).toBe('2021-07-14T22:15:05+00:00');
  });

  it('reads the same clock as Intl at every instant, on the days the offset changes too, in zones with odd offsets', () => {
    const zones = ['Europe/Paris', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/Santiago', 'UTC'];
    const clockOf = (millis: number, zone: string) => {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(millis);
      const value = (type: string) => Number(parts.find((part) => part.type === type)!.value);
      return { year: value('year'), month: value('month'), day: value('day'), hour: value('hour'), minute: value('minute'), second: value('second') };
    };
    const instants: number[] = [];
    // Every 7 h 13 min 17 s over three years: every hour of the day, both sides of each change.
    for (let millis = Date.UTC(2023, 0, 1); millis < Date.UTC(2026, 0, 1); millis += 25_997_000) instants.push(millis);
    // Each minute around Paris's and Lord Howe's changes (the latter moves its clocks by half an hour).
    for (let minute = -90; minute <= 90; minute++) instants.push(Date.parse('2024-03-31T01:00:00Z') + minute * 60_000, Date.parse('2024-04-06T15:00:00Z') + minute * 60_000);
    // Paris kept its local mean time (+0:09:21) until 1891; an instant with milliseconds.
    instants.push(Date.UTC(1880, 5, 1, 12, 0, 0), Date.parse('2024-10-27T00:59:59.999Z'));
    for (const zone of zones) {
      for (const millis of instants) expect(wallClock(millis, zone), `${new Date(millis).toISOString()} in ${zone}`).toEqual(clockOf(millis, zone));
    }
  });

  it('throws for an unknown zone and an invalid instant, as Intl does', () => {
    expect(() => wallClock(Date.now(), 'Not/AZone')).toThrow(RangeError);
    expect(() => wallClock(Number.NaN, 'Europe/Paris')).toThrow(RangeError);
  });
});
