import { describe, expect, it } from 'vitest';
import { isoToZoned, zonedToIso } from './zoned-time.ts';

describe('scheduling in the site time zone', () => {
  it('reads a Paris winter time as UTC+1 and a summer time as UTC+2', () => {
    expect(zonedToIso('2026-01-15', '09:30', 'Europe/Paris')).toBe('2026-01-15T08:30:00.000Z');
    expect(zonedToIso('2026-07-15', '09:30', 'Europe/Paris')).toBe('2026-07-15T07:30:00.000Z');
  });

  it('handles the nights the clocks change', () => {
    // 29 March 2026: 02:00 → 03:00 in Paris; 02:30 does not exist and moves forward an hour.
    expect(zonedToIso('2026-03-29', '01:30', 'Europe/Paris')).toBe('2026-03-29T00:30:00.000Z');
    expect(zonedToIso('2026-03-29', '03:30', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedToIso('2026-03-29', '02:30', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedToIso('2026-10-25', '04:00', 'Europe/Paris')).toBe('2026-10-25T03:00:00.000Z');
  });

  it('shows a UTC instant on the zone’s wall clock, and back', () => {
    expect(isoToZoned('2026-07-15T07:30:00.000Z', 'Europe/Paris')).toEqual({ date: '2026-07-15', time: '09:30' });
    expect(isoToZoned('2026-12-31T23:30:00.000Z', 'Europe/Paris')).toEqual({ date: '2027-01-01', time: '00:30' });
    expect(isoToZoned('2026-07-15T07:30:00.000Z', 'America/New_York')).toEqual({ date: '2026-07-15', time: '03:30' });
    const { date, time } = isoToZoned('2026-05-04T16:45:00.000Z', 'Europe/Paris');
    expect(zonedToIso(date, time, 'Europe/Paris')).toBe('2026-05-04T16:45:00.000Z');
  });
});
