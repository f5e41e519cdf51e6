import { describe, expect, it } from 'vitest';
import { absoluteUrl, isMediaLink, isSafeHref, localLink, originalMediaUrl, videoOf } from './wp.content.media.ts';

const SITE = 'https://blog.example.fr';

describe('originalMediaUrl', () => {
  it('removes the size WordPress gives resized copies', () => {
    expect(originalMediaUrl('https://b.fr/wp-content/uploads/2024/05/photo-300x200.jpg')).toBe('https://b.fr/wp-content/uploads/2024/05/photo.jpg');
    expect(originalMediaUrl('/wp-content/uploads/a-1024x768.webp?v=2')).toBe('/wp-content/uploads/a.webp?v=2');
  });

  it('keeps names that only look alike', () => {
    expect(originalMediaUrl('https://b.fr/photo-2024.jpg')).toBe('https://b.fr/photo-2024.jpg');
    expect(originalMediaUrl('https://b.fr/300x200/photo.jpg')).toBe('https://b.fr/300x200/photo.jpg');
  });
});

describe('absoluteUrl', () => {
  it('resolves paths and protocol-relative addresses against the old blog', () => {
    expect(absoluteUrl('/wp-content/uploads/a.jpg', SITE)).toBe('https://blog.example.fr/wp-content/uploads/a.jpg');
    expect(absoluteUrl('//cdn.example.fr/a.jpg', SITE)).toBe('https://cdn.example.fr/a.jpg');
    expect(absoluteUrl('https://autre.fr/a.jpg', SITE)).toBe('https://autre.fr/a.jpg');
  });

  it('keeps a relative address when the blog address is unknown', () => {
    expect(absoluteUrl('/a.jpg', undefined)).toBe('/a.jpg');
  });
});

describe('isMediaLink', () => {
  it('knows uploads on any host and media files on the blog', () => {
    expect(isMediaLink('https://i0.wp.com/blog.example.fr/wp-content/uploads/a.pdf', SITE)).toBe(true);
    expect(isMediaLink('https://www.blog.example.fr/docs/rapport.pdf', SITE)).toBe(true);
    expect(isMediaLink('https://ailleurs.fr/rapport.pdf', SITE)).toBe(false);
    expect(isMediaLink('https://blog.example.fr/2024/05/article/', SITE)).toBe(false);
  });
});

describe('localLink', () => {
  it('links the old blog by path, so the new site’s redirects answer', () => {
    expect(localLink('https://www.blog.example.fr/2024/05/article/?x=1#s', SITE)).toBe('/2024/05/article/?x=1#s');
    expect(localLink('https://ailleurs.fr/page', SITE)).toBe('https://ailleurs.fr/page');
  });
});

describe('isSafeHref', () => {
  it('refuses scripts and data, even disguised', () => {
    for (const href of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:x', 'data:text/html,x', 'vbscript:x']) {
      expect(isSafeHref(href)).toBe(false);
    }
  });

  it('accepts web, mail and relative addresses', () => {
    for (const href of ['https://a.fr', 'http://a.fr', 'mailto:a@b.fr', '/chemin', '#ancre', 'page.html']) expect(isSafeHref(href)).toBe(true);
  });
});

describe('videoOf', () => {
  it('reads the player addresses WordPress stores', () => {
    expect(videoOf('//www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed')).toEqual({ provider: 'youtube', id: 'dQw4w9WgXcQ' });
    expect(videoOf('https://www.dailymotion.com/embed/video/x7tgad0')).toEqual({ provider: 'dailymotion', id: 'x7tgad0' });
    expect(videoOf('https://player.vimeo.com/video/76979871?h=abc')).toEqual({ provider: 'vimeo', id: '76979871' });
    expect(videoOf('https://twitter.com/x/status/1')).toBeUndefined();
  });
});
