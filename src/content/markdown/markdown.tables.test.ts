import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.pipeline.ts';
import { looksNumeric } from './markdown.tables.ts';

const fr = (markdown: string) => renderMarkdown(markdown, { locale: 'fr' }).html;
const en = (markdown: string) => renderMarkdown(markdown, { locale: 'en' }).html;

describe('looksNumeric', () => {
  it.each(['251', '4,65', '1,6', '+ 42 %', '– 6 %', '-1%', '45 000 €', '45\u202F000\u00A0€', '+232 %', '1234', '$1,200.50', '12.5', '0,3 Md€', '1,5 M€', '12 k€', '2 Mds€', '3,5 °C', '-4 °', '2,5 ‰'])(
    '%j is a number',
    (cell) => expect(looksNumeric(cell)).toBe(true),
  );

  it.each(['France', '2024-03-01', 'N/A', '4,65 millions', '10:30', 'x2', '—'])('%j is not a number', (cell) => {
    expect(looksNumeric(cell)).toBe(false);
  });
});

describe('tables', () => {
  const sales = [
    '| Enseigne | CA (Md€) | Évolution |',
    '|---|---|---|',
    '| Amazon | 4,65 | + 42 % |',
    '| Cdiscount | 1,6 | – 6 % |',
    '| Fnac | | -1% |',
  ].join('\n');

  it('right-aligns numeric columns and keeps French decimals exactly as typed', () => {
    const html = fr(sales);
    expect(html).toContain('<th>Enseigne</th>\n<th class="num">CA (Md€)</th>\n<th class="num">Évolution</th>');
    expect(html).toContain('<td>Amazon</td>\n<td class="num">4,65</td>\n<td class="num">+\u00A042\u00A0%</td>');
    expect(html).toContain('<td>Cdiscount</td>\n<td class="num">1,6</td>\n<td class="num">–\u00A06\u00A0%</td>');
    expect(html).toContain('<td>Fnac</td>\n<td class="num"></td>\n<td class="num">-1%</td>');
  });

  it('keeps cell text untouched by typography in English articles', () => {
    expect(en(sales)).toContain('<td class="num">+ 42 %</td>');
  });

  it('wraps every table in a focusable scrolling region named after its column headings', () => {
    expect(fr(sales)).toMatch(
      /^<div class="table-wrap" role="region" tabindex="0" aria-label="Tableau\u00a0: Enseigne, CA \(Md€\), Évolution"><table>\n<thead>/,
    );
    expect(en(sales)).toContain('aria-label="Table: Enseigne, CA (Md€), Évolution"');
  });

  it('gives two tables with the same headings distinct region names', () => {
    const html = fr(`${sales}\n\nEntre les deux.\n\n${sales}`);
    expect(html).toContain('aria-label="Tableau\u00a0: Enseigne, CA (Md€), Évolution"');
    expect(html).toContain('aria-label="Tableau\u00a0: Enseigne, CA (Md€), Évolution (2)"');
  });

  it('reads a table after prose without one, in a body with an e-mail address, and nothing without a pipe', () => {
    const html = fr(`Écrivez à redaction@example.fr.\n\n${sales}`);
    expect(html).toContain('<a href="mailto:redaction@example.fr">redaction@example.fr</a>');
    expect(html).toContain('<td>Amazon</td>\n<td class="num">4,65</td>');
    // Written as character references, pipes are text: no table, with or without the construct.
    expect(fr('a &#124; b\n--- &#124; ---')).toBe('<p>a | b\n--- | ---</p>');
    expect(fr('Titre\n---\n\nTexte')).toBe('<h2 id="titre">Titre<a class="anchor" href="#titre" aria-label="Lien vers cette section">#</a></h2>\n<p>Texte</p>');
  });

  it('turns GFM alignment into classes, since style attributes are sanitised away', () => {
    const html = fr('| a | b | c |\n|:--|:-:|--:|\n| x | y | 3 |');
    expect(html).toContain('<th class="align-left">a</th>\n<th class="align-center">b</th>\n<th class="num align-right">c</th>');
    expect(html).toContain('<td class="align-left">x</td>\n<td class="align-center">y</td>\n<td class="num align-right">3</td>');
    expect(html).not.toContain('align=');
  });

  it('captions a table wrapped in :::table[…] and names its region after the caption', () => {
    const html = fr(':::table[Ventes *2024*]\n| Mois | Ventes |\n|---|---|\n| Janvier | 1 650 |\n:::');
    expect(html).toContain(
      '<div class="table-wrap" role="region" tabindex="0" aria-label="Ventes 2024"><table><caption>Ventes <em>2024</em></caption>',
    );
    expect(html).toContain('<td class="num">1\u202F650</td>');
  });

  it('keeps the label of a :::table without a table as an ordinary paragraph', () => {
    expect(fr(':::table[Pas de tableau]\nTexte\n:::')).toBe('<p>Pas de tableau</p>\n<p>Texte</p>');
  });

  it('does not call a column numeric when only its header is filled', () => {
    expect(fr('| a | b |\n|---|---|\n| x | |')).toContain('<th>b</th>');
  });
});
