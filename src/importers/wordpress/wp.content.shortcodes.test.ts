import { describe, expect, it } from 'vitest';
import { closingShortcodeNames, expandShortcodes, parseShortcodeAttributes, unescapeShortcodes, unknownShortcodes } from './wp.content.shortcodes.ts';

describe('parseShortcodeAttributes', () => {
  it('reads double-quoted, single-quoted, bare and positional values', () => {
    expect(parseShortcodeAttributes(' id="attachment_12" align=\'alignnone\' width=300 https://youtu.be/x "deux mots"')).toEqual({
      id: 'attachment_12',
      align: 'alignnone',
      width: '300',
      '0': 'https://youtu.be/x',
      '1': 'deux mots',
    });
  });
});

describe('expandShortcodes', () => {
  it('turns [caption] into a figure whose caption follows the image', () => {
    expect(expandShortcodes('[caption id="attachment_12" align="alignnone" width="300"]<img src="a.jpg" alt="A" /> La légende[/caption]')).toBe(
      '<figure class="wp-caption"><img src="a.jpg" alt="A" /><figcaption>La légende</figcaption></figure>',
    );
  });

  it('keeps the link around a captioned image and reads the older caption attribute', () => {
    expect(expandShortcodes('[caption caption="Ancienne légende"]<a href="a.jpg"><img src="a-300x200.jpg" /></a>[/caption]')).toBe(
      '<figure class="wp-caption"><a href="a.jpg"><img src="a-300x200.jpg" /></a><figcaption>Ancienne légende</figcaption></figure>',
    );
  });

  it('drops a <br /> wpautop put between the image and its caption', () => {
    expect(expandShortcodes('[caption]<img src="a.jpg" /><br />\nLégende[/caption]')).toContain('<figcaption>Légende</figcaption>');
  });

  it('turns [gallery], [embed], [video] and [audio] into elements the writer reads', () => {
    expect(expandShortcodes('[gallery columns="2" ids="21,22"]')).toBe('<wp-gallery ids="21,22"></wp-gallery>');
    expect(expandShortcodes('[embed width="500"]https://vimeo.com/76979871[/embed]')).toBe('<wp-embed url="https://vimeo.com/76979871"></wp-embed>');
    expect(expandShortcodes('[video width="640" mp4="https://b.fr/v.mp4"][/video]')).toBe('<wp-media kind="video" src="https://b.fr/v.mp4"></wp-media>');
    expect(expandShortcodes('[audio src="https://b.fr/a.mp3"]')).toBe('<wp-media kind="audio" src="https://b.fr/a.mp3"></wp-media>');
  });

  it('shows an escaped shortcode [[gallery]] as written text', () => {
    expect(expandShortcodes('Tapez [[gallery ids="1"]] pour une galerie')).toBe('Tapez [gallery ids="1"] pour une galerie');
  });

  it('leaves other shortcodes alone', () => {
    expect(expandShortcodes('[contact-form-7 id="58"]')).toBe('[contact-form-7 id="58"]');
  });
});

describe('unknownShortcodes', () => {
  const none = new Set<string>();

  it('reports shortcodes with attributes, self-closing ones and plugin names', () => {
    expect(unknownShortcodes('[contact-form-7 id="58" title="Contact"] [toc/] [table_of_contents]', none)).toEqual([
      'contact-form-7',
      'toc',
      'table_of_contents',
    ]);
  });

  it('reports an enclosing shortcode closed elsewhere in the post', () => {
    expect(unknownShortcodes('[toggle]', closingShortcodeNames('[toggle]Texte caché[/toggle]'))).toEqual(['toggle']);
  });

  it('does not take bracketed prose for shortcodes', () => {
    expect(unknownShortcodes('Il a dit [sic] que [Mise à jour] tout va bien […] [1] [edit : le 12 mai]', none)).toEqual([]);
  });

  it('never reports the shortcodes WordPress registers, nor escaped ones', () => {
    expect(unknownShortcodes('[playlist ids="1,2"] [[foo id="1"]]', none)).toEqual([]);
  });
});

describe('unescapeShortcodes', () => {
  it('shows [[name]] as [name]', () => {
    expect(unescapeShortcodes('Tapez [[toc]] ou [[/toc]]')).toBe('Tapez [toc] ou [/toc]');
  });
});
