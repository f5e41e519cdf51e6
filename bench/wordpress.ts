import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { serverBundleOptions } from '../scripts/build.options.mjs';
import { writeWxrFile } from '../src/importers/wordpress/wxr.fixtures.ts';
import type { WxrAuthor, WxrComment, WxrItem, WxrTerm } from '../src/importers/wordpress/wxr.model.ts';
import { slugify } from '../src/lib/slug.ts';
import { wallClock } from '../src/lib/time-zones.ts';
import { AUTHORS, CATEGORIES, DEFAULT_SEED, generatePosts, mulberry32, TAGS, type GeneratedPost } from './corpus.ts';
import { medianBy } from './medians.ts';

/**
 * WordPress import (issue 5): a seeded WXR export made from the corpus generator's posts, half in
 * the classic editor's markup (wpautop paragraphs) and half in Gutenberg blocks, with categories,
 * tags, threaded comments and featured images. Two figures: the time to import 10,000 posts into a
 * fresh data dir (target ≤ 20 s), and the peak resident memory of a process importing a
 * 100,000-item export (target ≤ 300 MB). Each is measured in a child process of its own
 * (`bench/wordpress.child.ts`), so the figure is that process's and nothing else's.
 */

export const WORDPRESS_TARGETS = { importSeconds: 20, peakRssMb: 300 } as const;
export const WORDPRESS_POSTS = 10_000;
export const WORDPRESS_LARGE_ITEMS = 100_000;
const SITE_URL = 'https://blog.example.fr';
const TIME_ZONE = 'Europe/Paris';
/** One post in this many has a featured image, an attachment item of its own. */
const FEATURED_EVERY = 10;

const escapeHtml = (text: string) => text.replace(/[&<>]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[character]!);
const pad = (value: number) => String(value).padStart(2, '0');

function localDate(iso: string): { local: string; year: string; month: string } {
  const clock = wallClock(Date.parse(iso), TIME_ZONE);
  return {
    local: `${clock.year}-${pad(clock.month)}-${pad(clock.day)} ${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}`,
    year: String(clock.year),
    month: pad(clock.month),
  };
}

type Block = { kind: 'paragraph' | 'heading' | 'pullquote'; text: string } | { kind: 'list'; ordered: boolean; items: string[] } | { kind: 'table'; rows: string[][] };

/** The corpus's Markdown (paragraphs, `##` headings, lists, GFM tables, `:::pullquote`) as blocks. */
function blocksOf(markdown: string): Block[] {
  return markdown.trim().split(/\n{2,}/).map((chunk): Block => {
    if (chunk.startsWith('## ')) return { kind: 'heading', text: chunk.slice(3) };
    if (chunk.startsWith(':::pullquote')) return { kind: 'pullquote', text: chunk.split('\n').slice(1, -1).join(' ') };
    if (chunk.startsWith('|')) {
      const rows = chunk.split('\n').filter((line) => !/^\|[-:| ]+\|$/.test(line));
      return { kind: 'table', rows: rows.map((line) => line.slice(1, -1).split('|').map((cell) => cell.trim())) };
    }
    if (/^(- |\d+\. )/.test(chunk)) {
      const lines = chunk.split('\n');
      return { kind: 'list', ordered: /^\d/.test(lines[0]!), items: lines.map((line) => line.replace(/^(- |\d+\. )/, '')) };
    }
    return { kind: 'paragraph', text: chunk };
  });
}

function tableHtml(rows: string[][]): string {
  const [head, ...body] = rows;
  const cells = (row: string[], tag: string) => row.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join('');
  return `<table><thead><tr>${cells(head!, 'th')}</tr></thead><tbody>${body.map((row) => `<tr>${cells(row, 'td')}</tr>`).join('')}</tbody></table>`;
}

/** The classic editor's markup: paragraphs are bare text between blank lines (wpautop adds the <p>s). */
function classicHtml(blocks: Block[], more: boolean): string {
  const parts = blocks.map((block) => {
    switch (block.kind) {
      case 'paragraph': return escapeHtml(block.text);
      case 'heading': return `<h2>${escapeHtml(block.text)}</h2>`;
      case 'pullquote': return `<blockquote>${escapeHtml(block.text)}</blockquote>`;
      case 'list': {
        const tag = block.ordered ? 'ol' : 'ul';
        return `<${tag}>\n${block.items.map((item) => ` \t<li>${escapeHtml(item)}</li>`).join('\n')}\n</${tag}>`;
      }
      case 'table': return tableHtml(block.rows);
    }
  });
  if (more) parts.splice(1, 0, '<!--more-->');
  return parts.join('\n\n');
}

/** Gutenberg's serialized blocks, as WordPress 6 stores them. */
function blockHtml(blocks: Block[], more: boolean): string {
  const parts = blocks.map((block) => {
    switch (block.kind) {
      case 'paragraph': return `<!-- wp:paragraph -->\n<p>${escapeHtml(block.text)}</p>\n<!-- /wp:paragraph -->`;
      case 'heading': return `<!-- wp:heading -->\n<h2 class="wp-block-heading">${escapeHtml(block.text)}</h2>\n<!-- /wp:heading -->`;
      case 'pullquote':
        return `<!-- wp:pullquote -->\n<figure class="wp-block-pullquote"><blockquote><p>${escapeHtml(block.text)}</p></blockquote></figure>\n<!-- /wp:pullquote -->`;
      case 'list': {
        const tag = block.ordered ? 'ol' : 'ul';
        const items = block.items.map((item) => `<!-- wp:list-item -->\n<li>${escapeHtml(item)}</li>\n<!-- /wp:list-item -->`).join('\n\n');
        return `<!-- wp:list${block.ordered ? ' {"ordered":true}' : ''} -->\n<${tag} class="wp-block-list">${items}</${tag}>\n<!-- /wp:list -->`;
      }
      case 'table': return `<!-- wp:table -->\n<figure class="wp-block-table">${tableHtml(block.rows)}</figure>\n<!-- /wp:table -->`;
    }
  });
  if (more) parts.splice(1, 0, '<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->');
  return parts.join('\n\n');
}

const COMMENTERS = ['Sophie L.', 'Marc', 'Nadia B.', 'Un lecteur', 'Paul', 'Camille R.', 'Hugo', 'Léa'];
const COMMENT_TEXTS = [
  'Merci pour cet article très complet !',
  'Je ne suis pas d’accord : les chiffres de la Fevad disent autre chose.',
  'Et pour les petites boutiques, qu’est-ce que ça change concrètement ?',
  'Nous avons vécu la même chose l’an dernier, <em>exactement</em> la même.',
  'Une source pour le deuxième tableau ?',
];

function commentsFor(random: () => number, post: WxrItem, firstId: number): WxrComment[] {
  const count = Math.floor(random() * 5);
  const comments: WxrComment[] = [];
  for (let index = 0; index < count; index++) {
    const id = firstId + index;
    const date = new Date(Date.parse(post.date!) + (index + 1) * 3_600_000).toISOString();
    const roll = random();
    comments.push({
      id,
      parentId: index > 0 && random() < 0.4 ? id - 1 : 0,
      author: COMMENTERS[Math.floor(random() * COMMENTERS.length)]!,
      authorEmail: `lecteur${id}@example.org`,
      authorUrl: '',
      date,
      localDate: localDate(date).local,
      content: COMMENT_TEXTS[Math.floor(random() * COMMENT_TEXTS.length)]!,
      status: roll < 0.8 ? 'approved' : roll < 0.93 ? 'pending' : 'spam',
      type: 'comment',
      userId: undefined,
    });
  }
  return comments;
}

interface ExportShape {
  authors: WxrAuthor[];
  terms: WxrTerm[];
}

/** Every author, category (parents first, as WordPress writes them) and tag the corpus generator draws from. */
function shapeOf(): ExportShape {
  const authors = AUTHORS.map((name, index): WxrAuthor => {
    const [firstName = '', ...rest] = name.split(' ');
    return { id: index + 1, login: slugify(name), email: `${slugify(name)}@blog.example.fr`, displayName: name, firstName, lastName: rest.join(' ') };
  });
  const categories = [...CATEGORIES]
    .sort((a, b) => Number(a.includes(' > ')) - Number(b.includes(' > ')))
    .map((path): WxrTerm => {
      const names = path.split(' > ');
      const name = names.at(-1)!;
      return { taxonomy: 'category', id: undefined, slug: slugify(name), name, parentSlug: names.length > 1 ? slugify(names.at(-2)!) : undefined, description: '' };
    });
  const tags = TAGS.map((name): WxrTerm => ({ taxonomy: 'post_tag', id: undefined, slug: slugify(name), name, parentSlug: undefined, description: '' }));
  const terms = [...categories, ...tags];
  terms.forEach((term, index) => (term.id = index + 2));
  return { authors, terms };
}

function postItem(post: GeneratedPost, id: number, random: () => number): WxrItem {
  const date = new Date(Date.parse(post.date)).toISOString();
  const local = localDate(date);
  const blocks = blocksOf(post.body.markdown);
  const more = random() < 0.3;
  return {
    id,
    postType: 'post',
    title: post.title,
    link: `${SITE_URL}/${local.year}/${local.month}/${post.slug}/`,
    guid: `${SITE_URL}/?p=${id}`,
    slug: post.slug,
    status: 'publish',
    creator: slugify(post.author),
    content: id % 2 === 0 ? blockHtml(blocks, more) : classicHtml(blocks, more),
    excerpt: random() < 0.3 ? post.summary : '',
    date,
    localDate: local.local,
    modified: date,
    parentId: 0,
    menuOrder: 0,
    isSticky: post.featured,
    password: '',
    attachmentUrl: undefined,
    terms: [
      ...post.categories.map((category) => {
        const name = category.split(' > ').at(-1)!;
        return { taxonomy: 'category', slug: slugify(name), name };
      }),
      ...post.tags.map((tag) => ({ taxonomy: 'post_tag', slug: slugify(tag), name: tag })),
    ],
    meta: random() < 0.5 ? { _yoast_wpseo_metadesc: post.summary, _yoast_wpseo_title: `${post.title} %%sep%% %%sitename%%` } : {},
    oldSlugs: [],
    comments: [],
    line: 0,
  };
}

function attachmentItem(post: WxrItem, id: number): WxrItem {
  const [year, month] = post.localDate.split('-');
  const file = `${year}/${month}/${post.slug.slice(0, 40)}.jpg`;
  return {
    ...post,
    id,
    postType: 'attachment',
    title: post.title.slice(0, 40),
    link: `${post.link}${post.slug.slice(0, 40)}/`,
    guid: `${SITE_URL}/wp-content/uploads/${file}`,
    slug: post.slug.slice(0, 40),
    status: 'inherit',
    content: '',
    excerpt: '',
    parentId: post.id,
    isSticky: false,
    attachmentUrl: `${SITE_URL}/wp-content/uploads/${file}`,
    terms: [],
    meta: { _wp_attached_file: file, _wp_attachment_image_alt: post.title.slice(0, 60) },
    comments: [],
  };
}

/**
 * The items of an export of `items` items: posts, every tenth followed by its featured image
 * (WordPress writes attachments wherever their id falls; here they follow their post).
 */
function* exportItems(items: number, seed: number): Generator<WxrItem> {
  const random = mulberry32(seed ^ 0x5750);
  const posts = Math.ceil((items * FEATURED_EVERY) / (FEATURED_EVERY + 1));
  let written = 0;
  let nextId = 1;
  let commentId = 1;
  let postIndex = 0;
  for (const generated of generatePosts(posts, seed)) {
    if (written >= items) return;
    const post = postItem(generated, nextId++, random);
    post.comments = commentsFor(random, post, commentId);
    commentId += post.comments.length;
    const featured = ++postIndex % FEATURED_EVERY === 0 && written + 1 < items;
    if (featured) post.meta = { ...post.meta, _thumbnail_id: String(nextId) };
    yield post;
    written++;
    if (featured) {
      yield attachmentItem(post, nextId++);
      written++;
    }
  }
}

export interface GeneratedExport {
  file: string;
  items: number;
  posts: number;
  bytes: number;
  seconds: number;
}

/** Writes a seeded export of `items` items to `file`. */
export function generateWordpressExport(file: string, items: number, seed = DEFAULT_SEED): GeneratedExport {
  const started = performance.now();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const shape = shapeOf();
  let count = 0;
  let postCount = 0;
  const counted = function* () {
    for (const item of exportItems(items, seed)) {
      count++;
      if (item.postType === 'post') postCount++;
      yield item;
    }
  };
  const bytes = writeWxrFile(file, {
    site: { title: 'Le Blog Ecommerce', link: SITE_URL, description: 'Ecommerce, SEO & SEA', language: 'fr-FR', baseSiteUrl: SITE_URL, baseBlogUrl: SITE_URL, wxrVersion: '1.2' },
    authors: shape.authors,
    terms: shape.terms,
    items: counted(),
  });
  return { file, items: count, posts: postCount, bytes, seconds: (performance.now() - started) / 1000 };
}

/** What the child process reports (bench/wordpress.child.ts), or what was seen of it when stopped. */
export interface ChildRun {
  mode: 'read' | 'import' | 'dry-run';
  seconds: number;
  items: number;
  /** The child's own peak (maxRSS), or its VmHWM when it was stopped at the time limit. */
  peakRssMb: number;
  summary?: string;
  /** Set when the run was stopped at its time limit: the share of the file's bytes read by then. */
  stoppedAt?: number;
}

export interface WordpressBenchResult {
  /** `run` is the median of `runs` by time (see IMPORT_RUNS). */
  tenThousand: { export: GeneratedExport; read?: ChildRun; run?: ChildRun; runs?: ChildRun[] };
  large: { export: GeneratedExport; read?: ChildRun; run?: ChildRun };
  limitMinutes: number;
  notes: string[];
}

/** The peak resident memory the kernel recorded for a process (VmHWM), in MB. */
function peakOf(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * bench/wordpress.child.ts built as Kiosque is (scripts/build.options.mjs) into dist/bench/, and
 * its path: the import is measured in the code users run, with the render threads of
 * dist/render-worker.js (`npm run build`, which `npm run bench` runs when a source is newer).
 * Run through tsx, the TypeScript loader would add its own memory to every thread.
 */
export async function buildChild(repoRoot: string): Promise<string> {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'render-worker.js'))) throw new Error('Kiosque is not built: run "npm run build" before the WordPress benchmark');
  const outdir = path.join(repoRoot, 'dist', 'bench');
  await build({ ...serverBundleOptions(repoRoot), entryPoints: { 'wordpress.child': path.join(repoRoot, 'bench', 'wordpress.child.ts') }, outdir, outExtension: { '.js': '.mjs' }, splitting: true, chunkNames: 'chunks/[name]-[hash]' });
  return path.join(outdir, 'wordpress.child.mjs');
}

/**
 * Runs the built child (see buildChild) in a process of its own and returns what it printed. At
 * the time limit it is stopped, and the run returned says how far it got and its peak memory by then.
 */
export function runChild(script: string, mode: ChildRun['mode'], file: string, dataDir: string, limitMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script, mode, file, dataDir], {
      env: { ...process.env, KIOSQUE_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let fraction = 0;
    let peak = 0;
    let stopped = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20_000);
      const progress = [...stderr.matchAll(/^progress (\d+) (\d+)$/gm)].at(-1);
      if (progress) fraction = Number(progress[1]) / Number(progress[2]);
    });
    const sampler = setInterval(() => (peak = Math.max(peak, peakOf(child.pid!) ?? 0)), 250);
    const timer = setTimeout(() => {
      peak = Math.max(peak, peakOf(child.pid!) ?? 0);
      stopped = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      if (stopped) return resolve({ mode, seconds, items: 0, peakRssMb: peak, stoppedAt: fraction });
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as ChildRun);
      else reject(new Error(`wordpress.child.ts ${mode} exited ${code}: ${stderr.trim().split('\n').filter((l) => !l.startsWith('progress ')).slice(-5).join(' | ')}`));
    });
  });
}

/**
 * The 10,000-post import runs this many times, each into a fresh data dir, and is judged at its
 * median, as the server's timed rows are: on this shared machine one build's import took from
 * 19.1 to 22.6 s over four runs.
 */
const IMPORT_RUNS = 3;

export interface WordpressBenchOptions {
  repoRoot: string;
  workDir: string;
  posts?: number;
  largeItems?: number;
  /** Each import run is stopped after this long (default 15 min, BENCH_WORDPRESS_LIMIT_MINUTES). */
  limitMinutes?: number;
  log: (message: string) => void;
}

export async function measureWordpress(options: WordpressBenchOptions): Promise<WordpressBenchResult> {
  const { repoRoot, workDir, log } = options;
  const posts = options.posts ?? WORDPRESS_POSTS;
  const largeItems = options.largeItems ?? WORDPRESS_LARGE_ITEMS;
  const limitMinutes = options.limitMinutes ?? Number(process.env.BENCH_WORDPRESS_LIMIT_MINUTES ?? 15);
  const limitMs = limitMinutes * 60_000;
  const notes: string[] = [];
  const describeRun = (run: ChildRun) =>
    run.stoppedAt === undefined
      ? `${run.seconds.toFixed(1)} s, peak RSS ${run.peakRssMb.toFixed(0)} MB${run.summary ? ` (${run.summary})` : ''}`
      : `stopped at the ${limitMinutes}-min limit, ${(run.stoppedAt * 100).toFixed(0)} % of the file read, peak RSS ${run.peakRssMb.toFixed(0)} MB by then`;
  fs.rmSync(workDir, { recursive: true, force: true });
  const child = await buildChild(repoRoot);

  log(`  writing a WXR export of ${posts.toLocaleString('en-US')} posts`);
  // The posts, and the featured images of one in ten.
  const small = generateWordpressExport(path.join(workDir, 'export-10k.xml'), Math.round(posts * (1 + 1 / FEATURED_EVERY)));
  log(`  ${small.posts} posts, ${small.items} items, ${(small.bytes / 1e6).toFixed(1)} MB in ${small.seconds.toFixed(1)} s`);
  const result: WordpressBenchResult = { tenThousand: { export: small }, large: { export: small }, limitMinutes, notes };
  result.tenThousand.read = await runChild(child, 'read', small.file, path.join(workDir, 'unused'), limitMs);
  log(`  read alone: ${describeRun(result.tenThousand.read)}`);
  const runs: ChildRun[] = [];
  for (let round = 1; round <= IMPORT_RUNS; round++) {
    const dataDir = path.join(workDir, 'data-10k');
    fs.rmSync(dataDir, { recursive: true, force: true });
    const run = await runChild(child, 'import', small.file, dataDir, limitMs);
    runs.push(run);
    log(`  imported (${round} of ${IMPORT_RUNS}): ${describeRun(run)}`);
    // A run stopped at the limit says what the others would.
    if (run.stoppedAt !== undefined) break;
  }
  result.tenThousand.runs = runs;
  // A run stopped at the time limit counts as the slowest.
  result.tenThousand.run = medianBy(runs, (run) => (run.stoppedAt === undefined ? run.seconds : Number.POSITIVE_INFINITY));
  fs.rmSync(path.join(workDir, 'data-10k'), { recursive: true, force: true });
  fs.rmSync(small.file, { force: true });

  log(`  writing a WXR export of ${largeItems.toLocaleString('en-US')} items`);
  const large = generateWordpressExport(path.join(workDir, 'export-100k.xml'), largeItems);
  result.large.export = large;
  log(`  ${large.posts} posts, ${large.items} items, ${(large.bytes / 1e6).toFixed(1)} MB in ${large.seconds.toFixed(1)} s`);
  result.large.read = await runChild(child, 'read', large.file, path.join(workDir, 'unused'), limitMs);
  log(`  read alone: ${describeRun(result.large.read)}`);
  result.large.run = await runChild(child, 'import', large.file, path.join(workDir, 'data-100k'), limitMs);
  log(`  imported: ${describeRun(result.large.run)}`);
  if (result.large.run.stoppedAt !== undefined) {
    notes.push(
      `The ${large.items.toLocaleString('en-US')}-item import was stopped at the bench's ${limitMinutes}-minute limit (BENCH_WORDPRESS_LIMIT_MINUTES) after reading ${(result.large.run.stoppedAt * 100).toFixed(0)} % of the file: its peak memory is the process's VmHWM by then, not over the whole file.`,
    );
  }
  fs.rmSync(workDir, { recursive: true, force: true });
  return result;
}

const number = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The two rows of RESULTS.md: [measure, figure, target, verdict]. */
export function wordpressRows(w: WordpressBenchResult | undefined): [string, string, string, string][] {
  const importTarget = `≤ ${WORDPRESS_TARGETS.importSeconds} s`;
  const rssTarget = `≤ ${WORDPRESS_TARGETS.peakRssMb} MB`;
  if (!w) return [['WordPress import, 10,000 posts', 'not measured', importTarget, 'n/a'], ['WordPress import, peak RSS, 100,000 items', 'not measured', rssTarget, 'n/a']];
  const small = w.tenThousand;
  const large = w.large;
  const reading = (run: ChildRun | undefined) => (run?.stoppedAt === undefined && run ? `reading alone ${number(run.seconds, 1)} s, peak RSS ${number(run.peakRssMb)} MB` : 'reading alone not measured');
  const size = (e: GeneratedExport) => `${number(e.items)} items, ${number(e.bytes / 1e6)} MB`;
  const importLabel = `WordPress import, ${number(small.export.posts)} posts (\`importWordpress\`, fresh SQLite data dir)`;
  let importRow: [string, string, string, string];
  if (!small.run) importRow = [importLabel, `not measured (${reading(small.read)})`, importTarget, 'n/a'];
  else if (small.run.stoppedAt !== undefined) {
    importRow = [importLabel, `over ${number(w.limitMinutes)} min: stopped with ${number(small.run.stoppedAt * 100)} % of the file read (${size(small.export)}; ${reading(small.read)})`, importTarget, 'FAIL'];
  } else {
    const runs = small.runs ?? [small.run];
    const times = runs.length > 1 ? `median of ${runs.length} runs: ${runs.map((run) => `${number(run.seconds, 1)} s`).join(', ')}; ` : '';
    const peak = Math.max(...runs.map((run) => run.peakRssMb));
    importRow = [
      importLabel,
      `${number(small.run.seconds, 1)} s = ${number(small.export.posts / small.run.seconds, 1)} posts/s (${times}${size(small.export)}; peak RSS ${number(peak)} MB, the highest of the runs; ${reading(small.read)})`,
      importTarget,
      small.run.seconds <= WORDPRESS_TARGETS.importSeconds ? 'PASS' : 'FAIL',
    ];
  }
  const rssLabel = `WordPress import, peak RSS, ${number(large.export.items)} items`;
  let rssRow: [string, string, string, string];
  if (!large.run) rssRow = [rssLabel, `not measured (${reading(large.read)})`, rssTarget, 'n/a'];
  else if (large.run.stoppedAt !== undefined) {
    const over = large.run.peakRssMb > WORDPRESS_TARGETS.peakRssMb;
    rssRow = [
      rssLabel,
      `${number(large.run.peakRssMb, 1)} MB after ${number(large.run.stoppedAt * 100)} % of the file (stopped at the ${number(w.limitMinutes)}-min limit; ${size(large.export)}; ${reading(large.read)})`,
      rssTarget,
      over ? 'FAIL' : 'n/a',
    ];
  } else {
    rssRow = [
      rssLabel,
      `${number(large.run.peakRssMb, 1)} MB (${size(large.export)}, imported in ${number(large.run.seconds)} s; ${reading(large.read)})`,
      rssTarget,
      large.run.peakRssMb <= WORDPRESS_TARGETS.peakRssMb ? 'PASS' : 'FAIL',
    ];
  }
  return [importRow, rssRow];
}

export function wordpressNotes(w: WordpressBenchResult | undefined): string[] {
  if (!w) return [];
  return [
    `WordPress: seeded WXR 1.2 exports written by \`bench/wordpress.ts\` from the corpus generator's posts (half classic-editor markup, half Gutenberg blocks; categories with parents, tags, 0–4 comments each, some threaded, pending or spam; a featured image for one post in ${FEATURED_EVERY}, without its file). Each figure is a child process of its own (\`bench/wordpress.child.ts\`, bundled as the build bundles Kiosque, its render threads running \`dist/render-worker.js\`); peak RSS is its \`process.resourceUsage().maxRSS\`, the render threads included.`,
    ...w.notes,
  ];
}
