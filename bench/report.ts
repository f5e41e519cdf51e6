import os from 'node:os';
import type { InstallSize } from './install.ts';
import { LIGHTHOUSE_COMMANDS, lighthouseNotes, lighthouseRow, type LighthouseResults } from './lighthouse.ts';
import type { LoadResult, LoadTool } from './load.ts';
import { medianBy } from './medians.ts';
import { NEWSROOM_TARGETS, PHOTO, POLL_MS, PUBLISH_RUNS, UPLOAD_RUNS, type BrowserLoad, type NewsroomResults, type Publishing } from './newsroom.ts';
import type { RenderResult } from './render.ts';
import { searchNotes, searchRow, type SearchBenchResult } from './search.ts';
import { wordpressNotes, wordpressRows, type WordpressBenchResult } from './wordpress.ts';
import type { Memory, TreeMemory } from './server.ts';

/** Everything one run measured, and how it turns into RESULTS.md and the summary on stdout. */

export const TARGETS = {
  warmVsNginx: 0.7,
  cacheOffRps: 1_750,
  renderP99Ms: 5,
  memoryMb: 150,
  firstOkMs: 1_500,
  installMb: 150,
} as const;

export interface Results {
  startedAt: Date;
  finishedAt?: Date;
  options: { posts: number; searchPosts: number; durationSeconds: number; connections: number; threads: number };
  tool: LoadTool | undefined;
  corpus?: { seed: number; posts: number; words: number; megabytes: number; categories: number; tags: number; authors: number; seconds: number };
  importResult?: { seconds: number; created: number; updated: number; warnings: number };
  article?: { path: string; words: number; identityBytes: number; gzipBytes: number | undefined; brotliBytes: number | undefined };
  categoryPath?: string;
  startup?: { runsMs: number[]; listeningLineMs: (number | undefined)[] };
  warm?: { article?: LoadResult; home?: LoadResult; category?: LoadResult; homeBytes?: number; categoryBytes?: number };
  memory?: Memory;
  cacheOff?: LoadResult;
  /** Every run of the uncached article; `cacheOff` is their median. */
  cacheOffRuns?: LoadResult[];
  /** Every round of the warm article and nginx; `warm.article` and `nginx` are the round of median ratio. */
  warmRounds?: WarmRound[];
  cacheOffMemory?: Memory;
  /** The same server as a primary process and `count` workers (`KIOSQUE_WORKERS`); memory is summed over all of them. */
  workers?: {
    count: number;
    warmUps: number;
    /** The round of median ratio of `warmRounds`, each the workers then nginx, as for one process. */
    warmArticle?: LoadResult;
    nginx?: LoadResult | undefined;
    warmRounds?: WarmRound[];
    memory?: TreeMemory;
    cacheOff?: LoadResult;
    cacheOffMemory?: TreeMemory;
  };
  nginx?: LoadResult;
  nginxNote?: string;
  nginxCommand?: string;
  render?: RenderResult;
  install?: InstallSize;
  /** The budgets of issue 3: admin first load, publishing, upload. */
  newsroom?: NewsroomResults;
  /** Lighthouse's four scores on the demo article (issue 4). */
  lighthouse?: LighthouseResults;
  /** Search over a large archive (issue 4), in-process; PostgreSQL's only when BENCH_POSTGRES_URL is set. */
  search?: SearchBenchResult;
  searchPostgres?: SearchBenchResult;
  /** WordPress import (issue 5): 10,000 posts timed, a 100,000-item export's peak memory. */
  wordpress?: WordpressBenchResult;
  serverCommands: string[];
  problems: string[];
  /** 1-minute load average before and after: other work on the machine skews every figure. */
  loadAverage: { before: number; after?: number };
}

const number = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (value: number) => `${number(value, value < 10 ? 2 : value < 100 ? 1 : 0)} ms`;
const verdict = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'PASS' : 'FAIL');

/** One round of the warm comparison: the article from Kiosque, then from nginx. */
export interface WarmRound {
  kiosque: LoadResult;
  nginx: LoadResult | undefined;
}

const roundRatio = (round: WarmRound) => (round.nginx ? round.kiosque.requestsPerSec / round.nginx.requestsPerSec : round.kiosque.requestsPerSec);

/** The round whose ratio is the median of the rounds' (without nginx, of Kiosque's throughput). */
export function medianRound(rounds: readonly WarmRound[]): WarmRound {
  return medianBy(rounds, roundRatio);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function load(result: LoadResult | undefined): string {
  if (!result) return 'not measured';
  const flaws = [result.non2xx ? `${number(result.non2xx)} non-2xx` : '', result.socketErrors ? `${number(result.socketErrors)} socket errors` : ''].filter(Boolean);
  return `${number(result.requestsPerSec)} req/s, p99 ${ms(result.p99Ms)}${flaws.length ? ` (${flaws.join(', ')})` : ''}`;
}

type Row = [measure: string, figure: string, target: string, verdict: string];

export function resultRows(r: Results): Row[] {
  const rows: Row[] = [];
  if (r.importResult && r.corpus) {
    const rate = r.corpus.posts / r.importResult.seconds;
    rows.push(['Import (real importer, one transaction)', `${number(r.corpus.posts)} posts in ${number(r.importResult.seconds, 1)} s = ${number(rate)} posts/s`, '—', '—']);
  }
  if (r.startup) {
    const med = median(r.startup.runsMs);
    rows.push(['Spawn → first 200 on `/` (warm data dir), 1 process', `median ${ms(med)} (runs: ${r.startup.runsMs.map(ms).join(', ')})`, `≤ ${number(TARGETS.firstOkMs)} ms`, verdict(med <= TARGETS.firstOkMs)]);
  }
  // Every verdict names the configuration it judges: one process, or the primary and its workers.
  const workers = r.workers ? `${r.workers.count} workers` : 'workers';
  const toNginx = (result: LoadResult | undefined, nginx = r.nginx) => (result && nginx ? result.requestsPerSec / nginx.requestsPerSec : undefined);
  const ratio = toNginx(r.warm?.article);
  // Measured beside the workers, with as many nginx workers: the one-process rounds' nginx is not theirs to compare with.
  const workersNginx = r.workers?.nginx;
  const workersRatio = toNginx(r.workers?.warmArticle, workersNginx);
  const ratioVerdict = (value: number | undefined) => (value === undefined ? 'n/a' : verdict(value >= TARGETS.warmVsNginx));
  const targetBeside = (nginx: LoadResult | undefined) =>
    `≥ ${TARGETS.warmVsNginx} × nginx${nginx ? ` = ${number(TARGETS.warmVsNginx * nginx.requestsPerSec)} req/s` : ''}`;
  const cacheOffVerdict = (result: LoadResult | undefined) => (result ? verdict(result.requestsPerSec >= TARGETS.cacheOffRps) : 'n/a');
  const memoryVerdict = (memory: Memory | undefined) => (memory ? verdict(memory.hwmMb <= TARGETS.memoryMb) : 'n/a');
  const treeMemory = (memory: TreeMemory) =>
    `${number(memory.rssMb, 1)} MB / ${number(memory.hwmMb, 1)} MB (${memory.processes} processes${memory.processes === (r.workers?.count ?? 0) + 1 ? `: the primary and ${workers}` : ''}, peaks ${memory.each.map((one) => number(one.hwmMb, 1)).join(' + ')} MB)${memory.pssMb === undefined ? '' : `; PSS summed ${number(memory.pssMb, 1)} MB`}`;
  const rounds = r.warmRounds ?? [];
  const workerRounds = r.workers?.warmRounds ?? [];
  const roundsNote = (list: readonly WarmRound[]) =>
    list.length > 1
      ? ` (the round of median ratio of ${list.length}, each Kiosque then nginx; Kiosque's rounds: ${list.map((round) => number(round.kiosque.requestsPerSec)).join(', ')} req/s)`
      : '';
  rows.push(['Article, page cache on (warm), 1 process', load(r.warm?.article) + roundsNote(rounds), targetBeside(r.nginx), ratioVerdict(ratio)]);
  rows.push([`Article, page cache on (warm), ${workers}`, load(r.workers?.warmArticle) + roundsNote(workerRounds), targetBeside(workersNginx), ratioVerdict(workersRatio)]);
  rows.push(['Home `/`, page cache on (warm), 1 process', load(r.warm?.home), '—', '—']);
  rows.push([`Category archive \`${r.categoryPath ?? '?'}\` (warm), 1 process`, load(r.warm?.category), '—', '—']);
  rows.push([
    'Resident memory after the warm load, 1 process (VmRSS / peak VmHWM)',
    r.memory ? `${number(r.memory.rssMb, 1)} MB / ${number(r.memory.hwmMb, 1)} MB` : 'not measured',
    `peak ≤ ${TARGETS.memoryMb} MB`,
    memoryVerdict(r.memory),
  ]);
  const peakPss = r.workers?.memory?.peakPssMb;
  rows.push([
    `Resident memory under the warm load, ${workers}, all processes together (peak of the summed PSS; summed VmRSS / VmHWM beside)`,
    r.workers?.memory
      ? `${peakPss === undefined ? 'PSS unreadable' : `${number(peakPss, 1)} MB at the peak of ${r.workers.memory.pssSamples} readings`}; ${treeMemory(r.workers.memory)}`
      : 'not measured',
    `peak ≤ ${TARGETS.memoryMb} MB`,
    peakPss === undefined ? 'n/a' : verdict(peakPss <= TARGETS.memoryMb),
  ]);
  rows.push([
    'Article, page cache off (`KIOSQUE_PAGE_CACHE_MB=0`), 1 process',
    load(r.cacheOff) +
      ((r.cacheOffRuns?.length ?? 0) > 1 ? ` (median of ${r.cacheOffRuns!.length} runs: ${r.cacheOffRuns!.map((run) => number(run.requestsPerSec)).join(', ')} req/s)` : '') +
      (r.cacheOffMemory ? `; peak RSS ${number(r.cacheOffMemory.hwmMb, 1)} MB` : ''),
    `≥ ${number(TARGETS.cacheOffRps)} req/s`,
    cacheOffVerdict(r.cacheOff),
  ]);
  rows.push([
    `Article, page cache off, ${workers}`,
    load(r.workers?.cacheOff) + (r.workers?.cacheOffMemory ? `; peak RSS of all processes summed ${number(r.workers.cacheOffMemory.hwmMb, 1)} MB` : ''),
    `≥ ${number(TARGETS.cacheOffRps)} req/s`,
    cacheOffVerdict(r.workers?.cacheOff),
  ]);
  const nginxRow = (label: string, nginx: LoadResult | undefined, list: readonly WarmRound[]) => {
    const figures = list.flatMap((round) => (round.nginx ? [round.nginx.requestsPerSec] : []));
    rows.push([
      label,
      nginx ? load(nginx) + (figures.length > 1 ? ` (rounds: ${figures.map((value) => number(value)).join(', ')} req/s)` : '') : (r.nginxNote ?? 'not measured'),
      'reference',
      '—',
    ]);
  };
  const ratioRow = (label: string, value: number | undefined, list: readonly WarmRound[]) => {
    const ratios = list.flatMap((round) => (round.nginx ? [round.kiosque.requestsPerSec / round.nginx.requestsPerSec] : []));
    rows.push([
      label,
      value === undefined ? 'n/a' : number(value, 2) + (ratios.length > 1 ? ` (median of ${ratios.length} rounds: ${ratios.map((one) => number(one, 2)).join(', ')})` : ''),
      `≥ ${TARGETS.warmVsNginx}`,
      ratioVerdict(value),
    ]);
  };
  const nginxWorkers = r.workers ? `${r.workers.count} workers` : 'as many workers';
  nginxRow('nginx, the same article HTML as a static file, 1 worker, beside 1 process', r.nginx, rounds);
  if (r.workers?.nginx) nginxRow(`nginx, the same article HTML as a static file, ${nginxWorkers}, beside Kiosque’s ${workers}`, r.workers.nginx, workerRounds);
  ratioRow('Kiosque warm / nginx, 1 process against 1 nginx worker', ratio, rounds);
  ratioRow(`Kiosque warm / nginx, ${workers} against ${nginxWorkers} of nginx`, workersRatio, workerRounds);
  // Unequal, for reference: one Kiosque process against nginx using every core, measured in different rounds.
  const oneAgainstAll = r.workers?.nginx ? toNginx(r.warm?.article, r.workers.nginx) : undefined;
  if (oneAgainstAll !== undefined) rows.push([`Kiosque warm, 1 process / nginx with ${nginxWorkers} (the two medians above, from different rounds)`, number(oneAgainstAll, 2), 'reference', '—']);
  rows.push([
    'Render in-process, cache off (`app.inject`)',
    r.render
      ? `p50 ${ms(r.render.p50Ms)}, p99 ${ms(r.render.p99Ms)}, mean ${ms(r.render.meanMs)} (${number(r.render.requests)} requests over ${r.render.distinctUrls} articles${r.render.cutShort ? `, stopped by the ${number(r.render.timeLimitMs / 1000)} s limit` : ''})`
      : 'not measured',
    `p99 ≤ ${TARGETS.renderP99Ms} ms`,
    r.render ? verdict(r.render.p99Ms <= TARGETS.renderP99Ms) : 'n/a',
  ]);
  rows.push([
    'Production install (`npm ci --omit=dev --ignore-scripts`)',
    r.install ? `${number(r.install.megabytes, 1)} MB (in ${number(r.install.seconds, 1)} s)` : 'not measured',
    `≤ ${TARGETS.installMb} MB`,
    r.install ? verdict(r.install.megabytes <= TARGETS.installMb) : 'n/a',
  ]);
  rows.push(...newsroomRows(r.newsroom, r.workers?.count));
  rows.push(lighthouseRow(r.lighthouse));
  rows.push(searchRow(r.search, 'sqlite'));
  if (r.searchPostgres) rows.push(searchRow(r.searchPostgres, 'postgres'));
  rows.push(...wordpressRows(r.wordpress));
  return rows;
}

/** KB of 1,024 bytes, the unit of the admin's budget. */
const kb = (bytes: number) => `${number(bytes / 1024, 1)} KB`;
const files = (count: number) => `${count} file${count === 1 ? '' : 's'}`;

function newsroomRows(n: NewsroomResults | undefined, workerCount: number | undefined): Row[] {
  const firstLoadTarget = `≤ ${number(NEWSROOM_TARGETS.adminFirstLoadBytes / 1024)} KB gzip`;
  const firstLoadVerdict = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : verdict(bytes <= NEWSROOM_TARGETS.adminFirstLoadBytes));
  const browserLoad = (load: BrowserLoad | undefined) => {
    if (!load) return 'not measured';
    const encodings = [...new Set(load.files.map((file) => file.encoding))].join(', ');
    return `${kb(load.gzipBytes)} gzip in ${files(load.files.length)}${load.gzippedByBench ? ' (some gzipped by the bench: the server sent them uncompressed)' : ''}; Chromium received ${kb(load.receivedBytes)} (${encodings})`;
  };
  const publishing = (p: Publishing | undefined) =>
    p ? `median ${ms(median(p.visibleMs))}, max ${ms(Math.max(...p.visibleMs))} over ${p.visibleMs.length} articles (API answer: median ${ms(median(p.apiMs))})` : 'not measured';
  const publishTarget = `max ≤ ${number(NEWSROOM_TARGETS.publishMs)} ms`;
  const publishVerdict = (p: Publishing | undefined) => (p ? verdict(Math.max(...p.visibleMs) <= NEWSROOM_TARGETS.publishMs) : 'n/a');
  const u = n?.uploads;
  const cpu = u?.serverCpuMs.filter((value): value is number => value !== undefined) ?? [];
  const workers = `${workerCount ?? '?'} workers`;
  return [
    ['Admin first load, built files (`scripts/admin-initial-js.mjs`)', n?.adminStatic ? `${kb(n.adminStatic.gzip)} gzip in ${files(n.adminStatic.files.length)} (${kb(n.adminStatic.bytes)} uncompressed)` : 'not measured', firstLoadTarget, firstLoadVerdict(n?.adminStatic?.gzip)],
    ['Admin first load in Chromium, sign-in screen', browserLoad(n?.signInScreen), firstLoadTarget, firstLoadVerdict(n?.signInScreen?.gzipBytes)],
    ['Admin in Chromium, an author’s dashboard after sign-in (editor not opened)', browserLoad(n?.dashboard), firstLoadTarget, firstLoadVerdict(n?.dashboard?.gzipBytes)],
    ['Publish (API call → article 200 and listed on the home page), 1 process', publishing(n?.publishing), publishTarget, publishVerdict(n?.publishing)],
    [`Publish (API call → article 200 and listed on the home page), ${workers}`, publishing(n?.publishingWorkers), publishTarget, publishVerdict(n?.publishingWorkers)],
    [
      `Upload of a ${PHOTO.width}×${PHOTO.height} JPEG, processed (wall time of the call), 1 process`,
      u ? `median ${ms(median(u.runsMs))}, max ${ms(Math.max(...u.runsMs))} over ${u.runsMs.length} photos of ${u.imageBytes.map((bytes) => number(bytes / 1e6, 1)).join(', ')} MB${u.copies ? `, each into ${u.copies.count} copies (${u.copies.formats.join(', ')}, up to ${u.copies.largest})` : ''}${cpu.length ? `; server CPU median ${ms(median(cpu))}` : ''}` : 'not measured',
      `max ≤ ${number(NEWSROOM_TARGETS.uploadMs)} ms`,
      u ? verdict(Math.max(...u.runsMs) <= NEWSROOM_TARGETS.uploadMs) : 'n/a',
    ],
  ];
}

function newsroomNotes(r: Results): string[] {
  const n = r.newsroom;
  if (!n) return [];
  const differ = n.adminStatic && n.signInScreen && n.adminStatic.gzip !== n.signInScreen.gzipBytes;
  return [
    `Admin first load: the built-files figure follows \`dist/admin/index.html\`’s scripts, modulepreloads and their static imports and gzips each file at level 9. The Chromium figures come from the same one-process server: a fresh context (empty cache) opens \`/admin/\` and waits for the sign-in screen — or, for the dashboard, for the first screen of an author whose session was opened through \`POST /api/admin/v1/session\` beforehand — and for a quiet network (500 ms without requests); every JavaScript response is then asked again of the server with \`Accept-Encoding: gzip\` alone and its body counted, since Chromium takes brotli when offered. KB are 1,024 bytes.${differ ? ' The built-files and sign-in figures differ: the browser fetched other files than the static walk finds.' : ''}`,
    `Publishing: an editor account with an API token (and the author above) is created by the auth services in the bench process on the server’s data dir while the server runs, with e-mails unique to the run. Before each of ${PUBLISH_RUNS} articles the home page and \`${r.categoryPath ?? '?'}\` (where the article is filed) are requested so they are in the page cache (${r.workers?.warmUps ?? '?'} times each over new connections for the ${r.workers?.count ?? '?'} workers, so that each worker holds them); the clock starts before \`POST /api/admin/v1/posts\` and stops when the returned URL answers 200 and the home page lists the title, both polled every ${POLL_MS} ms over new connections. With workers the article counts as visible at the first of ${n.publishingWorkers?.confirmations ?? 'several'} checks in a row that all saw it. The verdict judges the slowest article.`,
    `Upload: ${UPLOAD_RUNS} different photo-like JPEGs of ${PHOTO.width}×${PHOTO.height} (gradients, highlights and random grain, quality 90, EXIF with a GPS position; \`test/media/media.fixtures.ts\`) are sent one after the other as \`multipart/form-data\` (\`file\`, \`alt\`) to \`POST /api/admin/v1/media\` with the editor’s token; the time runs from the start of the call to its 201 answer, which comes once every AVIF, WebP and JPEG width is written. Server CPU is user + system time of the server process over the call (all threads, libvips included), from \`/proc/<pid>/stat\`.`,
  ];
}

export function resultsTable(r: Results): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return ['| Measure | Figure | Target | Verdict |', '|---|---|---|---|', ...resultRows(r).map((row) => `| ${row.map(escape).join(' | ')} |`)].join('\n');
}

function machine(): string[] {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus[0]?.model.trim() ?? 'unknown'}, ${cpus.length} cores`,
    `- Memory: ${number(os.totalmem() / 2 ** 30, 1)} GiB`,
    `- Kernel: ${os.type()} ${os.release()}`,
    `- Node: ${process.version}`,
  ];
}

export function resultsMarkdown(r: Results): string {
  const o = r.options;
  const labelled: [string, LoadResult | undefined][] = [
    ['warm article', r.warm?.article],
    ['warm home', r.warm?.home],
    ['warm category archive', r.warm?.category],
    ['article, page cache off', r.cacheOff],
    [`article, page cache on, ${r.workers?.count ?? '?'} workers`, r.workers?.warmArticle],
    [`article, page cache off, ${r.workers?.count ?? '?'} workers`, r.workers?.cacheOff],
    ['nginx with 1 worker, the article as a static file', r.nginx],
    [`nginx with ${r.workers?.count ?? '?'} workers, the article as a static file, beside as many Kiosque workers`, r.workers?.nginx],
  ];
  const loads = labelled.filter((entry): entry is [string, LoadResult] => entry[1] !== undefined);
  const lines = [
    '# Kiosque benchmark results',
    '',
    `Written by \`npm run bench\` on ${r.startedAt.toISOString()} (${number(((r.finishedAt ?? new Date()).getTime() - r.startedAt.getTime()) / 60_000, 1)} min). Every figure below comes from that one run; rerun it to refresh this file.`,
    '',
    '## Machine',
    '',
    ...machine(),
    // Only the load before says whether other work ran: the load after is mostly the run's own
    // last steps (the import of 100,000 items keeps both cores busy).
    `- Load average (1 min) before / after the run: ${number(r.loadAverage.before, 2)} / ${r.loadAverage.after === undefined ? '?' : number(r.loadAverage.after, 2)} on ${os.cpus().length} cores (the figure after counts the run's own last steps)${r.loadAverage.before > os.cpus().length / 2 ? ' — the machine was busy with other work when the run began, so figures may be lower than on an idle machine' : ''}.`,
    `- Load generator: ${r.tool === 'wrk' ? 'wrk' : r.tool === 'autocannon' ? 'autocannon (wrk missing: autocannon is a Node client and saturates sooner, so high figures are the client’s limit)' : 'none found'}; it runs on the same machine as the server and shares its cores.`,
    '',
    '## Corpus',
    '',
    r.corpus
      ? `${number(r.corpus.posts)} generated posts, seed \`0x${r.corpus.seed.toString(16)}\` (mulberry32, \`bench/corpus.ts\`): ${number(r.corpus.words)} words, ${number(r.corpus.megabytes, 1)} MB of Markdown, 400–1,200 words each with \`##\` headings, lists, a GFM table in 1 post of 5, pull-quotes in some; ${r.corpus.categories} categories (some nested), ${r.corpus.tags} tags, ${r.corpus.authors} authors, dates over 2020–2024, 3 featured and 4 highlighted.`
      : 'Not generated.',
    r.article
      ? `The measured article is \`${r.article.path}\` (${number(r.article.words)} words, with a table): ${number(r.article.identityBytes)} bytes of HTML uncompressed${r.article.gzipBytes ? `, ${number(r.article.gzipBytes)} gzip` : ''}${r.article.brotliBytes ? `, ${number(r.article.brotliBytes)} brotli` : ''}. The load generators ask for no compression, so they move the uncompressed bytes, as nginx does.`
      : '',
    r.warm?.homeBytes !== undefined ? `Home page: ${number(r.warm.homeBytes)} bytes; category archive \`${r.categoryPath}\`: ${number(r.warm.categoryBytes ?? 0)} bytes (uncompressed).` : '',
    '',
    '## Results',
    '',
    resultsTable(r),
    '',
    'Reference points, not measured here: WordPress 6.1 ≈ 20 req/s and Ghost 5 ≈ 35 req/s uncached on this machine; nginx serving a static file, 35,000–100,000 req/s.',
    'Memory figures are MB of 10^6 bytes read from `/proc/<pid>/status` of the server process once its load test ended; the verdict uses the peak (VmHWM).',
    `nginx runs with as many worker processes as the Kiosque server it is compared with has processes answering: 1 beside one process, ${r.workers?.count ?? 'as many'} beside the workers, each warm round taking the same share of the machine on both sides. (Until 2026-11-29 it ran \`worker_processes auto\`, one per core, beside one Kiosque process too; the last row above gives that comparison from this run's figures.)`,
    ...(r.workers
      ? [
          `With ${r.workers.count} workers the memory figures are sums over the primary and every process below it (found through the parent field of \`/proc/<pid>/stat\`), and each worker keeps its own page cache. Summed VmRSS counts the pages the processes share (the Node binary, ICU data, libvips and the other libraries every process maps) once per process, and the VmHWM peaks need not have come at the same moment, so both sums overstate what the processes held together. The verdict judges the proportional set size instead (PSS, from \`/proc/<pid>/smaps_rollup\`), which splits each shared page between the processes that map it, so its sum counts every page once: the memory the machine gave them. A PSS sum exists at one moment only, so it is read every 250 ms from before the warm-up to the end of the load, and the verdict holds its highest reading to the same ${TARGETS.memoryMb} MB as one process. (Until 2026-11-28 the verdict held the summed VmHWM to it, a figure three Node processes cannot meet: each maps some 40 to 55 MB of the same files.)`,
          `The ${r.workers.count} workers, their primary and the load generator share the machine’s ${os.cpus().length} cores.`,
        ]
      : []),
    ...newsroomNotes(r),
    ...lighthouseNotes(r.lighthouse),
    ...searchNotes(r.search),
    ...searchNotes(r.searchPostgres),
    ...wordpressNotes(r.wordpress),
    'The install size counts packages as downloaded: `--ignore-scripts` skips native builds, so a compiled better-sqlite3 adds a few MB more.',
    ...([r.cacheOff, r.workers?.cacheOff].some((result) => result !== undefined && result.socketErrors > 0)
      ? [
          'With the page cache off the server fell so far behind that wrk gave up on some requests (its default timeout is 2 s, counted as socket errors) while the server still rendered them: the req/s figure then understates the server, and the in-process render time is the better measure of the cost.',
        ]
      : []),
    ...(r.problems.length ? ['', '## Problems during this run', '', ...r.problems.map((problem) => `- ${problem.split('\n')[0]}`)] : []),
    '',
    '## Commands run',
    '',
    '```sh',
    `npm run bench -- --posts ${o.posts} --duration ${o.durationSeconds} --connections ${o.connections}`,
    `# servers, one process (one for start-up timing, repeated; one with the page cache; one without), then ${r.workers?.count ?? '?'} workers (with the page cache; without)${r.newsroom ? '; the newsroom budgets start the one-process and the workers’ servers with the page cache again' : ''}:`,
    ...[...new Set(r.serverCommands)],
    ...(r.nginxCommand ? [`# nginx, with the config file bench/nginx.ts writes (\`worker_processes 1\` beside one process, ${r.workers?.count ?? '?'} beside the workers):`, r.nginxCommand] : []),
    `# load: each URL is requested once first, so the page is in the cache (${r.workers?.warmUps ?? '?'} times, each over a new connection, for the workers, which keep a page cache each), and each server (nginx too)`,
    '# gets one untimed 2 s run of the same wrk command on its first URL, so the JIT is warm; the warm article and nginx then take turns,',
    `# ${r.warmRounds?.length ?? 3} rounds of one run each with one process and again with the workers, each judged at the round of median ratio,`,
    `# and the uncached article gets ${r.cacheOffRuns?.length ?? 3} runs, judged at their median:`,
    ...loads.map(([label, result]) => `${result.command}   # ${label}`),
    ...(r.install ? ['# production install, in an empty folder holding package.json and package-lock.json:', r.install.command] : []),
    ...(r.newsroom ? newsroomCommands(r.newsroom) : []),
    ...(r.lighthouse ? LIGHTHOUSE_COMMANDS : []),
    '```',
    '',
    'Start-up is measured from `spawn()` to the first 200 answer on `/`, polled every 10 ms, on a data dir that already holds the imported database. The in-process render test runs the TypeScript sources through tsx (the servers run the `dist/` bundle), opens that database with `KIOSQUE_PAGE_CACHE_MB=0`, makes 200 warm-up requests and then times 2,000 `app.inject()` calls over a few hundred different articles with `process.hrtime.bigint()`, one at a time, letting the event loop turn (untimed) between two, as a server’s does.',
    '',
    '## How to reproduce',
    '',
    '```sh',
    'apt-get install wrk nginx-light   # optional: without wrk the bench uses autocannon, without nginx it skips the comparison',
    'npm ci',
    'npm run bench                     # 10,000 posts, 10 s per load test; --posts, --duration, --connections change them',
    '```',
    '',
    'Everything the run writes (corpus, database, static copy, nginx config, install folder) is under `bench/.work/`, which git ignores. Close other busy programs first: the load generator and the server share the machine.',
    '',
  ];
  return lines.filter((line, index, all) => !(line === '' && all[index - 1] === '')).join('\n');
}

export function summaryText(r: Results): string {
  const rows = resultRows(r);
  const width = Math.max(...rows.map((row) => row[0].length));
  return [
    '',
    `Kiosque benchmark — ${r.corpus ? number(r.corpus.posts) : '?'} posts, ${r.options.durationSeconds} s per load test, ${r.options.connections} connections, ${r.tool ?? 'no load tool'}, load average ${number(r.loadAverage.before, 2)} → ${number(r.loadAverage.after ?? Number.NaN, 2)}`,
    r.article ? `Article ${r.article.path}: ${number(r.article.identityBytes)} bytes (${number(r.article.gzipBytes ?? 0)} gzip, ${number(r.article.brotliBytes ?? 0)} br)${r.warm?.homeBytes ? `; home ${number(r.warm.homeBytes)} bytes; ${r.categoryPath} ${number(r.warm.categoryBytes ?? 0)} bytes` : ''}` : '',
    ...rows.map(([measure, figure, target, result]) => `${result.padEnd(5)} ${measure.replace(/`/g, '').padEnd(width)}  ${figure.replace(/`/g, '')}${target !== '—' ? `  [target ${target}]` : ''}`),
    ...(r.problems.length ? ['', 'Problems:', ...r.problems.map((problem) => `  - ${problem.split('\n')[0]}`)] : []),
    '',
  ].join('\n');
}

function newsroomCommands(n: NewsroomResults): string[] {
  return [
    '# newsroom budgets, on the one-process server with the page cache on, the publishing again on the workers:',
    'node scripts/admin-initial-js.mjs   # the built-files figure (dist/admin/)',
    '# Chromium (playwright-core, /usr/bin/chromium) opens http://127.0.0.1:<port>/admin/; each JavaScript file it fetched, again:',
    ...(n.signInScreen || n.dashboard ? ["curl -s -H 'accept-encoding: gzip' http://127.0.0.1:<port>/admin/assets/<file>.js | wc -c"] : []),
    `# ${PUBLISH_RUNS} times per server, then GET <url> and GET / every ${POLL_MS} ms until both show the article:`,
    `curl -s -X POST -H 'authorization: Bearer <editor token>' -H 'content-type: application/json' -d '{"title":"…","markdown":"…","status":"published","categories":[<id of ecommerce>]}' http://127.0.0.1:<port>/api/admin/v1/posts`,
    `# ${UPLOAD_RUNS} times, a different photo each time:`,
    `curl -s -H 'authorization: Bearer <editor token>' -F 'file=@photo.jpg;type=image/jpeg' -F 'alt=…' http://127.0.0.1:<port>/api/admin/v1/media`,
  ];
}
