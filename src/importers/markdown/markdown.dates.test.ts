import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { fileNameDate, parseFrontMatterDate, withoutFileNameDate } from './markdown.dates.ts';

const PARIS = 'Europe/Paris';

describe('parseFrontMatterDate', () => {
  it('reads a date without a time as midnight in the site time zone, winter and summer', () => {
    expect(parseFrontMatterDate('2024-01-15', PARIS)).toBe('2024-01-14T23:00:00.000Z');
    expect(parseFrontMatterDate('2024-07-15', PARIS)).toBe('2024-07-14T22:00:00.000Z');
    expect(parseFrontMatterDate('2024-07-15', 'America/New_York')).toBe('2024-07-15T04:00:00.000Z');
  });

  it('reads ISO 8601 date-times with and without an offset', () => {
    expect(parseFrontMatterDate('2024-03-15T08:30:00Z', PARIS)).toBe('2024-03-15T08:30:00.000Z');
    expect(parseFrontMatterDate('2024-03-15T08:30:00+02:00', PARIS)).toBe('2024-03-15T06:30:00.000Z');
    expect(parseFrontMatterDate('2024-03-15T08:30:00.250-05:00', PARIS)).toBe('2024-03-15T13:30:00.250Z');
    expect(parseFrontMatterDate('2024-03-15T08:30', PARIS)).toBe('2024-03-15T07:30:00.000Z');
  });

  it('reads Jekyll date-times, whose offset has no colon', () => {
    expect(parseFrontMatterDate('2024-03-15 08:30:00 +0100', PARIS)).toBe('2024-03-15T07:30:00.000Z');
    expect(parseFrontMatterDate('2024-08-01 18:05 -0700', PARIS)).toBe('2024-08-02T01:05:00.000Z');
  });

  it("reads the English month-day-year dates of Astro's blog starter", () => {
    expect(parseFrontMatterDate('Jul 08 2022', PARIS)).toBe('2022-07-07T22:00:00.000Z');
    expect(parseFrontMatterDate('January 5, 2023', PARIS)).toBe('2023-01-04T23:00:00.000Z');
    expect(parseFrontMatterDate('Foo 08 2022', PARIS)).toBeUndefined();
    expect(parseFrontMatterDate('Feb 30 2022', PARIS)).toBeUndefined();
  });

  it('reads TOML dates as the writer typed them', () => {
    const toml = parseToml('a = 2024-01-15\nb = 2024-01-15T10:00:00\nc = 2024-01-15T10:00:00+03:00');
    expect(parseFrontMatterDate(toml.a, PARIS)).toBe('2024-01-14T23:00:00.000Z');
    expect(parseFrontMatterDate(toml.b, PARIS)).toBe('2024-01-15T09:00:00.000Z');
    expect(parseFrontMatterDate(toml.c, PARIS)).toBe('2024-01-15T07:00:00.000Z');
  });

  it('refuses what is not a real date', () => {
    for (const value of ['2024-02-30', '2023-02-29', '2024-13-01', '2024-03-15 25:00', '15/03/2024', 'hier', '', 2024, null, { year: 2024 }]) {
      expect(parseFrontMatterDate(value, PARIS), JSON.stringify(value)).toBeUndefined();
    }
    expect(parseFrontMatterDate('2024-02-29', PARIS)).toBe('2024-02-28T23:00:00.000Z');
  });
});

describe('Jekyll file names', () => {
  it('give a date and a name without it', () => {
    expect(fileNameDate('2023-05-10-bonjour-le-monde')).toBe('2023-05-10');
    expect(withoutFileNameDate('2023-05-10-bonjour-le-monde')).toBe('bonjour-le-monde');
    expect(fileNameDate('bonjour')).toBeUndefined();
    expect(withoutFileNameDate('bonjour')).toBe('bonjour');
  });
});
