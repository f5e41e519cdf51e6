import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openKiosque } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { importMarkdownFolder } from '../src/importers/markdown/markdown.importer.ts';
import { freePort, get } from './children.ts';
import { DEFAULT_SEED, generateCorpus, representativePost, type Corpus } from './corpus.ts';
import { measureInstallSize } from './install.ts';
import { lighthouseRow, measureLighthouse } from './lighthouse.ts';
import { chooseLoadTool, runLoad, type LoadOptions, type LoadResult, type LoadTool } from './load.ts';
import { measureNewsroom } from './newsroom.ts';
import { measureSearch, searchRow, SEARCH_POSTS } from './search.ts';
import { measureWordpress, wordpressNotes, wordpressRows } from './wordpress.ts';
import { findNginx, startNginx, type StaticServer } from './nginx.ts';
import { measureRender } from './render.ts';
import { medianBy } from './medians.ts';
import { medianRound, resultsMarkdown, summaryText, type Results, type WarmRound } from './report.ts';
import { readMemory, readTreeMemory, startKiosque, watchTreeMemory, type KiosqueServer } from './server.ts';

/**
 * `npm run bench`: generates a seeded corpus, imports it with the real importer, then measures
 * the real server (start-up, cached and uncached throughput, memory) as one process and with two
 * workers, nginx on the same HTML, rendering in-process, the production install, and the
 * newsroom's budgets (admin first load, publishing, upload). Writes bench/RESULTS.md.
 */

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(REPO_ROOT, 'bench', '.work');
const DIRS = {
  corpus: path.join(WORK, 'corpus'),
  data: path.join(WORK, 'data'),
  static: path.join(WORK, 'static'),
  nginx: path.join(WORK, 'nginx'),
  install: path.join(WORK, 'prod-install'),
  lighthouse: path.join(WORK, 'lighthouse-data'),
  search: path.join(WORK, 'search-data'),
  wordpress: path.join(WORK, 'wordpress'),
};
/** Parts that `--only` runs alone, for iterating on one without the whole run; they never write RESULTS.md. */
const ONLY_PARTS = ['lighthouse', 'search', 'wordpress'] as const;
const STARTUP_RUNS = 3;
const PRIMING_SECONDS = 2;
/**
 * Load tests judged against a target run this many times and are judged at their median. The
 * machine is shared: one 10 s run of the same build gave 26,000 and the next 44,000 req/s. The
 * warm article alternates with nginx in each round, so that a busy moment weighs on both sides of
 * the ratio, and the round of median ratio is the one reported.
 */
const ROUNDS = 3;
/** Said in the command shown, so the single-process figures say what they measured. */
const ONE_PROCESS = { KIOSQUE_WORKERS: '1' };
/**
 * Fixed rather than one per core, so runs on different machines measure the same server. nginx
 * beside them runs as many workers (`worker_processes 2`), and one beside one process: like with like.
 */
const WORKERS = 2;
/**
 * Each worker keeps its own page cache, and the kernel hands each new connection to whichever
 * worker accepts it first (startKiosque returns once every worker listens): this many connections
 * in a row reach each of two workers with near certainty. The untimed priming run, with its many
 * connections, would fill a cache still missed before the clock starts.
 */
const WORKER_WARM_UPS = 20;

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value.replace(/s$/, '').replace(/[_,]/g, ''));
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a whole number above 0, not "${value}"`);
  return parsed;
}

function readOptions(): Results['options'] & { only: (typeof ONLY_PARTS)[number] | undefined } {
  const { values } = parseArgs({
    options: { posts: { type: 'string' }, duration: { type: 'string' }, connections: { type: 'string' }, only: { type: 'string' }, 'search-posts': { type: 'string' } },
    strict: true,
  });
  const only = ONLY_PARTS.find((part) => part === values.only);
  if (values.only !== undefined && !only) throw new Error(`--only takes one of: ${ONLY_PARTS.join(', ')}`);
  return {
    only,
    posts: positiveInteger('--posts', values.posts ?? process.env.BENCH_POSTS, 10_000),
    searchPosts: positiveInteger('--search-posts', values['search-posts'], SEARCH_POSTS),
    durationSeconds: positiveInteger('--duration', values.duration, 10),
    connections: positiveInteger('--connections', values.connections, 50),
    threads: 2,
  };
}

/** The bench's own build of its WordPress child (bench/wordpress.ts), made during the run. */
const BENCH_BUILD = path.join(REPO_ROOT, 'dist', 'bench');

/** Files of the program that changed after `since`: a run during someone's edit measures two versions. */
function changedSince(since: Date): string[] {
  const changed: string[] = [];
  const visit = (target: string) => {
    if (!fs.existsSync(target)) return;
    const stat = fs.statSync(target);
    if (target === BENCH_BUILD) return;
    if (stat.isDirectory()) for (const entry of fs.readdirSync(target)) visit(path.join(target, entry));
    else if (stat.mtimeMs > since.getTime()) changed.push(path.relative(REPO_ROOT, target));
  };
  for (const part of ['src', 'bin', 'scripts', 'dist', 'package.json', 'package-lock.json']) visit(path.join(REPO_ROOT, part));
  return changed;
}

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

async function importCorpus(corpus: Corpus, results: Results): Promise<string[]> {
  fs.rmSync(DIRS.data, { recursive: true, force: true });
  const config = loadConfig({}, { KIOSQUE_DATA_DIR: DIRS.data, KIOSQUE_LOG_LEVEL: 'silent', KIOSQUE_DEMO: 'false' });
  const kiosque = await openKiosque(config);
  try {
    const started = process.hrtime.bigint();
    let shown = 0;
    const report = await importMarkdownFolder({ db: kiosque.db, events: kiosque.events, dataDir: config.dataDir }, corpus.dir, {
      onProgress: (done, total) => {
        if (done === total || done - shown >= Math.max(1, Math.round(total / 10))) {
          shown = done;
          log(`  written ${done}/${total}`);
        }
      },
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (report.errors.length > 0) {
      const listed = report.errors.slice(0, 5).map((problem) => `${problem.file}:${problem.line}: ${problem.reason}`);
      throw new Error(`the importer refused the corpus (${report.errors.length} errors):\n${listed.join('\n')}`);
    }
    results.importResult = { seconds, created: report.created, updated: report.updated, warnings: report.warnings.length };
    log(`imported ${report.created} posts in ${seconds.toFixed(1)} s (${report.warnings.length} warnings)`);
    const rows = await kiosque.db.kysely.selectFrom('posts').select('slug').where('type', '=', 'post').where('status', '=', 'published').orderBy('id').execute();
    // The default permalink pattern is /%postname%/.
    return rows.map((row) => `/${row.slug}/`);
  } finally {
    await kiosque.close();
  }
}

/** Runs one named part; a failure is recorded and the other parts still run. */
async function step(results: Results, name: string, work: () => Promise<void>): Promise<void> {
  log(`${name}…`);
  try {
    await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    results.problems.push(`${name}: ${message}`);
    log(`${name} FAILED: ${message}`);
  }
}

async function withServer<T>(results: Results, env: Record<string, string>, use: (server: KiosqueServer) => Promise<T>): Promise<T> {
  const server = await startKiosque({ repoRoot: REPO_ROOT, dataDir: DIRS.data, env });
  results.serverCommands.push(server.command);
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

/** GETs a page (so it is cached) and checks it is a 200; each GET opens its own connection. */
async function warmUp(port: number, pagePath: string, times = 1): Promise<Buffer> {
  let body: Buffer = Buffer.alloc(0);
  for (let time = 0; time < times; time++) {
    const response = await get(port, pagePath);
    if (response.status !== 200) throw new Error(`GET ${pagePath} answered ${response.status}`);
    body = response.body;
  }
  return body;
}

/**
 * nginx serving the article's HTML as a static file beside the Kiosque server, with one worker per
 * process of that server; undefined (and said) without nginx.
 */
async function startStaticCopy(results: Results, articleHtml: Buffer, workers: number): Promise<StaticServer | undefined> {
  const nginx = findNginx();
  if (!nginx) {
    results.nginxNote = 'nginx missing (apt-get install nginx-light): no comparison';
    return undefined;
  }
  fs.rmSync(DIRS.static, { recursive: true, force: true });
  fs.mkdirSync(path.join(DIRS.static, 'article'), { recursive: true });
  fs.writeFileSync(path.join(DIRS.static, 'article', 'index.html'), articleHtml);
  const server = await startNginx(nginx, { workDir: DIRS.nginx, root: DIRS.static, port: await freePort(), probePath: '/article/', workers });
  results.nginxCommand = server.command.replaceAll(REPO_ROOT + '/', '');
  return server;
}

/** Lighthouse on the demo blog's article, on a server of its own over a fresh data dir with the demo loaded. */
async function lighthouseStep(results: Results): Promise<void> {
  await step(results, 'Lighthouse on the demo article (mobile)', async () => {
    fs.rmSync(DIRS.lighthouse, { recursive: true, force: true });
    const server = await startKiosque({ repoRoot: REPO_ROOT, dataDir: DIRS.lighthouse, env: { ...ONE_PROCESS, KIOSQUE_DEMO: 'true' } });
    results.serverCommands.push(server.command);
    try {
      results.lighthouse = await measureLighthouse(server, log);
    } finally {
      await server.stop();
    }
  });
}

/** `--only lighthouse`: that part alone, its row on stdout; RESULTS.md is left as the last full run wrote it. */
async function onlyLighthouse(options: Results['options']): Promise<number> {
  const results: Results = { startedAt: new Date(), options, tool: undefined, serverCommands: [], problems: [], loadAverage: { before: os.loadavg()[0]! } };
  await lighthouseStep(results);
  const [measure, figure, target, verdict] = lighthouseRow(results.lighthouse);
  process.stdout.write(`\n${verdict} ${measure.replace(/`/g, '')}\n      ${figure}  [target ${target}]\n`);
  for (const audit of results.lighthouse?.failing ?? []) process.stdout.write(`      lost points: ${audit.category} ${audit.id} (${Math.round(audit.score * 100)}) ${audit.title}${audit.displayValue ? ` — ${audit.displayValue}` : ''}\n`);
  for (const problem of results.problems) process.stdout.write(`Problem: ${problem}\n`);
  process.stdout.write('(RESULTS.md not written: a partial run.)\n');
  return results.problems.length > 0 || verdict !== 'PASS' ? 1 : 0;
}

/**
 * Search over a large archive, in-process on SQLite (a data dir of its own, rows inserted in bulk),
 * and on PostgreSQL too when BENCH_POSTGRES_URL names an empty database it may fill.
 */
async function searchStep(results: Results): Promise<void> {
  await step(results, `search over ${results.options.searchPosts} posts, SQLite`, async () => {
    results.search = await measureSearch({ dataDir: DIRS.search, posts: results.options.searchPosts, log });
    log(`  p50 ${results.search.p50Ms.toFixed(2)} ms, p95 ${results.search.p95Ms.toFixed(2)} ms, max ${results.search.maxMs.toFixed(1)} ms`);
  });
  const postgresUrl = process.env.BENCH_POSTGRES_URL;
  if (!postgresUrl) return;
  await step(results, `search over ${results.options.searchPosts} posts, PostgreSQL`, async () => {
    results.searchPostgres = await measureSearch({ dataDir: DIRS.search, databaseUrl: postgresUrl, posts: results.options.searchPosts, log });
    log(`  p50 ${results.searchPostgres.p50Ms.toFixed(2)} ms, p95 ${results.searchPostgres.p95Ms.toFixed(2)} ms, max ${results.searchPostgres.maxMs.toFixed(1)} ms`);
  });
}

/** `--only search`: that part alone, its rows on stdout; RESULTS.md is left as the last full run wrote it. */
async function onlySearch(options: Results['options']): Promise<number> {
  const results: Results = { startedAt: new Date(), options, tool: undefined, serverCommands: [], problems: [], loadAverage: { before: os.loadavg()[0]! } };
  await searchStep(results);
  let failed = false;
  for (const [result, engine] of [[results.search, 'sqlite'], [results.searchPostgres, 'postgres']] as const) {
    if (!result) continue;
    const [measure, figure, target, verdict] = searchRow(result, engine);
    failed ||= verdict !== 'PASS';
    process.stdout.write(`\n${verdict} ${measure.replace(/`/g, '')}\n      ${figure}  [target ${target}]\n`);
    for (const slow of result.slowest) process.stdout.write(`      slowest: ${slow.q}${slow.category ? ` in ${slow.category}` : ''}: median ${slow.medianMs.toFixed(2)} ms, ${slow.more ? 'over 1,000' : slow.total} found\n`);
  }
  for (const problem of results.problems) process.stdout.write(`Problem: ${problem}\n`);
  process.stdout.write('(RESULTS.md not written: a partial run.)\n');
  return results.problems.length > 0 || failed ? 1 : 0;
}

/** WordPress import (issue 5): a generated 10,000-post export timed, a 100,000-item one's peak memory, each in a child process. */
async function wordpressStep(results: Results): Promise<void> {
  await step(results, 'WordPress import (10,000 posts; peak memory over 100,000 items)', async () => {
    results.wordpress = await measureWordpress({ repoRoot: REPO_ROOT, workDir: DIRS.wordpress, log });
  });
}

/** `--only wordpress`: that part alone, its rows on stdout; RESULTS.md is left as the last full run wrote it. */
async function onlyWordpress(options: Results['options']): Promise<number> {
  const results: Results = { startedAt: new Date(), options, tool: undefined, serverCommands: [], problems: [], loadAverage: { before: os.loadavg()[0]! } };
  await wordpressStep(results);
  let failed = false;
  for (const [measure, figure, target, verdict] of wordpressRows(results.wordpress)) {
    failed ||= verdict !== 'PASS';
    process.stdout.write(`\n${verdict} ${measure.replace(/`/g, '')}\n      ${figure}  [target ${target}]\n`);
  }
  for (const note of wordpressNotes(results.wordpress)) process.stdout.write(`Note: ${note.replace(/`/g, '')}\n`);
  for (const problem of results.problems) process.stdout.write(`Problem: ${problem}\n`);
  process.stdout.write('(RESULTS.md not written: a partial run.)\n');
  return results.problems.length > 0 || failed ? 1 : 0;
}

async function main(): Promise<number> {
  const { only, ...options } = readOptions();
  if (only === 'lighthouse') return onlyLighthouse(options);
  if (only === 'search') return onlySearch(options);
  if (only === 'wordpress') return onlyWordpress(options);
  const tool: LoadTool | undefined = chooseLoadTool(REPO_ROOT);
  const results: Results = { startedAt: new Date(), options, tool, serverCommands: [], problems: [], loadAverage: { before: os.loadavg()[0]! } };
  const loadOptions: LoadOptions = { durationSeconds: options.durationSeconds, connections: options.connections, threads: options.threads };
  const load = async (port: number, pagePath: string): Promise<LoadResult> => {
    if (!tool) throw new Error('no load generator: install wrk (apt-get install wrk) or the devDependencies (npm ci)');
    const result = await runLoad(tool, `http://127.0.0.1:${port}${pagePath}`, loadOptions, REPO_ROOT);
    log(`  ${pagePath}: ${Math.round(result.requestsPerSec)} req/s, p99 ${result.p99Ms} ms`);
    return result;
  };
  /** An untimed run first, so the server's JIT has compiled the reading path before the clock starts. */
  const prime = async (port: number, pagePath: string): Promise<void> => {
    if (!tool) return;
    await runLoad(tool, `http://127.0.0.1:${port}${pagePath}`, { ...loadOptions, durationSeconds: PRIMING_SECONDS }, REPO_ROOT);
  };
  /**
   * The warm article against nginx serving the same HTML with as many processes, in ROUNDS rounds
   * of Kiosque then nginx, both primed first; the round of median ratio, with every round.
   */
  const againstNginx = async (port: number, articlePath: string, articleHtml: Buffer, processes: number): Promise<WarmRound & { rounds: WarmRound[] }> => {
    const nginx = await startStaticCopy(results, articleHtml, processes);
    try {
      await prime(port, articlePath);
      if (nginx) await prime(nginx.port, '/article/');
      const rounds: WarmRound[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        log(`  round ${round} of ${ROUNDS}`);
        rounds.push({ kiosque: await load(port, articlePath), nginx: nginx && (await load(nginx.port, '/article/')) });
      }
      return { ...medianRound(rounds), rounds };
    } finally {
      await nginx?.stop();
    }
  };
  if (!tool) results.problems.push('no load generator found: throughput figures are missing');

  log(`generating ${options.posts} posts (seed 0x${DEFAULT_SEED.toString(16)})`);
  const corpusStarted = Date.now();
  const corpus = generateCorpus(DIRS.corpus, options.posts, DEFAULT_SEED);
  results.corpus = {
    seed: corpus.seed,
    posts: corpus.posts.length,
    words: corpus.words,
    megabytes: corpus.bytes / 1e6,
    categories: corpus.categories.length,
    tags: corpus.tags,
    authors: corpus.authors,
    seconds: (Date.now() - corpusStarted) / 1000,
  };

  log('importing with the real importer');
  const articlePaths = await importCorpus(corpus, results);
  const chosen = representativePost(corpus);
  const articlePath = `/${chosen.slug}/`;
  if (!articlePaths.includes(articlePath)) throw new Error(`the imported posts do not include ${articlePath}`);
  // The top-level category with children: its archive lists the most posts.
  results.categoryPath = '/categorie/ecommerce/';

  await step(results, `start-up time (${STARTUP_RUNS} starts)`, async () => {
    const runsMs: number[] = [];
    const listeningLineMs: (number | undefined)[] = [];
    for (let run = 0; run < STARTUP_RUNS; run++) {
      await withServer(results, ONE_PROCESS, async (server) => {
        runsMs.push(server.firstOkMs);
        listeningLineMs.push(server.listeningLineMs);
      });
    }
    results.startup = { runsMs, listeningLineMs };
    log(`  first 200 after ${runsMs.map((value) => value.toFixed(0)).join(', ')} ms`);
  });

  /** The article as the warm server answered it: nginx serves the same bytes. */
  let articleHtml: Buffer | undefined;
  await step(results, 'warm server (page cache on), against nginx on the same HTML', async () => {
    await withServer(results, ONE_PROCESS, async (server) => {
      articleHtml = await warmUp(server.port, articlePath);
      const gzip = await get(server.port, articlePath, { 'accept-encoding': 'gzip' });
      const brotli = await get(server.port, articlePath, { 'accept-encoding': 'br' });
      results.article = {
        path: articlePath,
        words: chosen.words,
        identityBytes: articleHtml.length,
        gzipBytes: gzip.headers['content-encoding'] === 'gzip' ? gzip.body.length : undefined,
        brotliBytes: brotli.headers['content-encoding'] === 'br' ? brotli.body.length : undefined,
      };
      const homeBytes = (await warmUp(server.port, '/')).length;
      const categoryBytes = (await warmUp(server.port, results.categoryPath!)).length;
      results.warm = { homeBytes, categoryBytes };
      const middle = await againstNginx(server.port, articlePath, articleHtml, 1);
      results.warmRounds = middle.rounds;
      results.warm.article = middle.kiosque;
      results.nginx = middle.nginx;
      results.warm.home = await load(server.port, '/');
      results.warm.category = await load(server.port, results.categoryPath!);
      results.memory = readMemory(server.pid);
    });
  });

  await step(results, 'server with the page cache off', async () => {
    await withServer(results, { ...ONE_PROCESS, KIOSQUE_PAGE_CACHE_MB: '0' }, async (server) => {
      await warmUp(server.port, articlePath);
      await prime(server.port, articlePath);
      const runs: LoadResult[] = [];
      for (let round = 1; round <= ROUNDS; round++) runs.push(await load(server.port, articlePath));
      results.cacheOffRuns = runs;
      results.cacheOff = medianBy(runs, (run) => run.requestsPerSec);
      results.cacheOffMemory = readMemory(server.pid);
    });
  });

  results.workers = { count: WORKERS, warmUps: WORKER_WARM_UPS };
  const workers = results.workers;
  await step(results, `${WORKERS} workers (page cache on)`, async () => {
    await withServer(results, { KIOSQUE_WORKERS: String(WORKERS) }, async (server) => {
      const watch = watchTreeMemory(server.pid);
      try {
        await warmUp(server.port, articlePath, WORKER_WARM_UPS);
        // The same rounds as one process, against nginx with as many workers, measured beside them.
        const middle = await againstNginx(server.port, articlePath, articleHtml ?? (await warmUp(server.port, articlePath)), WORKERS);
        workers.warmRounds = middle.rounds;
        workers.warmArticle = middle.kiosque;
        workers.nginx = middle.nginx;
      } finally {
        workers.memory = watch.stop();
      }
    });
  });

  await step(results, `${WORKERS} workers, page cache off`, async () => {
    await withServer(results, { KIOSQUE_WORKERS: String(WORKERS), KIOSQUE_PAGE_CACHE_MB: '0' }, async (server) => {
      await warmUp(server.port, articlePath);
      await prime(server.port, articlePath);
      workers.cacheOff = await load(server.port, articlePath);
      workers.cacheOffMemory = readTreeMemory(server.pid);
    });
  });

  await step(results, 'in-process render, page cache off', async () => {
    results.render = await measureRender({ dataDir: DIRS.data, paths: articlePaths, seed: DEFAULT_SEED });
    log(`  p50 ${results.render.p50Ms.toFixed(2)} ms, p99 ${results.render.p99Ms.toFixed(2)} ms`);
  });

  await step(results, 'production install size (npm ci --omit=dev --ignore-scripts)', async () => {
    results.install = await measureInstallSize(REPO_ROOT, DIRS.install);
    log(`  ${results.install.megabytes.toFixed(1)} MB`);
  });

  await lighthouseStep(results);
  await searchStep(results);
  await wordpressStep(results);

  // Last: it adds accounts, articles and photos to the data dir the other steps measured.
  await step(results, 'newsroom budgets (admin first load, publishing, upload)', async () => {
    results.newsroom = {};
    await measureNewsroom(
      {
        dataDir: DIRS.data,
        categoryPath: results.categoryPath!,
        env: { oneProcess: ONE_PROCESS, workers: { KIOSQUE_WORKERS: String(WORKERS) } },
        workers: WORKERS,
        workerWarmUps: WORKER_WARM_UPS,
        withServer: (env, use) => withServer(results, env, use),
        part: (name, work) => step(results, name, work),
        log,
      },
      results.newsroom,
    );
  });

  results.finishedAt = new Date();
  const changed = changedSince(results.startedAt);
  if (changed.length > 0) {
    results.problems.push(`the program changed during the run, so the figures may mix two versions (run again on a quiet tree): ${changed.slice(0, 12).join(', ')}${changed.length > 12 ? ', …' : ''}`);
  }
  results.loadAverage.after = os.loadavg()[0]!;
  fs.writeFileSync(path.join(REPO_ROOT, 'bench', 'RESULTS.md'), resultsMarkdown(results));
  process.stdout.write(summaryText(results));
  process.stdout.write(`\nWrote bench/RESULTS.md\n`);
  return results.problems.length > 0 ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
