import { describe, expect, it } from 'vitest';
import { flattenBlocks, type BlockProblem } from './wp.content.blocks.ts';

function flatten(content: string): { html: string; problems: BlockProblem[] } {
  const problems: BlockProblem[] = [];
  return { html: flattenBlocks(content, (problem) => problems.push(problem)), problems };
}

describe('flattenBlocks', () => {
  it('removes block comments and keeps the HTML they hold', () => {
    const { html } = flatten('<!-- wp:paragraph {"align":"center"} -->\n<p>Texte</p>\n<!-- /wp:paragraph -->');
    expect(html.trim()).toBe('<p>Texte</p>');
  });

  it('reads nested blocks, with or without the core/ namespace', () => {
    const { html } = flatten(
      '<!-- wp:core/group --><div class="wp-block-group"><!-- wp:heading {"level":3} --><h3>Titre</h3><!-- /wp:heading --></div><!-- /wp:core/group -->',
    );
    expect(html.replace(/\n/g, '')).toBe('<div class="wp-block-group"><h3>Titre</h3></div>');
  });

  it('reads attributes whose strings hold braces and "-->"-like text', () => {
    const { html } = flatten('<!-- wp:embed {"url":"https://vimeo.com/76979871","providerNameSlug":"vimeo","note":"a } b"} -->\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\nhttps://vimeo.com/76979871\n</div></figure>\n<!-- /wp:embed -->');
    expect(html).toContain('<wp-embed url="https://vimeo.com/76979871"></wp-embed>');
  });

  it('takes an embed address from its attributes, else from its wrapper (older blocks)', () => {
    const legacy = flatten('<!-- wp:core-embed/youtube --><figure class="wp-block-embed"><div class="wp-block-embed__wrapper">https://youtu.be/dQw4w9WgXcQ</div><figcaption>Légende</figcaption></figure><!-- /wp:core-embed/youtube -->');
    expect(legacy.html).toBe('<figure class="wp-block-embed"><wp-embed url="https://youtu.be/dQw4w9WgXcQ"></wp-embed><figcaption>Légende</figcaption></figure>');
  });

  it('runs wpautop on classic text between blocks, and not inside blocks', () => {
    const { html } = flatten('Texte libre\nsur deux lignes\n\n<!-- wp:html -->\n<div>un\ndeux</div>\n<!-- /wp:html -->');
    expect(html).toContain('<p>Texte libre<br />\nsur deux lignes</p>');
    expect(html).toContain('<div>un\ndeux</div>');
  });

  it('reports void blocks whose content lives in the database, and not separators or spacers', () => {
    const { html, problems } = flatten('<!-- wp:latest-posts {"postsToShow":3} /--><!-- wp:block {"ref":42} /--><!-- wp:spacer /-->');
    expect(html).toBe('');
    expect(problems).toEqual([
      { code: 'block_dropped', detail: 'core/latest-posts' },
      { code: 'block_dropped', detail: 'core/block (ref 42)' },
    ]);
  });

  it('tolerates a closer without its opener, as each side of the excerpt break has', () => {
    expect(flatten('<!-- /wp:more -->\n<!-- wp:paragraph --><p>Suite</p><!-- /wp:paragraph -->').html.trim()).toBe('<p>Suite</p>');
  });

  it('shows a reusable block where it is placed, once even when it holds itself', () => {
    const blocks = new Map([[345, '<!-- wp:paragraph --><p>Bloc</p><!-- /wp:paragraph --><!-- wp:block {"ref":345} /-->']]);
    const problems: BlockProblem[] = [];
    const html = flattenBlocks('<p>Avant</p><!-- wp:block {"ref":345} /--><!-- wp:block {"ref":7} /-->', (problem) => problems.push(problem), (ref) => blocks.get(ref));
    expect(html.replace(/\n/g, '')).toBe('<p>Avant</p><p>Bloc</p>');
    expect(problems).toEqual([{ code: 'block_dropped', detail: 'core/block (ref 345)' }, { code: 'block_dropped', detail: 'core/block (ref 7)' }]);
  });
});
