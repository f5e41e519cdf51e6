import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.pipeline.ts';

const render = (markdown: string) => renderMarkdown(markdown, { locale: 'fr' });

describe('heading anchors', () => {
  it('gives a heading an id from its text and a self-link', () => {
    expect(render('## Création d’emplois : Ecommerce ou Retail ?').html).toBe(
      '<h2 id="creation-demplois-ecommerce-ou-retail">Création d’emplois\u00A0: Ecommerce ou Retail\u202F?' +
        '<a class="anchor" href="#creation-demplois-ecommerce-ou-retail" aria-label="Lien vers cette section">#</a></h2>',
    );
  });

  it('labels the self-link in the article’s language', () => {
    expect(renderMarkdown('### Results', { locale: 'en' }).html).toBe(
      '<h3 id="results">Results<a class="anchor" href="#results" aria-label="Link to this section">#</a></h3>',
    );
  });

  it('numbers repeated headings so ids stay unique', () => {
    const { html, headings } = render('## Bilan\n\n### Bilan\n\n## Bilan');
    expect(headings.map(({ id }) => id)).toEqual(['bilan', 'bilan-2', 'bilan-3']);
    expect(html).toContain('<h3 id="bilan-2">');
  });

  it('demotes h1 to h2, as the article title is the page’s only h1', () => {
    const { html, headings } = render('# Le titre répété\n\nTexte\n\n## Partie');
    expect(html).toContain('<h2 id="le-titre-repete">Le titre répété<a');
    expect(html).not.toContain('<h1');
    expect(headings).toEqual([
      { depth: 2, id: 'le-titre-repete', text: 'Le titre répété' },
      { depth: 2, id: 'partie', text: 'Partie' },
    ]);
  });

  it('demotes h1 written in HTML too', () => {
    expect(render('<h1>Titre</h1>').html).toContain('<h2 id="titre">Titre<a');
  });

  it('falls back to a generic id when the heading has no letters or digits', () => {
    expect(render('## 🚀').headings).toEqual([{ depth: 2, id: 'section', text: '🚀' }]);
  });

  it('lists headings with their depth and typographically fixed text, without the self-link', () => {
    expect(render('## Bilan : 2024\n\n#### Détail *fin*').headings).toEqual([
      { depth: 2, id: 'bilan-2024', text: 'Bilan\u00A0: 2024' },
      { depth: 4, id: 'detail-fin', text: 'Détail fin' },
    ]);
  });

  it('takes the id a writer gives with {#id}, as Hugo and Pandoc do, before the ids made from texts', () => {
    const { html, headings } = render('## Les chiffres {#chiffres}\n\n## Chiffres\n\n### **Étape** un {#Étape_1.a}\n\n[voir](#chiffres)');
    expect(headings).toEqual([
      { depth: 2, id: 'chiffres', text: 'Les chiffres' },
      { depth: 2, id: 'chiffres-2', text: 'Chiffres' },
      { depth: 3, id: 'Étape_1.a', text: 'Étape un' },
    ]);
    expect(html).toContain('<h2 id="chiffres">Les chiffres<a class="anchor" href="#chiffres"');
    expect(html).toContain('<h3 id="Étape_1.a"><strong>Étape</strong> un<a class="anchor"');
    expect(html).toContain('<a href="#chiffres">voir</a>');
  });

  it('numbers a writer’s id given twice, and keeps as text what is not an id', () => {
    expect(render('## Un {#x}\n\n## Deux {#x}').headings.map(({ id }) => id)).toEqual(['x', 'x-2']);
    expect(render('## Titre {#deux mots}').headings).toEqual([{ depth: 2, id: 'titre-deux-mots', text: 'Titre {#deux mots}' }]);
    expect(render('## {#seul}').headings).toEqual([{ depth: 2, id: 'seul', text: '{#seul}' }]);
    expect(render('## Code `{#x}`').headings[0]!.id).toBe('code-x');
    expect(render('## Piège {#x" onclick="alert(1)}').headings[0]!.id).toBe('piege-x-onclick-alert-1');
  });

  it('leaves the page’s own ids to the page: its top, its content, its sections and its comments', () => {
    const ids = render('## Top\n\n## Contenu\n\n## K latest\n\n## Comment 12\n\n## K-2000\n\n## Comment faire {#contenu}').headings.map(({ id }) => id);
    expect(ids).toEqual(['top-2', 'contenu-3', 'k-latest-2', 'comment-12-2', 'k-2000', 'contenu-2']);
  });

  it('makes Markdown links to a heading reach it', () => {
    expect(render('## Les chiffres\n\n[voir](#les-chiffres)').html).toContain('<a href="#les-chiffres">voir</a>');
  });
});
