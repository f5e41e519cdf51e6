import { describe, expect, it } from 'vitest';
import { canonicalAddress, fillTemplate, readSeoFields, type SeoContext } from './wp.seo.ts';

const context: SeoContext = {
  title: 'Incendie OVH',
  siteName: 'Le Blog Ecommerce',
  siteDescription: 'Ecommerce, SEO & SEA',
  link: 'https://blog.example.fr/2024/05/incendie-ovh/',
  blogUrl: 'https://blog.example.fr',
  excerpt: 'Ce qui s’est passé.',
  categories: ['Hébergement', 'Ecommerce'],
  tags: ['OVH'],
};

describe('Yoast SEO and Rank Math fields', () => {
  it('fills in the templates’ usual variables, in both plugins’ spellings', () => {
    expect(fillTemplate('%%title%% %%sep%% %%sitename%% %%page%%', context)).toBe('Incendie OVH - Le Blog Ecommerce');
    expect(fillTemplate('%title% | %primary_category%', context)).toBe('Incendie OVH | Hébergement');
    expect(fillTemplate('%%excerpt%%', context)).toBe('Ce qui s’est passé.');
  });

  it('drops a template with a variable it cannot fill, and leaves the plugins’ default title to Kiosque', () => {
    const fields = readSeoFields({ _yoast_wpseo_title: '%%title%% %%cf_prix%%', _yoast_wpseo_metadesc: '%%title%% %%sep%% %%sitename%%' }, context);
    expect(fields.seoTitle).toBeUndefined();
    expect(fields.seoDescription).toBeUndefined();
    expect(fields.droppedTemplates).toEqual(['%%title%% %%cf_prix%%']);
  });

  it('reads noindex from Yoast (1) and from Rank Math’s robots list', () => {
    expect(readSeoFields({ '_yoast_wpseo_meta-robots-noindex': '1' }, context).noindex).toBe(true);
    expect(readSeoFields({ '_yoast_wpseo_meta-robots-noindex': '2' }, context).noindex).toBe(false);
    expect(readSeoFields({ rank_math_robots: 'a:2:{i:0;s:7:"noindex";i:1;s:8:"nofollow";}' }, context).noindex).toBe(true);
    expect(readSeoFields({ rank_math_robots: 'a:1:{i:0;s:5:"index";}' }, context).noindex).toBe(false);
  });

  it('keeps a canonical address elsewhere, makes one on the old blog a path, and drops the page’s own or a script', () => {
    expect(canonicalAddress('https://partenaire.example/page/', context)).toBe('https://partenaire.example/page/');
    expect(canonicalAddress('https://blog.example.fr/2024/05/autre/', context)).toBe('/2024/05/autre/');
    expect(canonicalAddress('https://blog.example.fr/2024/05/incendie-ovh', context)).toBeUndefined();
    expect(canonicalAddress('javascript:alert(1)', context)).toBeUndefined();
    expect(canonicalAddress('data:text/html,<script>', context)).toBeUndefined();
  });
});
