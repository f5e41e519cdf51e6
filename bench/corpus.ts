import fs from 'node:fs';
import path from 'node:path';
import { slugify } from '../src/lib/slug.ts';

/**
 * A seeded corpus of French-looking news posts written as Markdown files with YAML front
 * matter. The same seed and count give byte-identical files on every machine, so two runs of
 * the benchmark import and serve the same content.
 */

export const DEFAULT_SEED = 0x4b105e;

/** mulberry32: a tiny 32-bit PRNG, good enough to pick words and far better than Math.random for repeatability. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

/** `count` different items, in the order drawn. */
function pickDistinct<T>(random: Random, items: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(pick(random, items));
  return [...chosen];
}

const SUBJECTS = [
  'le marché', 'la plateforme', 'le commerçant', 'la Fevad', 'l’enseigne', 'le moteur de recherche', 'la place de marché',
  'le consommateur', 'l’algorithme', 'la logistique du dernier kilomètre', 'le référencement naturel', 'la publicité en ligne',
  'le panier moyen', 'le taux de conversion', 'le coût par clic', 'la grande distribution', 'le drive', 'la vente à distance',
  'le cybermarchand', 'la start-up lyonnaise', 'le géant américain', 'l’acteur chinois', 'la CNIL', 'le régulateur européen',
  'la fédération', 'le directeur marketing', 'l’équipe technique', 'le service client', 'la boutique indépendante',
  'le transporteur', 'l’entrepôt', 'la banque en ligne', 'le prestataire de paiement', 'la mise à jour de Google',
];
const VERBS = [
  'accélère', 'transforme', 'bouscule', 'renforce', 'freine', 'domine', 'redéfinit', 'mesure', 'améliore', 'fragilise',
  'soutient', 'concurrence', 'réinvente', 'simplifie', 'complique', 'rattrape', 'stimule', 'pénalise', 'favorise', 'rachète',
  'annonce', 'teste', 'généralise', 'abandonne', 'double', 'réduit',
];
const OBJECTS = [
  'les ventes en ligne', 'la relation client', 'les marges des vendeurs', 'le trafic organique', 'les enchères publicitaires',
  'la livraison en point relais', 'les avis clients', 'le paiement fractionné', 'l’authentification forte', 'les retours gratuits',
  'le commerce de proximité', 'les campagnes Shopping', 'le maillage interne', 'la vitesse des pages', 'les données personnelles',
  'les abonnements', 'la fidélisation', 'le click and collect', 'les frais de port', 'la recherche vocale', 'les fiches produits',
  'le taux de rebond', 'les balises canoniques', 'l’indexation mobile', 'les stocks', 'les prix barrés', 'la fraude à la carte',
];
const COMPLEMENTS = [
  'depuis le début de l’année', 'selon les derniers chiffres', 'en Île-de-France', 'malgré la crise', 'sur mobile',
  'pour la troisième année consécutive', 'd’après une étude de Médiamétrie', 'dans toute l’Europe', 'au premier trimestre',
  'pendant les soldes d’hiver', 'à l’approche de Noël', 'sans bruit', 'à marche forcée', 'dans les petites villes',
  'face à la concurrence asiatique', 'avec l’opération « French Days »', 'grâce à l’intelligence artificielle', 'au grand dam des libraires', 'en quelques semaines',
];
const CONNECTORS = [
  'Par ailleurs,', 'En revanche,', 'Pourtant,', 'De plus,', 'Ainsi,', 'Selon les analystes,', 'Dans le même temps,',
  'Sur le terrain,', 'À l’inverse,', 'Résultat :', 'Pour autant,', 'Concrètement,',
];
const HEADINGS = [
  'Un marché en pleine mutation', 'Ce que disent les chiffres', 'Les vendeurs en première ligne', 'Une réglementation qui se durcit',
  'Le mobile, nouveau terrain de jeu', 'Ce qu’il faut retenir', 'Les petits acteurs résistent', 'Un coût qui grimpe',
  'La réponse des plateformes', 'Des consommateurs plus exigeants', 'Et maintenant ?', 'Les limites du modèle',
  'Une question de confiance', 'Le rôle des données', 'Ce qui change pour les marchands', 'Un bilan contrasté',
];
export const AUTHORS = ['Claire Delmas', 'Julien Moreau', 'Sophie Lefèvre', 'Thomas Garnier', 'Élodie Fontaine', 'Nicolas Roux', 'Amélie Chevalier', 'Karim Benali'];
/** Twelve categories; a path with " > " puts the category under its parent. */
export const CATEGORIES = [
  'Ecommerce', 'SEO', 'SEA', 'Marketplaces', 'Logistique', 'Paiement', 'Réseaux sociaux',
  'Ecommerce > Mode', 'Ecommerce > Alimentaire', 'SEO > Technique', 'SEO > Contenu', 'Paiement > Fraude',
];
const TAG_ROOTS = [
  'Amazon', 'Google Ads', 'Shopify', 'PrestaShop', 'Cdiscount', 'Fnac', 'Vinted', 'Leboncoin', 'Zalando', 'TikTok',
  'Instagram', 'Meta', 'Apple', 'Carrefour', 'Leclerc', 'Auchan', 'La Poste', 'Colissimo', 'Mondial Relay', 'Chronopost',
  'Stripe', 'PayPal', 'Alma', 'Klarna', 'DSP2', 'RGPD', 'CNIL', 'DGCCRF', 'Fevad', 'Médiamétrie', 'Black Friday', 'soldes',
  'Noël', 'Core Web Vitals', 'backlinks', 'netlinking', 'Search Console', 'Bing', 'Qwant', 'ChatGPT', 'Temu', 'Shein',
  'AliExpress', 'Back Market', 'ManoMano', 'Veepee', 'Showroomprivé', 'Decathlon', 'Darty', 'Boulanger',
];
const TAG_QUALIFIERS = ['', 'France', 'chiffres clés', 'stratégie'];
/** 200 tags: every root with every qualifier. */
export const TAGS = TAG_ROOTS.flatMap((root) => TAG_QUALIFIERS.map((qualifier) => (qualifier ? `${root} ${qualifier}` : root)));

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const percent = (random: Random) => `${between(random, 1, 60)},${between(random, 0, 9)} %`;

function sentence(random: Random): string {
  const connector = random() < 0.25 ? pick(random, CONNECTORS) + ' ' : '';
  let body = `${pick(random, SUBJECTS)} ${pick(random, VERBS)} ${pick(random, OBJECTS)}`;
  if (random() < 0.6) body += ` ${pick(random, COMPLEMENTS)}`;
  if (random() < 0.2) body += `, soit une ${random() < 0.5 ? 'hausse' : 'baisse'} de ${percent(random)}`;
  if (random() < 0.08) body += `, note ${pick(random, AUTHORS)}`;
  const end = random() < 0.05 ? ' ?' : random() < 0.03 ? ' !' : '.';
  return (connector ? connector + ' ' + body : capitalize(body)).replace(/\s+/g, ' ') + end;
}

function paragraph(random: Random): string {
  return Array.from({ length: between(random, 3, 6) }, () => sentence(random)).join(' ');
}

function list(random: Random): string {
  const ordered = random() < 0.4;
  return Array.from({ length: between(random, 3, 5) }, (_, index) => {
    const item = `${capitalize(pick(random, OBJECTS))} ${pick(random, COMPLEMENTS)}`;
    return ordered ? `${index + 1}. ${item} ;` : `- ${item}`;
  }).join('\n');
}

function table(random: Random): string {
  const rows = Array.from({ length: between(random, 4, 7) }, () => {
    const before = between(random, 100, 9_999);
    const after = Math.round(before * (0.7 + random() * 0.7));
    const change = (((after - before) / before) * 100).toFixed(1).replace('.', ',');
    return `| ${capitalize(pick(random, OBJECTS))} | ${before} | ${after} | ${change} % |`;
  });
  return ['| Indicateur | 2023 | 2024 | Évolution |', '|---|--:|--:|--:|', ...rows].join('\n');
}

function pullquote(random: Random): string {
  return `:::pullquote\n${sentence(random)}\n:::`;
}

const wordsIn = (text: string) => text.split(/\s+/).filter((word) => /\p{L}|\d/u.test(word)).length;

interface Body {
  markdown: string;
  words: number;
  hasTable: boolean;
  hasPullquote: boolean;
}

function articleBody(random: Random, wantedWords: number, withTable: boolean): Body {
  const blocks: string[] = [paragraph(random)];
  let words = wordsIn(blocks[0]!);
  let hasPullquote = false;
  let tablePlaced = !withTable;
  const add = (block: string) => {
    blocks.push(block);
    words += wordsIn(block);
  };
  const headings = pickDistinct(random, HEADINGS, HEADINGS.length);
  for (let section = 0; words < wantedWords && section < 40; section++) {
    add(`## ${headings[section % headings.length]}`);
    const paragraphs = between(random, 2, 4);
    for (let index = 0; index < paragraphs && words < wantedWords; index++) add(paragraph(random));
    if (!tablePlaced && section >= 1) {
      add(table(random));
      tablePlaced = true;
    }
    if (random() < 0.3) add(list(random));
    if (!hasPullquote && random() < 0.15) {
      add(pullquote(random));
      hasPullquote = true;
    }
  }
  if (!tablePlaced) add(table(random));
  return { markdown: blocks.join('\n\n') + '\n', words, hasTable: withTable, hasPullquote };
}

function title(random: Random): string {
  const main = `${capitalize(pick(random, SUBJECTS))} ${pick(random, VERBS)} ${pick(random, OBJECTS)}`;
  return random() < 0.3 ? `${pick(random, TAG_ROOTS)} : ${main.charAt(0).toLowerCase()}${main.slice(1)}` : main;
}

export interface CorpusPost {
  slug: string;
  file: string;
  words: number;
  hasTable: boolean;
  hasPullquote: boolean;
  categories: string[];
}

export interface Corpus {
  seed: number;
  dir: string;
  posts: CorpusPost[];
  bytes: number;
  words: number;
  categories: readonly string[];
  tags: number;
  authors: number;
}

const FIVE_YEARS_START = Date.UTC(2020, 0, 1);
const FIVE_YEARS_MS = Date.UTC(2025, 0, 1) - FIVE_YEARS_START;

/** One generated post, before it is written anywhere. */
export interface GeneratedPost {
  title: string;
  slug: string;
  /** ISO 8601 in UTC, to the minute. */
  date: string;
  author: string;
  categories: string[];
  tags: string[];
  summary: string;
  featured: boolean;
  highlighted: boolean;
  body: Body;
}

/**
 * The posts of a seed, one at a time and in memory: the file corpus below writes them, and the
 * search benchmark inserts them straight into a database.
 */
export function* generatePosts(count: number, seed = DEFAULT_SEED): Generator<GeneratedPost> {
  const random = mulberry32(seed);
  const featured = new Set(pickDistinct(random, Array.from({ length: count }, (_, i) => i), Math.min(3, count)));
  const highlighted = new Set(pickDistinct(random, Array.from({ length: count }, (_, i) => i).filter((i) => !featured.has(i)), Math.min(4, Math.max(0, count - 3))));
  for (let index = 0; index < count; index++) {
    const postTitle = title(random);
    // The index keeps slugs unique however the words fall.
    const slug = `${slugify(postTitle).slice(0, 60).replace(/-+$/, '')}-${index + 1}`;
    const date = new Date(FIVE_YEARS_START + Math.floor((random() * FIVE_YEARS_MS) / 60_000) * 60_000).toISOString().replace('.000Z', 'Z');
    const categories = pickDistinct(random, CATEGORIES, between(random, 1, 3));
    const tags = pickDistinct(random, TAGS, between(random, 0, 4));
    const body = articleBody(random, between(random, 400, 1_200), index % 5 === 0);
    const author = pick(random, AUTHORS);
    const summary = sentence(random);
    yield { title: postTitle, slug, date, author, categories, tags, summary, featured: featured.has(index), highlighted: highlighted.has(index), body };
  }
}

/** Writes `count` posts under `dir/posts/` (the folder is emptied first). */
export function generateCorpus(dir: string, count: number, seed = DEFAULT_SEED): Corpus {
  const postsDir = path.join(dir, 'posts');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(postsDir, { recursive: true });

  const posts: CorpusPost[] = [];
  let bytes = 0;
  let words = 0;
  for (const post of generatePosts(count, seed)) {
    const frontMatter = [
      '---',
      `title: ${JSON.stringify(post.title)}`,
      `slug: ${post.slug}`,
      `date: ${post.date}`,
      `author: ${JSON.stringify(post.author)}`,
      `categories: ${JSON.stringify(post.categories)}`,
      `tags: ${JSON.stringify(post.tags)}`,
      `summary: ${JSON.stringify(post.summary)}`,
      `featured: ${post.featured}`,
      `highlight: ${post.highlighted}`,
      '---',
      '',
    ].join('\n');
    const text = frontMatter + post.body.markdown;
    const file = path.join(postsDir, `${post.slug}.md`);
    fs.writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    words += post.body.words;
    posts.push({ slug: post.slug, file, words: post.body.words, hasTable: post.body.hasTable, hasPullquote: post.body.hasPullquote, categories: post.categories });
  }
  return { seed, dir, posts, bytes, words, categories: CATEGORIES, tags: TAGS.length, authors: AUTHORS.length };
}

/** The post the HTTP benchmarks read: a typical one (a table, about 800 words), always the same for a seed. */
export function representativePost(corpus: Corpus): CorpusPost {
  return corpus.posts.find((post) => post.hasTable && post.words >= 750 && post.words <= 850) ?? corpus.posts[0]!;
}
