import { buildApp, openKiosque } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { mulberry32 } from './corpus.ts';

/**
 * The cost of rendering an article when no cache helps: the real application, in this process,
 * with the page cache off, asked for many different articles through Fastify's inject (no
 * socket), timed one request at a time.
 */

export interface RenderResult {
  requests: number;
  warmup: number;
  distinctUrls: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  /** The time limit ended the run before every request was made. */
  cutShort: boolean;
  timeLimitMs: number;
}

export interface RenderOptions {
  dataDir: string;
  /** Article paths to choose from (at least one). */
  paths: readonly string[];
  requests?: number;
  warmup?: number;
  distinctUrls?: number;
  seed: number;
  /** Stop early (with what was measured) after this long. */
  timeLimitMs?: number;
}

export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index]!;
}

export async function measureRender(options: RenderOptions): Promise<RenderResult> {
  const requests = options.requests ?? 2_000;
  const warmup = options.warmup ?? 200;
  const random = mulberry32(options.seed ^ 0x5eed);
  // A few hundred different articles, so no query or view result is reused by luck.
  const pool = Array.from({ length: Math.min(options.distinctUrls ?? 300, options.paths.length) }, () => options.paths[Math.floor(random() * options.paths.length)]!);
  const config = loadConfig({}, { KIOSQUE_DATA_DIR: options.dataDir, KIOSQUE_LOG_LEVEL: 'silent', KIOSQUE_DEMO: 'false', KIOSQUE_PAGE_CACHE_MB: '0' });
  const kiosque = await openKiosque(config);
  try {
    const app = await buildApp(kiosque);
    try {
      const timeLimitMs = options.timeLimitMs ?? 420_000;
      const deadline = Date.now() + timeLimitMs;
      const timings: number[] = [];
      for (let index = 0; index < warmup + requests && Date.now() < deadline; index++) {
        const url = pool[index % pool.length]!;
        const start = process.hrtime.bigint();
        const response = await app.inject({ url });
        const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
        if (response.statusCode !== 200) throw new Error(`GET ${url} answered ${response.statusCode} in-process`);
        if (index >= warmup) timings.push(elapsed);
        // Untimed: a server's event loop turns between requests, and each inject leaves work for
        // that turn (setImmediate callbacks that release its request and response). Without it
        // the run never leaves the microtask queue, every response stays reachable, the heap
        // grows by ~50 KB a request, and the garbage collector's growing pauses become the p99.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const sorted = timings.sort((a, b) => a - b);
      return {
        requests: sorted.length,
        warmup,
        distinctUrls: new Set(pool).size,
        p50Ms: percentile(sorted, 0.5),
        p99Ms: percentile(sorted, 0.99),
        meanMs: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
        maxMs: sorted.at(-1) ?? Number.NaN,
        cutShort: sorted.length < requests,
        timeLimitMs,
      };
    } finally {
      await app.close();
    }
  } finally {
    await kiosque.close();
  }
}
