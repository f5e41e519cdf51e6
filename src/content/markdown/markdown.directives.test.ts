import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.pipeline.ts';

const fr = (markdown: string) => renderMarkdown(markdown, { locale: 'fr' }).html;
const en = (markdown: string) => renderMarkdown(markdown, { locale: 'en' }).html;

describe(':::pullquote', () => {
  it('renders a figure around a blockquote, not an aside', () => {
    expect(fr(':::pullquote\nLe *commerce* change.\n:::')).toBe(
      '<figure class="pullquote"><blockquote>\n<p>Le <em>commerce</em> change.</p>\n</blockquote></figure>',
    );
  });

  it('captions the quote with the label as its attribution', () => {
    expect(fr(':::pullquote[Marc Lolivier, Fevad]\nLe commerce change.\n:::')).toBe(
      '<figure class="pullquote"><blockquote>\n<p>Le commerce change.</p>\n</blockquote>' +
        '<figcaption>Marc Lolivier, Fevad</figcaption></figure>',
    );
  });

  it('ignores attributes the writer adds', () => {
    expect(fr(':::pullquote{#x .rouge onclick="alert(1)"}\nCitation\n:::')).toBe(
      '<figure class="pullquote"><blockquote>\n<p>Citation</p>\n</blockquote></figure>',
    );
  });
});

describe(':::sources', () => {
  it('renders a section labelled by its heading', () => {
    expect(fr(':::sources\n- [Fevad](https://www.fevad.com)\n- Insee, 2024\n:::')).toBe(
      '<section class="sources" aria-labelledby="sources"><h2 id="sources">Sources</h2>\n<ul>\n' +
        '<li><a href="https://www.fevad.com" rel="external noopener noreferrer">Fevad</a></li>\n<li>Insee, 2024</li>\n' +
        '</ul>\n</section>',
    );
  });

  it('accepts paragraphs and a heading of the writer’s choice', () => {
    expect(fr(':::sources[Pour aller plus loin]\nRapport annuel.\n:::')).toBe(
      '<section class="sources" aria-labelledby="sources"><h2 id="sources">Pour aller plus loin</h2>\n' +
        '<p>Rapport annuel.</p>\n</section>',
    );
  });

  it('gives each sources block an id unique in the article, headings included', () => {
    const html = fr('## Sources\n\n:::sources\nA\n:::\n\n:::sources\nB\n:::');
    expect(html).toContain('<h2 id="sources">Sources<a class="anchor"');
    expect(html).toContain('<section class="sources" aria-labelledby="sources-2"><h2 id="sources-2">Sources</h2>');
    expect(html).toContain('<section class="sources" aria-labelledby="sources-3"><h2 id="sources-3">Sources</h2>');
  });
});

describe('::readmore', () => {
  it('links to the full piece with the default label, sending no referrer', () => {
    expect(fr('::readmore{href="https://www.lsa-conso.fr/article"}')).toBe(
      '<p class="read-more"><a href="https://www.lsa-conso.fr/article" rel="external noopener noreferrer">Lire la suite</a></p>',
    );
    expect(en('::readmore{href="https://example.com/a"}')).toContain('>Read more</a>');
  });

  it('uses the label when one is given', () => {
    expect(fr('::readmore[Lire l’analyse]{href="https://example.com/a"}')).toBe(
      '<p class="read-more"><a href="https://example.com/a" rel="external noopener noreferrer">Lire l’analyse</a></p>',
    );
  });

  it('accepts a path on the site, which stays an internal link', () => {
    expect(fr('::readmore{href="/ecommerce/bilan-2024"}')).toBe(
      '<p class="read-more"><a href="/ecommerce/bilan-2024">Lire la suite</a></p>',
    );
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', '//evil.example/x', 'mailto:a@b.c', ''])(
    'shows ::readmore as typed when its address is %j',
    (href) => {
      expect(fr(`::readmore{href="${href}"}`)).toBe(`<p>::readmore{href="${href}"}</p>`);
    },
  );
});

describe('directives together', () => {
  it('builds a video inside a pull-quote', () => {
    const html = fr(':::pullquote\n::video{url="https://youtu.be/dQw4w9WgXcQ"}\n:::');
    expect(html).toMatch(/^<figure class="pullquote"><blockquote>\n<figure class="video-embed ratio-16x9"><iframe /);
  });
});
