import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.pipeline.ts';

const NBSP = '\u00A0';
const THIN = '\u202F';
const fr = (markdown: string) => renderMarkdown(markdown, { locale: 'fr' }).html;
const en = (markdown: string) => renderMarkdown(markdown, { locale: 'en' }).html;

describe('CommonMark and GFM', () => {
  it('renders emphasis, strong, inline code and strikethrough', () => {
    expect(fr('Du *texte*, du **gras**, du `code` et du ~~barré~~.')).toBe(
      '<p>Du <em>texte</em>, du <strong>gras</strong>, du <code>code</code> et du <del>barré</del>.</p>',
    );
  });

  it('renders bulleted and ordered lists', () => {
    expect(fr('- un\n- deux')).toBe('<ul>\n<li>un</li>\n<li>deux</li>\n</ul>');
    expect(fr('3. trois\n4. quatre')).toBe('<ol start="3">\n<li>trois</li>\n<li>quatre</li>\n</ol>');
  });

  it('renders task lists with disabled checkboxes', () => {
    expect(fr('- [x] fait\n- [ ] à faire')).toBe(
      '<ul class="contains-task-list">\n' +
        '<li class="task-list-item"><input type="checkbox" checked disabled> fait</li>\n' +
        '<li class="task-list-item"><input type="checkbox" disabled> à faire</li>\n' +
        '</ul>',
    );
  });

  it('turns bare addresses into links', () => {
    expect(fr('Voir https://www.fevad.com/chiffres')).toBe(
      '<p>Voir <a href="https://www.fevad.com/chiffres" rel="external noopener noreferrer" class="shows-address">https://www.fevad.com/chiffres</a></p>',
    );
  });

  it('renders code blocks with their language class and without touching their text', () => {
    expect(fr("```ts\nconst a = 'b' ; // ok ?\n```")).toBe(
      '<pre><code class="language-ts">const a = \'b\' ; // ok ?\n</code></pre>',
    );
  });

  it('renders footnotes whose links reach their targets despite the sanitiser’s id prefix', () => {
    const html = fr('Un chiffre[^fevad].\n\n[^fevad]: Fevad, bilan 2024.');
    expect(html).toContain(
      '<sup><a href="#user-content-fn-fevad" id="user-content-fnref-fevad" data-footnote-ref="" aria-describedby="user-content-footnote-label">1</a></sup>',
    );
    expect(html).toContain('<h2 class="sr-only" id="user-content-footnote-label">Notes</h2>');
    expect(html).toContain('<li id="user-content-fn-fevad">');
    expect(html).toContain(
      '<a href="#user-content-fnref-fevad" data-footnote-backref="" aria-label="Revenir à l’appel de note 1" class="data-footnote-backref">↩</a>',
    );
  });

  it('labels footnotes in English for English articles', () => {
    const html = en('A figure[^1].\n\n[^1]: Source.');
    expect(html).toContain('<h2 class="sr-only" id="user-content-footnote-label">Notes</h2>');
    expect(html).toContain('aria-label="Back to reference 1"');
  });
});

describe('links', () => {
  it('marks links to other sites external and sends them no referrer', () => {
    expect(fr('[Fevad](https://www.fevad.com)')).toBe(
      '<p><a href="https://www.fevad.com" rel="external noopener noreferrer">Fevad</a></p>',
    );
    expect(fr('[CDN](//cdn.example.com/x)')).toContain('rel="external noopener noreferrer"');
  });

  it('leaves links within the site alone', () => {
    expect(fr('[Archives](/categorie/ecommerce) et [plus haut](#intro)')).toBe(
      '<p><a href="/categorie/ecommerce">Archives</a> et <a href="#intro">plus haut</a></p>',
    );
  });

  it('links bare e-mail addresses, typed or written with a character reference, and leaves a body without one as text', () => {
    const linked = '<p>Écrivez à <a href="mailto:redaction@example.fr">redaction@example.fr</a> ou <em><a href="mailto:a.b@c.fr">a.b@c.fr</a></em>.</p>';
    expect(fr('Écrivez à redaction@example.fr ou *a.b@c.fr*.')).toBe(linked);
    expect(fr('Écrivez à redaction&#64;example.fr ou *a.b&#x40;c.fr*.')).toBe(linked);
    expect(fr('Écrivez à la rédaction ou à example.fr.')).toBe('<p>Écrivez à la rédaction ou à example.fr.</p>');
  });

  it('links bare web addresses wherever they stand, and nothing in a body without one', () => {
    const html = fr('- Voir *www.fevad.com* ou\n- > https://example.fr/page.');
    expect(html).toContain('<em><a href="http://www.fevad.com" rel="external noopener noreferrer" class="shows-address">www.fevad.com</a></em>');
    expect(html).toContain('<a href="https://example.fr/page" rel="external noopener noreferrer" class="shows-address">https://example.fr/page</a>.');
    expect(fr('Le site fevad.com et le protocole http sans adresse.')).toBe('<p>Le site fevad.com et le protocole http sans adresse.</p>');
  });

  it('keeps mailto links without rel', () => {
    expect(fr('[Écrire](mailto:redaction@example.fr)')).toBe('<p><a href="mailto:redaction@example.fr">Écrire</a></p>');
  });
});

describe('emoji', () => {
  it('keeps Unicode emoji as typed', () => {
    expect(fr('Bravo 🎉')).toBe('<p>Bravo 🎉</p>');
  });

  it('turns GitHub shortcodes into emoji', () => {
    expect(fr('Lancement :rocket: attention :warning: et :wink:')).toBe('<p>Lancement 🚀 attention ⚠️ et 😉</p>');
  });

  it('finds shortcodes deep in the tree, in a body that holds a single one', () => {
    expect(fr('Intro sans émoji.\n\n- une liste\n- un [lien :rocket:](https://example.fr) dans un **élément**')).toContain(
      '<a href="https://example.fr" rel="external noopener noreferrer">lien 🚀</a>',
    );
    expect(fr('| A | B |\n| --- | --- |\n| x | *:tada:* |')).toContain('<em>🎉</em>');
  });

  it('leaves unknown shortcodes and shortcodes in code alone', () => {
    expect(fr(':pas-un-emoji: `:rocket:`')).toBe('<p>:pas-un-emoji: <code>:rocket:</code></p>');
  });
});

describe('French typography in the pipeline', () => {
  it('applies French spacing to prose', () => {
    expect(fr('Création d’emplois : Ecommerce ou Retail ?')).toBe(
      `<p>Création d’emplois${NBSP}: Ecommerce ou Retail${THIN}?</p>`,
    );
    expect(fr("« L'essentiel » : 45 000 € et + 42 %")).toBe(
      `<p>«${NBSP}L’essentiel${NBSP}»${NBSP}: 45${THIN}000${NBSP}€ et +${NBSP}42${NBSP}%</p>`,
    );
  });

  it('does not touch code, keyboard input or sample output', () => {
    expect(fr("Tapez `a : b ?` puis <kbd>Ctrl !</kbd> et <samp>l'erreur ?</samp>")).toBe(
      "<p>Tapez <code>a : b ?</code> puis <kbd>Ctrl !</kbd> et <samp>l'erreur ?</samp></p>",
    );
  });

  it('does not touch a link that shows its own address', () => {
    expect(fr('<https://example.com/a?b=c>')).toContain('>https://example.com/a?b=c</a>');
    expect(fr('[https://x.y/?a=b](https://x.y/?a=b)')).toContain('>https://x.y/?a=b</a>');
  });

  it('fixes link text that is prose', () => {
    expect(fr('[Lire : le bilan](/bilan)')).toBe(`<p><a href="/bilan">Lire${NBSP}: le bilan</a></p>`);
  });

  it('spaces "?", "!" and ";" that follow emphasis or a link, as after a plain word', () => {
    expect(fr('Texte *vraiment*? et [un lien](https://a.fr)? et **gras**! puis *ceci*; enfin')).toBe(
      `<p>Texte <em>vraiment</em>${THIN}? et <a href="https://a.fr" rel="external noopener noreferrer">un lien</a>${THIN}? et <strong>gras</strong>${THIN}! puis <em>ceci</em>${THIN}; enfin</p>`,
    );
    // The punctuation belongs to the sentence, after code too; not after a number, nor in a smiley.
    expect(fr('Le `code`? Le *42*? Un *smiley*;-)')).toBe(`<p>Le <code>code</code>${THIN}? Le <em>42</em>? Un <em>smiley</em>;-)</p>`);
  });

  it('leaves times and smileys alone', () => {
    expect(fr('Rendez-vous à 10:30 ;-)')).toBe('<p>Rendez-vous à 10:30 ;-)</p>');
  });

  it('is not applied to English articles, which only get curly apostrophes', () => {
    expect(en("Sales: up 42 % ? It's true")).toBe('<p>Sales: up 42 % ? It’s true</p>');
  });
});

describe('text that looks like a directive but is prose', () => {
  it('gives back colons followed by words, as typed', () => {
    expect(fr('Note:important et ratio 16:9')).toBe('<p>Note:important et ratio 16:9</p>');
  });

  it('gives back an unknown inline directive with its label and attributes', () => {
    expect(fr('Un :mot[avec *label*]{a=1} ici')).toBe('<p>Un :mot[avec <em>label</em>]{a=1} ici</p>');
  });

  it('shows an unknown leaf directive as typed, so the writer notices', () => {
    expect(fr('::carte{lieu="Lille"}')).toBe('<p>::carte{lieu="Lille"}</p>');
  });

  it('keeps the content of an unknown container directive', () => {
    expect(fr(':::encadre[Titre]\nTexte\n:::')).toBe('<p>Titre</p>\n<p>Texte</p>');
  });
});
