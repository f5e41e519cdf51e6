import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../content/markdown/markdown.pipeline.ts';
import { wordpressToMarkdown } from './wp.content.ts';

const ID = 'f1a2b3c4-0000-4000-8000-000000000001';
const OTHER = 'f1a2b3c4-0000-4000-8000-000000000002';
const call = (id: string, number: number) => `<sup data-fn="${id}" class="fn"><a href="#${id}" id="${id}-link">${number}</a></sup>`;
const meta = JSON.stringify([
  { content: 'Source : <a href="https://insee.fr">INSEE</a>, 2021.', id: ID },
  { content: 'Une <em>autre</em> note.', id: OTHER },
]);

describe('Gutenberg footnotes', () => {
  it('become GFM footnotes numbered in the order the text calls them, their texts from the post meta', () => {
    const content = `<!-- wp:paragraph -->\n<p>Une affirmation${call(OTHER, 1)} sourcée${call(ID, 2)}.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:footnotes /-->`;
    const result = wordpressToMarkdown(content, { footnotes: meta });
    expect(result.markdown).toBe('Une affirmation[^1] sourcée[^2].\n\n[^1]: Une *autre* note.\n\n[^2]: Source : [INSEE](https://insee.fr), 2021.');
    expect(result.problems).toEqual([]);
    const html = renderMarkdown(result.markdown, { locale: 'fr' }).html;
    expect(html).toContain('data-footnote-ref');
    expect(html).toContain('<a href="https://insee.fr" rel="external noopener noreferrer">INSEE</a>');
  });

  it('give the teaser the notes it calls, and the whole text each note once', () => {
    const content = `<p>Avant${call(ID, 1)}.</p><!--more--><p>Après${call(OTHER, 2)}.</p>`;
    const result = wordpressToMarkdown(content, { footnotes: meta });
    expect(result.teaser).toBe('Avant[^1].\n\n[^1]: Source : [INSEE](https://insee.fr), 2021.');
    expect(result.markdown).toBe('Avant[^1].\n\nAprès[^2].\n\n[^1]: Source : [INSEE](https://insee.fr), 2021.\n\n[^2]: Une *autre* note.');
  });

  it('leave a call whose text the export lacks as the number it showed', () => {
    expect(wordpressToMarkdown(`<p>Texte${call(ID, 1)}</p>`).markdown).toBe('Texte<sup>[1](#f1a2b3c4-0000-4000-8000-000000000001)</sup>');
  });
});
