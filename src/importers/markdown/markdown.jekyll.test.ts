import { describe, expect, it } from 'vitest';
import { folderPerTest } from './markdown.fixtures.ts';
import { jekyllAddress, readJekyllSite } from './markdown.jekyll.ts';

const folder = folderPerTest();

const DATE_STYLE = { permalink: '/:categories/:year/:month/:day/:title:output_ext' };
const post = (relativeFile: string, name: string, categories: string[] = [], slug?: string) => ({
  relativeFile,
  name,
  slug,
  categories,
  date: '2019-01-05T10:00:00.000Z',
  timeZone: 'Europe/Paris',
});

describe('Jekyll addresses', () => {
  it('are the date style by default: categories in lower case, the date, the name, .html', () => {
    expect(jekyllAddress(DATE_STYLE, post('_posts/2019-01-05-vieux.md', 'vieux'))).toBe('/2019/01/05/vieux.html');
    expect(jekyllAddress(DATE_STYLE, post('_posts/2019-01-05-vieux.md', 'vieux', ['Ecommerce', 'SEO']))).toBe('/ecommerce/seo/2019/01/05/vieux.html');
    expect(jekyllAddress(DATE_STYLE, post('blog/_posts/2019-01-05-vieux.md', 'vieux', ['blog', 'Web']))).toBe('/blog/web/2019/01/05/vieux.html');
    expect(jekyllAddress(DATE_STYLE, post('_posts/2019-01-05-vieux.md', 'vieux', [], 'Autre_Nom'))).toBe('/2019/01/05/Autre_Nom.html');
  });

  it('follow the site’s pattern, with :slug in lower case', () => {
    expect(jekyllAddress({ permalink: '/blog/:year/:slug/' }, post('_posts/2019-01-05-Vieux_Billet.md', 'Vieux_Billet'))).toBe('/blog/2019/vieux-billet/');
    expect(jekyllAddress({ permalink: '/:slug.html' }, post('_posts/2019-01-05-_Un-.-Deux~.md', '_Un-.-Deux~'))).toBe('/un-deux.html');
    expect(jekyllAddress({ permalink: '/:categories/:title/' }, post('_posts/2019-01-05-vieux.md', 'vieux'))).toBe('/vieux/');
  });

  it('are not guessed where Jekyll would escape or slugify, for a token it does not read, a draft, or a pattern naming no file', () => {
    expect(jekyllAddress(DATE_STYLE, post('_posts/2019-01-05-vieux.md', 'vieux', ['Grand public']))).toBeUndefined();
    expect(jekyllAddress(DATE_STYLE, post('_posts/2019-01-05-été.md', 'été'))).toBeUndefined();
    expect(jekyllAddress({ permalink: '/:year/W:week/:title/' }, post('_posts/2019-01-05-vieux.md', 'vieux'))).toBeUndefined();
    expect(jekyllAddress(DATE_STYLE, post('_drafts/vieux.md', 'vieux'))).toBeUndefined();
    expect(jekyllAddress({ permalink: '/:title' }, post('_posts/2019-01-05-vieux.md', 'vieux'))).toBeUndefined();
  });

  it('read the site’s permalink setting, a style or a pattern, and only from a Jekyll site', () => {
    expect(readJekyllSite(folder({ '_config.yml': 'title: Blog\n' }))).toEqual(DATE_STYLE);
    expect(readJekyllSite(folder({ '_config.yml': 'permalink: pretty\n' }))).toEqual({ permalink: '/:categories/:year/:month/:day/:title/' });
    expect(readJekyllSite(folder({ '_config.yml': 'permalink: /:year/:title/\n' }))).toEqual({ permalink: '/:year/:title/' });
    expect(readJekyllSite(folder({ '_config.yml': 'permalink: [\n' }))).toBeUndefined();
    expect(readJekyllSite(folder({ '_posts/2019-01-05-vieux.md': '' }))).toBeUndefined();
  });

  it('read the site’s time zone, and leave one the runtime does not know to the site’s', () => {
    expect(readJekyllSite(folder({ '_config.yml': 'timezone: America/New_York\n' }))?.timeZone).toBe('America/New_York');
    expect(readJekyllSite(folder({ '_config.yml': 'timezone: Mars/Olympus\n' }))?.timeZone).toBeUndefined();
    expect(readJekyllSite(folder({ '_config.yml': 'timezone: 5\n' }))?.timeZone).toBeUndefined();
  });
});
