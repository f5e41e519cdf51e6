import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.pipeline.ts';

const sizes: Record<string, { width: number; height: number }> = { '/media/2024/soldes.webp': { width: 1200, height: 675 } };
const fr = (markdown: string) =>
  renderMarkdown(markdown, { locale: 'fr', imageSize: (src) => sizes[src] }).html;

describe('figures', () => {
  it('turns an image alone in its paragraph into a figure captioned by its title', () => {
    expect(fr('![Rayon soldes](/media/2024/soldes.webp "Les soldes d’hiver à Lille")')).toBe(
      '<figure><img src="/media/2024/soldes.webp" alt="Rayon soldes" loading="lazy" decoding="async" width="1200" height="675">' +
        '<figcaption>Les soldes d’hiver à Lille</figcaption></figure>',
    );
  });

  it('makes a figure without caption when the image has no title', () => {
    expect(fr('![Rayon soldes](/media/2024/soldes.webp)')).toBe(
      '<figure><img src="/media/2024/soldes.webp" alt="Rayon soldes" loading="lazy" decoding="async" width="1200" height="675"></figure>',
    );
  });

  it('leaves out width and height when the size is unknown', () => {
    expect(fr('![Logo](https://cdn.example.com/logo.png)')).toBe(
      '<figure><img src="https://cdn.example.com/logo.png" alt="Logo" loading="lazy" decoding="async"></figure>',
    );
  });

  it('keeps an image inside a sentence inline, with its title', () => {
    expect(fr('Le logo ![Fevad](/logo.png "Fevad") est connu.')).toBe(
      '<p>Le logo <img src="/logo.png" alt="Fevad" loading="lazy" decoding="async" title="Fevad"> est connu.</p>',
    );
  });

  it('keeps an empty alternative text for decorative images', () => {
    expect(fr('![](/media/2024/soldes.webp)')).toContain('alt=""');
  });

  it('replaces an image whose address was unsafe by its alternative text', () => {
    expect(fr('Avant ![un graphique](javascript:alert(1)) après')).toBe('<p>Avant un graphique après</p>');
  });
});
