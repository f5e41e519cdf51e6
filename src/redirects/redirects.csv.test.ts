import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n.ts';
import { interpretCsv, parseCsv, patternFromRegex } from './redirects.csv.ts';

const t = translator('en');

describe('redirects CSV', () => {
  it('reads quoted fields with commas, quotes and line breaks, and the line each row starts on', () => {
    const parsed = parseCsv('\uFEFFfrom,to,status\r\n"/a,b/","/c ""d""/",301\n\n"/e/","/f/\nsuite",302\n/g/,/h/,301');
    expect(parsed).toEqual({
      rows: [
        { line: 1, fields: ['from', 'to', 'status'] },
        { line: 2, fields: ['/a,b/', '/c "d"/', '301'] },
        { line: 4, fields: ['/e/', '/f/\nsuite', '302'] },
        { line: 6, fields: ['/g/', '/h/', '301'] },
      ],
    });
  });

  it('reads the semicolons of a French spreadsheet, and says where a quote is never closed', () => {
    expect(parseCsv('/a/;/b/;301')).toEqual({ rows: [{ line: 1, fields: ['/a/', '/b/', '301'] }] });
    expect(parseCsv('/a/,/b/,301\n"/c/,/d/,301')).toEqual({ problem: { line: 2 } });
  });

  it('takes from,to,status without a header, 301 by default and 410 without a target', () => {
    const result = interpretCsv('/a/,/b/\n/c/,,410\n/d/,/e/,302,Campagne', t);
    expect(result.problems).toEqual([]);
    expect(result.lines.map((line) => line.input)).toEqual([
      { from: '/a/', to: '/b/', status: 301, note: '' },
      { from: '/c/', to: null, status: 410, note: '' },
      { from: '/d/', to: '/e/', status: 302, note: 'Campagne' },
    ]);
  });

  it('reads the Redirection plugin’s export: regular expressions made patterns, disabled rules skipped', () => {
    const csv = [
      'source,target,regex,code,type,hits,title,status',
      '"/ancien/","/nouveau/",0,301,"url",12,"Déménagement","active"',
      '"^/blog/(.*)$","/$1",1,301,"url",0,"","active"',
      '"/vieux/","/x/",0,301,"url",0,"","disabled"',
      '"/perdu/","",0,410,"error",0,"","active"',
      '"^/(a|b)/$","/c/",1,301,"url",0,"","active"',
    ].join('\n');
    const result = interpretCsv(csv, t);
    expect(result.skipped).toBe(1);
    expect(result.lines.map((line) => [line.line, line.input.from, line.input.to, line.input.status, line.input.note])).toEqual([
      [2, '/ancien/', '/nouveau/', 301, 'Déménagement'],
      [3, '/blog/*', '/$1', 301, ''],
      [5, '/perdu/', null, 410, ''],
    ]);
    expect(result.problems).toEqual([{ line: 6, field: 'from', message: expect.stringMatching(/^line 6: from regular expression that cannot be converted/) }]);
  });

  it('refuses a status other than 301, 302 or 410, by line', () => {
    expect(interpretCsv('/a/,/b/,307', t).problems).toEqual([{ line: 1, field: 'status', message: 'line 1: status must be 301, 302 or 410' }]);
  });

  it('converts the simple regular expressions people write, and no others', () => {
    expect(patternFromRegex('^/old/(.*)$')).toBe('/old/*');
    expect(patternFromRegex('^/old/(.*)')).toBe('/old/*');
    expect(patternFromRegex('^/page\\.html$')).toBe('/page.html');
    expect(patternFromRegex('^/news/(.+)/amp$')).toBe('/news/*/amp');
    expect(patternFromRegex('^/old/')).toBe('/old/*');
    expect(patternFromRegex('^/(\\d+)/$')).toBeUndefined();
    expect(patternFromRegex('old/(.*)')).toBeUndefined();
  });
});
