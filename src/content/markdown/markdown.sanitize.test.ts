import type { Element, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.pipeline.ts';
import { xssCorpus } from './xss-corpus.ts';

const html = (markdown: string) => renderMarkdown(markdown, { locale: 'fr' }).html;

function parseHtml(source: string, fragment = true): Root {
  return unified().use(rehypeParse, { fragment }).parse(source);
}

const FORBIDDEN_ELEMENTS = new Set([
  'script', 'style', 'object', 'embed', 'applet', 'form', 'button', 'textarea', 'select', 'base', 'meta',
  'link', 'frame', 'frameset', 'svg', 'math', 'template', 'noscript', 'video', 'audio', 'source',
]);
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formAction', 'xLinkHref', 'poster', 'data', 'cite', 'background'];
const KNOWN_CLASSES = new Set([
  'anchor', 'pullquote', 'table-wrap', 'num', 'align-left', 'align-center', 'align-right', 'video-embed',
  'ratio-16x9', 'video-notice', 'sources', 'read-more', 'footnotes', 'sr-only', 'data-footnote-backref',
  'contains-task-list', 'task-list-item', 'shows-address',
]);
const PLAYER_HOSTS = new Set(['www.youtube-nocookie.com', 'player.vimeo.com', 'www.dailymotion.com']);

/** The scheme a browser would see, after it drops tabs, newlines and leading blanks. */
function schemeOf(url: string): string | undefined {
  const cleaned = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
}

function unsafeAttributes(element: Element): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(element.properties)) {
    if (/^on/i.test(name)) problems.push(`${element.tagName} has handler ${name}`);
  }
  if (element.properties.style !== undefined) problems.push(`${element.tagName} has a style attribute`);
  for (const name of URL_ATTRIBUTES) {
    const value = element.properties[name];
    if (value === undefined) continue;
    const scheme = schemeOf(String(value));
    if (scheme && !['http', 'https', 'mailto'].includes(scheme)) problems.push(`${element.tagName} ${name}=${value}`);
  }
  return problems;
}

/** Everything that would let the article run script, load from elsewhere or escape its box. */
function findProblems(output: string): string[] {
  const problems: string[] = [];
  visit(parseHtml(output), 'element', (element, _index, parent) => {
    problems.push(...unsafeAttributes(element));
    if (FORBIDDEN_ELEMENTS.has(element.tagName)) problems.push(`<${element.tagName}> element`);
    if (element.tagName === 'input' && element.properties.type !== 'checkbox') problems.push('non-checkbox input');
    const classes = element.properties.className;
    for (const name of Array.isArray(classes) ? classes : []) {
      if (!KNOWN_CLASSES.has(String(name)) && !/^language-/.test(String(name))) problems.push(`class ${name}`);
    }
    if (element.tagName === 'iframe') {
      const isOurs =
        parent?.type === 'element' &&
        parent.tagName === 'figure' &&
        Array.isArray(parent.properties.className) &&
        parent.properties.className.includes('video-embed');
      if (!isOurs) problems.push('iframe outside a video embed');
      if (element.properties.src !== undefined) problems.push('iframe with src');
      problems.push(...placeholderProblems(String(element.properties.srcDoc ?? '')));
    }
  });
  return problems;
}

function placeholderProblems(srcdoc: string): string[] {
  const problems: string[] = [];
  if (!srcdoc) return ['iframe without srcdoc'];
  visit(parseHtml(srcdoc, false), 'element', (element) => {
    problems.push(...unsafeAttributes(element).map((problem) => `srcdoc: ${problem}`));
    if (['script', 'iframe', 'object', 'embed', 'img', 'link', 'base', 'form'].includes(element.tagName)) {
      problems.push(`srcdoc: <${element.tagName}> element`);
    }
    if (element.tagName === 'a') {
      const host = new URL(String(element.properties.href)).host;
      if (!PLAYER_HOSTS.has(host)) problems.push(`srcdoc: link to ${host}`);
    }
  });
  return problems;
}

describe('hostile Markdown', () => {
  it('has a corpus of at least 40 payloads', () => {
    expect(xssCorpus.length).toBeGreaterThanOrEqual(40);
  });

  it.each(xssCorpus)('$name renders harmlessly', ({ markdown }) => {
    expect(findProblems(html(markdown))).toEqual([]);
  });

  it('renders the whole corpus at once harmlessly, so payloads cannot combine across blocks', () => {
    expect(findProblems(html(xssCorpus.map(({ markdown }) => markdown).join('\n\n')))).toEqual([]);
  });

  it('the checker itself spots what it must', () => {
    expect(findProblems('<a href=" javascript:alert(1)">x</a><img src=x onerror=alert(1)><iframe srcdoc="x"></iframe>')).toEqual([
      'a href= javascript:alert(1)',
      'img has handler onError',
      'iframe outside a video embed',
    ]);
  });

  it('never turns a writer’s iframe into an embed', () => {
    expect(html('<figure class="video-embed"><iframe srcdoc="<a href=https://evil.example>x</a>"></iframe></figure>')).toBe(
      '<figure></figure>',
    );
  });

  it('keeps a video whose url tries to break out of its attribute as literal text', () => {
    expect(html('::video{url="https://youtu.be/dQw4w9WgXcQ\\" onload=\\"alert(1)"}')).not.toContain('<iframe');
  });

  it('escapes a video title inside the placeholder document', () => {
    const output = html('::video{url="https://youtu.be/dQw4w9WgXcQ" title="</title><script>alert(1)</script>"}');
    const iframe = parseHtml(output).children.find((node) => node.type === 'element');
    expect(output).toContain('<iframe');
    expect(JSON.stringify(iframe)).not.toContain('"tagName":"script"');
  });
});

describe('harmless HTML', () => {
  it.each([
    ['<sup>', 'E = mc<sup>2</sup>', 'E = mc<sup>2</sup>'],
    ['<sub>', 'H<sub>2</sub>O', 'H<sub>2</sub>O'],
    ['<abbr title>', '<abbr title="Search Engine Optimization">SEO</abbr>', '<abbr title="Search Engine Optimization">SEO</abbr>'],
    ['<kbd>', 'Tapez <kbd>Ctrl</kbd>+<kbd>C</kbd>', '<kbd>Ctrl</kbd>+<kbd>C</kbd>'],
    ['<mark>', 'Un <mark>point clé</mark>', '<mark>point clé</mark>'],
    ['<br>', 'ligne<br>suivante', 'ligne<br>suivante'],
    ['<details>', '<details><summary>Plus</summary>Détail</details>', '<details><summary>Plus</summary>Détail</details>'],
  ])('%s survives', (_name, markdown, fragment) => {
    expect(html(markdown)).toContain(fragment);
  });

  it('prefixes ids from writers’ HTML so they cannot clobber page globals, and repairs links to them', () => {
    const output = html('<h3 id="chiffres">Chiffres</h3>\n\n[Voir les chiffres](#chiffres)');
    expect(output).toContain('<h3 id="user-content-chiffres">Chiffres</h3>');
    expect(output).toContain('<a href="#user-content-chiffres">Voir les chiffres</a>');
  });

  it('keeps addresses whose scheme is written in capitals, and still refuses capital javascript:', () => {
    expect(html('[Fevad](Https://www.fevad.com) et ![logo](HTTPS://example.fr/logo.png)')).toContain('<a href="https://www.fevad.com" rel="external noopener noreferrer">Fevad</a>');
    expect(html('![logo](HTTPS://example.fr/logo.png)')).toContain('src="https://example.fr/logo.png"');
    expect(html('<a href="MAILTO:redaction@example.fr">écrire</a> <q cite="HTTP://example.fr/source">dit</q>')).toContain(
      '<a href="mailto:redaction@example.fr">écrire</a> <q cite="http://example.fr/source">dit</q>',
    );
    expect(html('[piège](JAVASCRIPT:alert(1)) <a href="JavaScript:alert(2)">piège</a>')).not.toMatch(/href=|javascript/i);
  });

  it('drops classes and styles from writers’ HTML', () => {
    expect(html('<div class="pullquote" style="color:red">x</div>')).toBe('<div>x</div>');
  });
});
