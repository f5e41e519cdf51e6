import type { Element } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { parseVideoUrl, playerUrl } from './markdown.embeds.ts';
import { renderMarkdown } from './markdown.pipeline.ts';

const fr = (markdown: string) => renderMarkdown(markdown, { locale: 'fr' }).html;
const en = (markdown: string) => renderMarkdown(markdown, { locale: 'en' }).html;

function elements(html: string): Element[] {
  const found: Element[] = [];
  visit(unified().use(rehypeParse, { fragment: true }).parse(html), 'element', (element) => {
    found.push(element);
  });
  return found;
}

function placeholderOf(html: string): string {
  const iframe = elements(html).find((element) => element.tagName === 'iframe');
  return String(iframe?.properties.srcDoc);
}

describe('parseVideoUrl', () => {
  it.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'youtube', 'dQw4w9WgXcQ'],
    ['https://m.youtube.com/watch?v=dQw4w9WgXcQ', 'youtube', 'dQw4w9WgXcQ'],
    ['https://youtu.be/dQw4w9WgXcQ', 'youtube', 'dQw4w9WgXcQ'],
    ['https://www.youtube.com/embed/dQw4w9WgXcQ', 'youtube', 'dQw4w9WgXcQ'],
    ['https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', 'youtube', 'dQw4w9WgXcQ'],
    ['https://vimeo.com/76979871', 'vimeo', '76979871'],
    ['https://player.vimeo.com/video/76979871', 'vimeo', '76979871'],
    ['https://www.dailymotion.com/video/x8abcd1', 'dailymotion', 'x8abcd1'],
    ['https://www.dailymotion.com/video/x7tgad0_le-titre-de-la-video', 'dailymotion', 'x7tgad0'],
    ['https://dai.ly/x8abcd1', 'dailymotion', 'x8abcd1'],
  ])('%s is %s %s', (url, provider, id) => {
    expect(parseVideoUrl(url)).toEqual({ provider, id });
  });

  it.each([
    ['https://youtu.be/dQw4w9WgXcQ?t=42', 42],
    ['https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s', 42],
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s', 90],
    ['https://www.youtube.com/embed/dQw4w9WgXcQ?start=42', 42],
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1h2m3s', 3723],
  ])('%s starts at %i s', (url, start) => {
    expect(parseVideoUrl(url)).toEqual({ provider: 'youtube', id: 'dQw4w9WgXcQ', start });
  });

  it('ignores a start time that is none', () => {
    expect(parseVideoUrl('https://youtu.be/dQw4w9WgXcQ?t=0')).toEqual({ provider: 'youtube', id: 'dQw4w9WgXcQ' });
    expect(parseVideoUrl('https://youtu.be/dQw4w9WgXcQ?t=soon')).toEqual({ provider: 'youtube', id: 'dQw4w9WgXcQ' });
  });

  it.each([
    'https://www.youtube.com/watch?v=short',
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ"onload="x',
    'https://youtu.be/dQw4w9WgXcQ/extra',
    'https://www.youtube.com/channel/UC123',
    'https://vimeo.com/channels/staffpicks',
    'https://vimeo.com/123abc',
    'https://www.dailymotion.com/user/x8abcd1',
    'https://evil.example/watch?v=dQw4w9WgXcQ',
    'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
    'javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ',
    'ftp://youtu.be/dQw4w9WgXcQ',
    'not a url',
  ])('%s is not an embeddable video', (url) => {
    expect(parseVideoUrl(url)).toBeUndefined();
  });

  it('builds each provider’s player address with autoplay', () => {
    expect(playerUrl({ provider: 'youtube', id: 'dQw4w9WgXcQ' })).toBe(
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1',
    );
    expect(playerUrl({ provider: 'youtube', id: 'dQw4w9WgXcQ', start: 90 })).toBe(
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=90',
    );
    expect(playerUrl({ provider: 'vimeo', id: '76979871' })).toBe('https://player.vimeo.com/video/76979871?autoplay=1&dnt=1');
    expect(playerUrl({ provider: 'dailymotion', id: 'x8abcd1' })).toBe(
      'https://www.dailymotion.com/embed/video/x8abcd1?autoplay=1',
    );
  });
});

describe('video embeds', () => {
  it('renders ::video as a click-to-load figure that needs no script', () => {
    const html = fr('::video{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ" title="Les soldes d’hiver"}');
    expect(html).toMatch(
      /^<figure class="video-embed ratio-16x9"><iframe title="Vidéo\u00a0: Les soldes d’hiver" width="560" height="315" loading="lazy" srcdoc="[^"]+" allow="autoplay; fullscreen; picture-in-picture" allowfullscreen><\/iframe>/,
    );
    expect(html).toContain(
      '<figcaption><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="external noopener noreferrer">Les soldes d’hiver</a> ' +
        '<span class="video-notice">Cette vidéo est hébergée par YouTube. Rien n’est chargé depuis YouTube avant votre clic.</span></figcaption></figure>',
    );
    expect(html).not.toMatch(/<iframe[^>]* src=/);
  });

  it('puts a self-contained page in the iframe whose only link is the player', () => {
    const placeholder = placeholderOf(fr('::video{url="https://youtu.be/dQw4w9WgXcQ" title="Démo"}'));
    const inside = elements(placeholder);
    expect(inside.filter((element) => element.tagName === 'a').map((a) => a.properties.href)).toEqual([
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1',
    ]);
    expect(inside.some((element) => element.tagName === 'script')).toBe(false);
    expect(placeholder).not.toMatch(/\bsrc=|url\(|@import/);
    expect(placeholder).toContain('<html lang="fr">');
    expect(placeholder).toContain('<span>Lire la vidéo</span><span>Démo</span>');
  });

  it('embeds Vimeo with do-not-track and Dailymotion with their players', () => {
    expect(placeholderOf(fr('::video{url="https://vimeo.com/76979871"}'))).toContain(
      'href="https://player.vimeo.com/video/76979871?autoplay=1&#38;dnt=1"',
    );
    expect(placeholderOf(fr('::video{url="https://dai.ly/x8abcd1"}'))).toContain(
      'href="https://www.dailymotion.com/embed/video/x8abcd1?autoplay=1"',
    );
  });

  it('names an untitled video after its provider, in the article’s language', () => {
    expect(fr('::video{url="https://vimeo.com/76979871"}')).toContain('title="Vidéo\u00a0: Vidéo Vimeo"');
    const english = en('::video{url="https://www.dailymotion.com/video/x8abcd1"}');
    expect(english).toContain('title="Video: Dailymotion video"');
    expect(english).toContain('This video is hosted by Dailymotion. Nothing loads from Dailymotion until you click.');
    expect(placeholderOf(english)).toContain('<span>Play the video</span>');
  });

  it('starts a YouTube video where its address says, on the player and on YouTube’s page', () => {
    const html = fr('::video{url="https://youtu.be/dQw4w9WgXcQ?t=1m30s" title="Le passage"}');
    expect(placeholderOf(html)).toContain('href="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&#38;start=90"');
    expect(html).toContain('<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&#x26;t=90"');
  });

  it('embeds a video address alone on its line', () => {
    const html = fr('Regardez :\n\nhttps://youtu.be/dQw4w9WgXcQ\n\nFin.');
    expect(html).toContain('<figure class="video-embed ratio-16x9"><iframe title="Vidéo\u00a0: Vidéo YouTube"');
    expect(html).toContain('<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="external noopener noreferrer">Vidéo YouTube</a>');
  });

  it('keeps a video address within a sentence as a link', () => {
    expect(fr('Voir https://youtu.be/dQw4w9WgXcQ ici')).toBe(
      '<p>Voir <a href="https://youtu.be/dQw4w9WgXcQ" rel="external noopener noreferrer" class="shows-address">https://youtu.be/dQw4w9WgXcQ</a> ici</p>',
    );
  });

  it('keeps a labelled link to a video as a link', () => {
    expect(fr('[la vidéo](https://youtu.be/dQw4w9WgXcQ)')).not.toContain('<iframe');
  });

  it('keeps a bare address on an unknown host as a link', () => {
    expect(fr('https://peertube.example/w/abc')).toBe(
      '<p><a href="https://peertube.example/w/abc" rel="external noopener noreferrer" class="shows-address">https://peertube.example/w/abc</a></p>',
    );
  });

  it('turns ::video on an unknown host into an ordinary link', () => {
    expect(fr('::video{url="https://peertube.example/w/abc" title="Conférence"}')).toBe(
      '<p><a href="https://peertube.example/w/abc" rel="external noopener noreferrer">Conférence</a></p>',
    );
  });

  it('shows ::video with an unusable address as typed', () => {
    expect(fr('::video{url="javascript:alert(1)"}')).toBe('<p>::video{url="javascript:alert(1)"}</p>');
    expect(fr('::video')).toBe('<p>::video</p>');
  });
});
