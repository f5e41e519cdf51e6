import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from './markdown.frontmatter.ts';
import { mapFrontMatter, type MappingResult } from './markdown.mapping.ts';

const NOW = new Date('2026-01-15T12:00:00Z');

function map(frontMatter: string, relativeFile = 'posts/article.md'): MappingResult {
  const split = splitFrontMatter(`---\n${frontMatter}\n---\nTexte.\n`);
  if (!split.ok) throw new Error(`unexpected problem: ${JSON.stringify(split.problem)}`);
  return mapFrontMatter(split.frontMatter, { relativeFile, timeZone: 'Europe/Paris', now: NOW });
}

function post(frontMatter: string, relativeFile?: string) {
  const result = map(frontMatter, relativeFile);
  if (!result.ok) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return result.post;
}

describe('mapFrontMatter', () => {
  it('reads the YAML 1.1 booleans Jekyll and Hugo accept, whatever their case', () => {
    for (const written of ['no', 'No', 'off', 'OFF', 'n', 'false']) {
      expect(post(`title: T\ndate: 2024-01-01\npublished: ${written}`).input.status, written).toBe('draft');
    }
    for (const written of ['yes', 'Yes', 'on', 'Y', 'true']) {
      expect(post(`title: T\ndate: 2024-01-01\ndraft: ${written}`).input.status, written).toBe('draft');
      expect(post(`title: T\ndate: 2024-01-01\nfeatured: ${written}`).input.featured, written).toBe(true);
      expect(post(`title: T\nnoindex: ${written}`).input.noindex, written).toBe(true);
    }
    expect(post('title: T\ndate: 2024-01-01\ndraft: no\npublished: yes\nfeatured: off').input).toMatchObject({ status: 'published', featured: false });
    expect(post('title: T\nnoindex: Off').input.noindex).toBe(false);
  });

  it('publishes at Hugo\'s publishDate rather than at the content\'s date', () => {
    expect(post('title: T\ndate: 2020-01-01\npublishDate: 2031-01-01').input).toMatchObject({ status: 'scheduled', publishedAt: '2030-12-31T23:00:00.000Z' });
    expect(post('title: T\ndate: 2031-01-01\npublishdate: 2020-01-01').input).toMatchObject({ status: 'published', publishedAt: '2019-12-31T23:00:00.000Z' });
  });

  it('imports a post past its Hugo expiry date as a draft, and says so', () => {
    const expired = post('title: T\ndate: 2020-01-01\nexpiryDate: 2025-06-01');
    expect(expired.input).toMatchObject({ status: 'draft', publishedAt: null });
    expect(expired.warnings).toEqual([{ line: 4, code: 'post_expired', params: { date: '2025-06-01' } }]);
    expect(post('title: T\ndate: 2020-01-01\nexpirydate: 2030-01-01')).toMatchObject({ input: { status: 'published' }, warnings: [] });
    // Already a draft: nothing to tell.
    expect(post('title: T\ndraft: true\nexpiryDate: 2025-06-01').warnings).toEqual([]);
    expect(map('title: T\nexpiryDate: bientôt')).toMatchObject({ ok: false, problems: [{ line: 3, code: 'date_invalid' }] });
  });

  it('imports an Eleventy post without a page of its own as a draft named after its file, and says so', () => {
    const withoutPage = post('title: T\ndate: 2020-01-01\npermalink: false', 'posts/2020-01-01-sans-page.md');
    expect(withoutPage.input).toMatchObject({ slug: 'sans-page', status: 'draft', publishedAt: null });
    expect(withoutPage.warnings).toEqual([{ line: 4, code: 'post_without_page', params: {} }]);
    expect(post('title: T\nslug: choisi\npermalink: false').input.slug).toBe('choisi');
  });

  it('takes no slug from a templated permalink, and the page name from one ending in .html', () => {
    const slugOf = (frontMatter: string) => post(`title: Mon titre\n${frontMatter}`, 'posts/mon-fichier.md').input.slug;
    expect(slugOf("permalink: '/blog/{{ page.fileSlug }}/'")).toBe('mon-fichier');
    expect(slugOf("permalink: '/{{ title | slugify }}/'")).toBe('mon-fichier');
    expect(slugOf("permalink: '/{% if lang %}{{ lang }}/{% endif %}article/'")).toBe('mon-fichier');
    expect(slugOf("slug: choisi\npermalink: '/{{ title | slugify }}/'")).toBe('choisi');
    expect(slugOf('permalink: /blog/mon-article/index.html')).toBe('mon-article');
    expect(slugOf('permalink: /blog/mon-article.html')).toBe('mon-article');
    expect(slugOf('permalink: /index.html')).toBe('mon-fichier');
  });

  it('splits a Jekyll post\'s categories and tags written as one string on spaces, as Jekyll does', () => {
    const jekyll = post('title: T\ncategories: economie commerce\ncategory: Grand public\ntags: a, b  c', '_posts/2024-01-01-article.md').input;
    expect(jekyll).toMatchObject({ categories: ['economie', 'commerce', 'Grand public'], tags: ['a', 'b', 'c'] });
    expect(post('title: T\ntags: a b', '_drafts/idee.md').input.tags).toEqual(['a', 'b']);
    expect(post('title: T\ntags: [mot composé]', '_posts/2024-01-01-article.md').input.tags).toEqual(['mot composé']);
    // Hugo, Eleventy and Astro read such a string as one name; commas still part names.
    expect(post('title: T\ncategories: Grand public\ntags: "a b, c"', 'content/posts/article.md').input).toMatchObject({ categories: ['Grand public'], tags: ['a b', 'c'] });
  });

  it('refuses a cover whose address would run a script or carry its own data', () => {
    expect(map('title: T\nimage: "javascript:alert(1)"')).toEqual({
      ok: false,
      problems: [{ line: 3, code: 'image_address_invalid', params: { field: 'image', value: 'javascript:alert(1)' } }],
    });
    for (const written of ['"JavaScript:alert(1)"', '"java\\tscript:alert(1)"', '"data:image/svg+xml;base64,PHN2Zz4="', '"vbscript:msgbox(1)"', '"https://exa mple.com/a.png"']) {
      expect(map(`title: T\nheroImage:\n  src: ${written}\n  alt: A`), written).toMatchObject({ ok: false, problems: [{ line: 3, code: 'image_address_invalid' }] });
    }
    for (const written of ['img/cover.png', './hero.png', '/images/cover.png', '//cdn.example.com/a.png', 'https://cdn.example.com/a.png']) {
      expect(post(`title: T\ncover: "${written}"`).input.image?.url, written).toBe(written);
    }
  });

  it('still refuses a noindex that is neither true nor false', () => {
    expect(map('title: T\nnoindex: peut-être')).toEqual({ ok: false, problems: [{ line: 3, code: 'field_not_boolean', params: { field: 'noindex' } }] });
  });
});
