import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { get, HOST } from './children.ts';
import type { KiosqueServer } from './server.ts';

/**
 * Lighthouse 12.2.3 (pinned) on an article of the demo blog, as Google's tools see it: the
 * default configuration, which is a mobile phone (Moto G Power screen, 4× CPU slowdown,
 * simulated slow 4G), in Debian's Chromium launched by chrome-launcher. The demo article is the
 * product's own (figures, a table, a pull-quote, a click-to-load video, a featured drawing),
 * served by the real server from a fresh data dir.
 */

export const LIGHTHOUSE_TARGETS = { seo: 100, accessibility: 100, bestPractices: 100, performance: 95 } as const;
/** The demo article: the one with the most of what the blog publishes. */
export const LIGHTHOUSE_ARTICLE = '/incendie-ovh-strasbourg/';
/** Runs per measure; each score is their median, as Lighthouse's own guidance asks of a variable machine. */
export const LIGHTHOUSE_RUNS = 3;
const CHROMIUM = process.env.KIOSQUE_CHROMIUM ?? '/usr/bin/chromium';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];

export interface LighthouseScores {
  seo: number;
  accessibility: number;
  bestPractices: number;
  performance: number;
}

export interface LighthouseResults {
  url: string;
  lighthouseVersion: string;
  chromiumVersion: string;
  /** Each run's scores, 0–100. */
  runs: LighthouseScores[];
  /** The median of the runs, per category. */
  median: LighthouseScores;
  /** Audits that lost points in any run, with the category and Lighthouse's title. */
  failing: { category: string; id: string; title: string; score: number; displayValue?: string }[];
  /** Lab metrics of the median-performance run. */
  metrics: { fcpMs: number; lcpMs: number; tbtMs: number; cls: number; speedIndexMs: number };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function chromiumFlags(): string[] {
  const flags = ['--headless=new', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
  // Chromium refuses to start its sandbox as root, which is how CI runs.
  if (process.getuid?.() === 0) flags.push('--no-sandbox');
  return flags;
}

async function runOnce(url: string, chromePort: number) {
  const result = await lighthouse(url, { port: chromePort, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
  if (!result) throw new Error('Lighthouse returned nothing');
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not load ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const score = (category: Category) => {
    const value = lhr.categories[category]?.score;
    if (value === null || value === undefined) throw new Error(`Lighthouse gave no ${category} score`);
    return Math.round(value * 100);
  };
  const scores: LighthouseScores = { seo: score('seo'), accessibility: score('accessibility'), bestPractices: score('best-practices'), performance: score('performance') };
  const failing: LighthouseResults['failing'] = [];
  for (const category of CATEGORIES) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
      failing.push({ category, id: audit.id, title: audit.title, score: audit.score, ...(audit.displayValue ? { displayValue: audit.displayValue } : {}) });
    }
  }
  const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const metrics = {
    fcpMs: numeric('first-contentful-paint'),
    lcpMs: numeric('largest-contentful-paint'),
    tbtMs: numeric('total-blocking-time'),
    cls: numeric('cumulative-layout-shift'),
    speedIndexMs: numeric('speed-index'),
  };
  return { scores, failing, metrics, lighthouseVersion: lhr.lighthouseVersion, userAgent: lhr.environment.hostUserAgent };
}

/** Runs Lighthouse LIGHTHOUSE_RUNS times on the article of a running server and returns the scores. */
export async function measureLighthouse(server: Pick<KiosqueServer, 'port'>, log: (message: string) => void, articlePath = LIGHTHOUSE_ARTICLE): Promise<LighthouseResults> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is needed at ${CHROMIUM} (Debian's chromium package)`);
  const url = `http://${HOST}:${server.port}${articlePath}`;
  // A reader's first visit finds the page in the cache, as it would in production.
  const warm = await get(server.port, articlePath);
  if (warm.status !== 200) throw new Error(`GET ${articlePath} answered ${warm.status}`);
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: chromiumFlags(), logLevel: 'silent' });
  try {
    const runs: Awaited<ReturnType<typeof runOnce>>[] = [];
    for (let run = 0; run < LIGHTHOUSE_RUNS; run++) {
      const result = await runOnce(url, chrome.port);
      log(`  run ${run + 1}: SEO ${result.scores.seo}, accessibility ${result.scores.accessibility}, best practices ${result.scores.bestPractices}, performance ${result.scores.performance} (LCP ${Math.round(result.metrics.lcpMs)} ms, TBT ${Math.round(result.metrics.tbtMs)} ms, CLS ${result.metrics.cls.toFixed(3)})`);
      runs.push(result);
    }
    const scores = runs.map((run) => run.scores);
    const medianOf = (key: keyof LighthouseScores) => median(scores.map((s) => s[key]));
    const middle = [...runs].sort((a, b) => a.scores.performance - b.scores.performance)[Math.floor(runs.length / 2)]!;
    const failing = new Map<string, LighthouseResults['failing'][number]>();
    for (const run of runs) for (const audit of run.failing) if (!failing.has(`${audit.category}/${audit.id}`)) failing.set(`${audit.category}/${audit.id}`, audit);
    return {
      url: `http://${HOST}:<port>${articlePath}`,
      lighthouseVersion: middle.lighthouseVersion,
      chromiumVersion: /Chrome\/([\d.]+)/.exec(middle.userAgent)?.[1] ?? 'unknown',
      runs: scores,
      median: { seo: medianOf('seo'), accessibility: medianOf('accessibility'), bestPractices: medianOf('bestPractices'), performance: medianOf('performance') },
      failing: [...failing.values()],
      metrics: middle.metrics,
    };
  } finally {
    chrome.kill();
  }
}

/** The row of the results table: the four medians against their targets. */
export function lighthouseRow(l: LighthouseResults | undefined): [string, string, string, string] {
  const target = `SEO ${LIGHTHOUSE_TARGETS.seo}, Accessibility ${LIGHTHOUSE_TARGETS.accessibility}, Best Practices ${LIGHTHOUSE_TARGETS.bestPractices}, Performance ≥ ${LIGHTHOUSE_TARGETS.performance}`;
  if (!l) return ['Lighthouse, demo article, mobile', 'not measured', target, 'n/a'];
  const m = l.median;
  const pass = m.seo >= LIGHTHOUSE_TARGETS.seo && m.accessibility >= LIGHTHOUSE_TARGETS.accessibility && m.bestPractices >= LIGHTHOUSE_TARGETS.bestPractices && m.performance >= LIGHTHOUSE_TARGETS.performance;
  return [
    `Lighthouse ${l.lighthouseVersion}, \`${LIGHTHOUSE_ARTICLE}\` of the demo blog, mobile (median of ${l.runs.length})`,
    `SEO ${m.seo}, Accessibility ${m.accessibility}, Best Practices ${m.bestPractices}, Performance ${m.performance} (LCP ${Math.round(l.metrics.lcpMs)} ms, TBT ${Math.round(l.metrics.tbtMs)} ms, CLS ${l.metrics.cls.toFixed(3)})`,
    target,
    pass ? 'PASS' : 'FAIL',
  ];
}

export function lighthouseNotes(l: LighthouseResults | undefined): string[] {
  if (!l) return [];
  const failing = l.failing.map((audit) => `\`${audit.id}\` (${audit.category}, ${Math.round(audit.score * 100)}${audit.displayValue ? `, ${audit.displayValue}` : ''})`);
  return [
    `Lighthouse: the node API of lighthouse ${l.lighthouseVersion} with its default configuration (mobile: Moto G Power screen, simulated slow 4G and 4× CPU slowdown) drives Debian's Chromium ${l.chromiumVersion} (headless, launched by chrome-launcher) against ${l.url} on a server started with \`KIOSQUE_DEMO=true\` on a fresh data dir, the page requested once first so it is in the page cache; ${l.runs.length} runs, each score the median (runs: ${l.runs.map((s) => `${s.seo}/${s.accessibility}/${s.bestPractices}/${s.performance}`).join(', ')} as SEO/A11y/BP/Perf). ${failing.length > 0 ? `Audits that lost points in some run: ${failing.join('; ')}.` : 'No audit lost a point in any run.'}`,
  ];
}

export const LIGHTHOUSE_COMMANDS = [
  '# Lighthouse, on its own server with the demo blog (KIOSQUE_DEMO=true, a fresh data dir); `npm run bench -- --only lighthouse` runs this part alone:',
  `npx lighthouse http://127.0.0.1:<port>${LIGHTHOUSE_ARTICLE} --chrome-flags="--headless=new --no-sandbox" --only-categories=performance,accessibility,best-practices,seo   # the same audit from the command line, with CHROME_PATH=/usr/bin/chromium`,
];
