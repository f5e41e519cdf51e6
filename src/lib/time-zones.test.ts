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
});
