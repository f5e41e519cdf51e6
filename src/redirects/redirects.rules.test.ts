import { describe, expect, it } from 'vitest';
import { canonicalPath, compilePattern, fillTarget, follow, fromProblem, matchPattern, orderPatterns, parseTarget, withQuery, type RuleSource, type RuleTarget } from './redirects.rules.ts';

const parts = (pattern: string) => pattern.split('*');

function source(rules: Omit<RuleTarget, 'id' | 'kind'>[]): RuleSource {
  const all = rules.map((rule, index) => ({ ...rule, id: index + 1, kind: rule.from.includes('*') ? ('pattern' as const) : ('exact' as const) }));
  const patterns = orderPatterns(all.filter((rule) => rule.kind === 'pattern').map(compilePattern));
  return { exact: async (path) => all.find((rule) => rule.kind === 'exact' && rule.from === path), patterns: async () => patterns };
}

describe('redirect patterns', () => {
  it('matches a trailing star with everything below, slashes included, and fills $1', () => {
    expect(matchPattern(parts('/old/*'), '/old/2021/03/bilan/')).toEqual(['2021/03/bilan/']);
    expect(matchPattern(parts('/old/*'), '/old/')).toEqual(['']);
    expect(matchPattern(parts('/old/*'), '/older/')).toBeUndefined();
    expect(fillTarget('/new/$1', ['2021/03/bilan/'])).toBe('/new/2021/03/bilan/');
  });

  it('gives earlier stars the least they can take and the last one the rest', () => {
    expect(matchPattern(parts('/*/*/*.html'), '/2019/05/soldes/ete.html')).toEqual(['2019', '05', 'soldes/ete']);
    expect(matchPattern(parts('/blog/*-*/'), '/blog/black-friday-2024/')).toEqual(['black', 'friday-2024']);
    expect(matchPattern(parts('/a/*/b'), '/a/b')).toBeUndefined();
  });

  it('stays fast on the inputs that make backtracking regular expressions hang', () => {
    const path = '/' + 'a'.repeat(1990) + '!';
    const started = performance.now();
    for (let i = 0; i < 100; i++) expect(matchPattern(parts('/*a*a*a*a*b'), path)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('tries the most specific pattern first, then the oldest', () => {
    const ordered = orderPatterns([
      compilePattern({ id: 1, kind: 'pattern', from: '/*', to: '/', status: 301 }),
      compilePattern({ id: 2, kind: 'pattern', from: '/blog/2019/*', to: '/archives/$1', status: 301 }),
      compilePattern({ id: 3, kind: 'pattern', from: '/blog/*', to: '/$1', status: 301 }),
    ]);
    expect(ordered.map((pattern) => pattern.rule.id)).toEqual([2, 3, 1]);
  });

  it('refuses addresses that are not a local path, and too many stars', () => {
    expect(fromProblem('ancien/')).toBe('notLocal');
    expect(fromProblem('//evil.example/')).toBe('notLocal');
    expect(fromProblem('/a?b=1')).toBe('query');
    expect(fromProblem('/a b/')).toBe('space');
    expect(fromProblem('/*/*/*/*/*/*')).toBe('wildcards');
    expect(fromProblem('/a/**')).toBe('doubleStar');
    expect(fromProblem('/a/*')).toBeUndefined();
  });

  it('reads a target as a local path or an http(s) address, the site’s own origin made local', () => {
    expect(parseTarget('/nouveau/', 'https://blog.example', 0)).toEqual({ value: '/nouveau/', local: true });
    expect(parseTarget('https://blog.example/nouveau/?a=1', 'https://blog.example', 0)).toEqual({ value: '/nouveau/?a=1', local: true });
    expect(parseTarget('https://autre.example/x', 'https://blog.example', 0)).toEqual({ value: 'https://autre.example/x', local: false });
    // Percent-encoded, so that it can be sent in a Location header as it is.
    expect(parseTarget('https://autre.example/été?q=crème', 'https://blog.example', 0)).toEqual({ value: 'https://autre.example/%C3%A9t%C3%A9?q=cr%C3%A8me', local: false });
    expect(parseTarget('/recherche?q=été&x=%26', 'https://blog.example', 0)).toEqual({ value: '/recherche?q=%C3%A9t%C3%A9&x=%26', local: true });
    expect(parseTarget('javascript:alert(1)', 'https://blog.example', 0)).toBe('notHttp');
    expect(parseTarget('/new/$2', 'https://blog.example', 1)).toBe('capture');
  });

  it('writes an address one way whatever its percent-encoding', () => {
    expect(canonicalPath('/élection/')).toBe('/%C3%A9lection/');
    expect(canonicalPath('/%c3%a9lection/')).toBe('/%C3%A9lection/');
    expect(canonicalPath('/%zz/')).toBe('/%25zz/');
    expect(canonicalPath('/a%2fb/')).toBe('/a%2Fb/');
  });

  it('keeps the request’s query string after the target’s own', () => {
    expect(withQuery('/nouveau/', '?utm_source=x')).toBe('/nouveau/?utm_source=x');
    expect(withQuery('/nouveau/?a=1#haut', '?b=2')).toBe('/nouveau/?a=1&b=2#haut');
    expect(withQuery('/nouveau/', '')).toBe('/nouveau/');
  });
});

describe('following rules', () => {
  it('lands where the last rule leads, with the first rule’s status', async () => {
    const rules = source([
      { from: '/a/', to: '/b/', status: 302 },
      { from: '/b/', to: '/old/c/', status: 301 },
      { from: '/old/*', to: '/new/$1', status: 301 },
    ]);
    expect(await follow(rules, '/a/')).toEqual({ kind: 'redirect', location: '/new/c/', status: 302, ruleIds: [1, 2, 3] });
  });

  it('answers gone when the rules end at a 410, and sees a loop', async () => {
    expect(await follow(source([{ from: '/a/', to: '/b/', status: 301 }, { from: '/b/', to: null, status: 410 }]), '/a/')).toMatchObject({ kind: 'gone' });
    expect(await follow(source([{ from: '/a/', to: '/b/', status: 301 }, { from: '/b/', to: '/a/', status: 301 }]), '/a/')).toMatchObject({ kind: 'loop' });
    expect(await follow(source([{ from: '/old/*', to: '/old/new/$1', status: 301 }]), '/old/x/')).toMatchObject({ kind: 'loop' });
  });

  it('stops at another site', async () => {
    expect(await follow(source([{ from: '/a/', to: 'https://autre.example/a/', status: 301 }]), '/a/')).toMatchObject({ location: 'https://autre.example/a/' });
  });
});
