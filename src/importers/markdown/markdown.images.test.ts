import { describe, expect, it } from 'vitest';
import { findBodyImages, isLocalReference, rewriteDestinations } from './markdown.images.ts';

function rewriteAll(body: string, url: (written: string) => string): string {
  return rewriteDestinations(
    body,
    findBodyImages(body).map((image) => ({ start: image.start, end: image.end, url: url(image.written) })),
  );
}

describe('findBodyImages', () => {
  it('finds inline images with their line, and rewrites only the destination', () => {
    const body = 'Intro\n\n![Un graphique](img/chart.png "Le titre")\n\nTexte ![logo](<logo du site.svg>) fin.\n';
    const images = findBodyImages(body);
    expect(images.map(({ written, line }) => ({ written, line }))).toEqual([
      { written: 'img/chart.png', line: 3 },
      { written: 'logo du site.svg', line: 5 },
    ]);
    expect(rewriteAll(body, (written) => `/media/${written.length}.png`)).toBe(
      'Intro\n\n![Un graphique](/media/13.png "Le titre")\n\nTexte ![logo](/media/16.png) fin.\n',
    );
  });

  it('finds the definitions that reference-style images use, and not those of links', () => {
    const body = 'Voir ![le schéma][schema] et [la doc][doc].\n\n[schema]: ./schema.png "Schéma"\n[doc]: ./doc.pdf\n';
    expect(rewriteAll(body, () => '/media/s.png')).toBe(
      'Voir ![le schéma][schema] et [la doc][doc].\n\n[schema]: /media/s.png "Schéma"\n[doc]: ./doc.pdf\n',
    );
  });

  it('leaves remote images and examples in code alone', () => {
    const body = '![remote](https://example.com/a.png)\n\n```md\n![example](local.png)\n```\n\n`![inline](code.png)`\n';
    expect(findBodyImages(body)).toEqual([]);
  });

  it('finds the destination even when the alternative text looks like one', () => {
    const body = '![voir [le site](y.html) ici](photo.png)';
    expect(findBodyImages(body).map((image) => image.written)).toEqual(['photo.png']);
    expect(rewriteAll(body, () => '/media/p.png')).toBe('![voir [le site](y.html) ici](/media/p.png)');
  });
});

describe('isLocalReference', () => {
  it('tells files from web addresses', () => {
    expect(['img/a.png', '../a.png', '/images/a.png', 'a.png?v=2'].every(isLocalReference)).toBe(true);
    expect(['https://x.fr/a.png', 'http://x.fr/a.png', '//cdn.x.fr/a.png', 'data:image/png;base64,AA', '#top', ''].some(isLocalReference)).toBe(false);
  });
});
