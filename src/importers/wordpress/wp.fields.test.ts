import { describe, expect, it } from 'vitest';
import { decideStatus, itemDate, markdownText, plainText, wantedSlug } from './wp.fields.ts';

describe('a WordPress item’s fields', () => {
  it('never makes public what was not: private, pending and protected items are drafts', () => {
    expect(decideStatus({ status: 'publish', password: '' })).toEqual({ import: true, status: 'published', reason: undefined });
    expect(decideStatus({ status: 'future', password: '' })).toEqual({ import: true, status: 'scheduled', reason: undefined });
    expect(decideStatus({ status: 'private', password: '' })).toEqual({ import: true, status: 'draft', reason: 'private' });
    expect(decideStatus({ status: 'pending', password: '' })).toEqual({ import: true, status: 'draft', reason: 'pending' });
    expect(decideStatus({ status: 'publish', password: 'secret' })).toEqual({ import: true, status: 'draft', reason: 'password' });
    expect(decideStatus({ status: 'trash', password: '' })).toEqual({ import: false, reason: 'trash' });
    expect(decideStatus({ status: 'auto-draft', password: '' })).toEqual({ import: false, reason: 'auto-draft' });
  });

  it('dates an item from its GMT date, else its local date in the site’s zone', () => {
    expect(itemDate({ date: '2024-05-14T07:30:00.000Z', localDate: '2024-05-14 09:30:00' }, 'Europe/Paris')).toBe('2024-05-14T07:30:00.000Z');
    expect(itemDate({ date: undefined, localDate: '2024-01-08 10:00:00' }, 'Europe/Paris')).toBe('2024-01-08T09:00:00.000Z');
    expect(itemDate({ date: undefined, localDate: '0000-00-00 00:00:00' }, 'Europe/Paris')).toBeUndefined();
  });

  it('decodes WordPress’s percent-encoded slugs', () => {
    expect(wantedSlug('%c3%a9t%c3%a9-2024')).toBe('ete-2024');
    expect(wantedSlug('')).toBeUndefined();
  });

  it('reads text out of HTML and Markdown, scripts and markup left out', () => {
    expect(plainText('Tom &amp; Jerry <em>en</em> vacances<script>alert(1)</script>')).toBe('Tom & Jerry en vacances');
    expect(markdownText('Un **texte** avec [un lien](https://example.fr/)\\\nsur deux lignes.\n\n![image](/x.jpg)', 'en')).toBe('Un texte avec un lien sur deux lignes.');
  });

  it('gives a teaser’s words as a reader reads them: no table pipes, escapes or lost addresses', () => {
    const figures = '![Une photo](/a.jpg "Sa légende")\n\n:::pullquote[Marc]\nUne citation mise en avant.\n:::\n\nUn chiffre[^1].\n\n[^1]: Une note.';
    expect(markdownText(figures, 'en')).toBe('Une citation mise en avant. Marc Un chiffre.');
    const table = '> Une citation mise en avant.\n\n| Ville | Habitants |\n| --- | --- |\n| Brest | 139 000 |';
    expect(markdownText(table, 'en')).toBe('Une citation mise en avant. Ville Habitants Brest 139 000');
    const shortcodes = '\\[su\\_box title="Encadré"\\]\\[su\\_button url="<https://example.org>"\\]Cliquer\\[/su\\_button\\]\\[/su\\_box\\]';
    expect(markdownText(shortcodes, 'en')).toBe('[su_box title="Encadré"][su_button url="https://example.org"]Cliquer[/su_button][/su_box]');
  });
});
