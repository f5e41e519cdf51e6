import { describe, expect, it } from 'vitest';
import { wpautop } from './wp.content.autop.ts';

describe('wpautop', () => {
  it('makes paragraphs of text separated by a blank line', () => {
    expect(wpautop('Premier paragraphe.\n\nSecond paragraphe.')).toBe('<p>Premier paragraphe.</p>\n<p>Second paragraphe.</p>\n');
  });

  it('turns a single line break into <br />', () => {
    expect(wpautop('Une ligne\nune autre')).toBe('<p>Une ligne<br />\nune autre</p>\n');
  });

  it('drops the spaces before a line break but keeps a non-breaking space, and adds no second <br>', () => {
    expect(wpautop('Un  \nDeux\u00a0\nTrois<br />\nQuatre')).toBe('<p>Un<br />\nDeux\u00a0<br />\nTrois<br />\nQuatre</p>\n');
  });

  it('reads blank lines holding spaces or tabs, and Windows line ends, as paragraph breaks', () => {
    expect(wpautop('Un\r\n \t\r\nDeux')).toBe('<p>Un</p>\n<p>Deux</p>\n');
  });

  it('treats two <br> in a row as a paragraph break', () => {
    expect(wpautop('Un<br><br/>Deux')).toBe('<p>Un</p>\n<p>Deux</p>\n');
  });

  it('does not wrap block elements in paragraphs nor add <br> next to them', () => {
    const html = wpautop('Avant\n<ul>\n<li>un</li>\n<li>deux</li>\n</ul>\nAprès');
    expect(html).toBe('<p>Avant</p>\n<ul>\n<li>un</li>\n<li>deux</li>\n</ul>\n<p>Après</p>\n');
  });

  it('leaves <pre> exactly as written', () => {
    const pre = '<pre>ligne 1\n\nligne   3\n</pre>';
    expect(wpautop(`Texte\n\n${pre}\n\nFin`)).toBe(`<p>Texte</p>\n${pre}\n<p>Fin</p>\n`);
  });

  it('puts the paragraphs of a quotation inside it', () => {
    expect(wpautop('<blockquote>Citation\n\nSuite</blockquote>')).toBe('<blockquote><p>Citation</p>\n<p>Suite</p></blockquote>\n');
  });

  it('does not add <br> for a line break inside a tag', () => {
    expect(wpautop('Voir <a\nhref="/x">ici</a>')).toBe('<p>Voir <a href="/x">ici</a></p>\n');
  });

  it('keeps line breaks of scripts and styles as they are', () => {
    expect(wpautop('<script>a()\nb()</script>')).not.toContain('<br />');
  });

  it('gives nothing for blank content', () => {
    expect(wpautop(' \n\n ')).toBe('');
  });
});
