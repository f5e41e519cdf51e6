import { describe, expect, it } from 'vitest';
import { isQueryAddress, queryAddressOf, wordpressSearchOf } from './redirects.query-addresses.ts';
import { fromProblem } from './redirects.rules.ts';

describe('WordPress’s query addresses', () => {
  it('are read from a request on the home address, in its folder or through index.php', () => {
    expect(queryAddressOf('/?p=12')).toEqual({ address: '/?p=12', rest: '' });
    expect(queryAddressOf('/index.php?page_id=3')).toEqual({ address: '/?page_id=3', rest: '' });
    expect(queryAddressOf('/blog/?cat=5')).toEqual({ address: '/blog/?cat=5', rest: '' });
    expect(queryAddressOf('/blog/index.php?tag=seo-sea')).toEqual({ address: '/blog/?tag=seo-sea', rest: '' });
    expect(queryAddressOf('/?author=2')).toEqual({ address: '/?author=2', rest: '' });
    expect(queryAddressOf('/?attachment_id=45')).toEqual({ address: '/?attachment_id=45', rest: '' });
    expect(queryAddressOf('/?feed=rss2')).toEqual({ address: '/?feed=rss2', rest: '' });
  });

  it('pass the request’s other parameters on, and read the one that names a thing first', () => {
    expect(queryAddressOf('/?utm_source=lettre&p=12&utm_medium=email')).toEqual({ address: '/?p=12', rest: '?utm_source=lettre&utm_medium=email' });
    expect(queryAddressOf('/?cat=5&paged=2')).toEqual({ address: '/?cat=5', rest: '?paged=2' });
    expect(queryAddressOf('/?feed=rss2&p=12')).toEqual({ address: '/?p=12', rest: '?feed=rss2' });
  });

  it('leave every other request alone, at the cost of a character search', () => {
    expect(queryAddressOf('/')).toBeUndefined();
    expect(queryAddressOf('/2024/05/ovh/')).toBeUndefined();
    expect(queryAddressOf('/?utm_source=x')).toBeUndefined();
    expect(queryAddressOf('/?pp=12')).toBeUndefined();
    expect(queryAddressOf('/?p=')).toBeUndefined();
    expect(queryAddressOf('/?p=<script>')).toBeUndefined();
    expect(queryAddressOf('/recherche?q=seo')).toBeUndefined();
    expect(queryAddressOf('/feed.json?p=1')).toBeUndefined();
    expect(queryAddressOf('/api/content/v1/posts/?author=2')).toBeUndefined();
  });

  it('are the one query a rule’s address may hold', () => {
    expect(isQueryAddress('/?p=12')).toBe(true);
    expect(isQueryAddress('/blog/?cat=5')).toBe(true);
    expect(isQueryAddress('/?tag=%C3%A9t%C3%A9')).toBe(true);
    expect(isQueryAddress('/?p=12&utm_source=x')).toBe(false);
    expect(isQueryAddress('/?q=12')).toBe(false);
    expect(isQueryAddress('/a?p=12')).toBe(false);
    expect(isQueryAddress('/?p=*')).toBe(false);
    expect(isQueryAddress('/ancien/')).toBe(false);
    expect(fromProblem('/?p=12')).toBeUndefined();
    expect(fromProblem('/?p=12&x=1')).toBe('query');
    expect(fromProblem('/?p=12#top')).toBe('query');
  });
});

describe('WordPress’s search address', () => {
  it('gives the words of /?s=… on the home address, decoded', () => {
    expect(wordpressSearchOf('/?s=h%C3%A9bergeur+OVH')).toBe('hébergeur OVH');
    expect(wordpressSearchOf('/blog/index.php?lang=fr&s=seo')).toBe('seo');
    expect(wordpressSearchOf('/?s=')).toBe('');
  });

  it('leaves every other request alone', () => {
    expect(wordpressSearchOf('/')).toBeUndefined();
    expect(wordpressSearchOf('/?p=12')).toBeUndefined();
    expect(wordpressSearchOf('/?ss=x')).toBeUndefined();
    expect(wordpressSearchOf('/recherche?s=seo')).toBeUndefined();
    expect(wordpressSearchOf('/api/content/v1/posts?s=seo')).toBeUndefined();
  });
});
