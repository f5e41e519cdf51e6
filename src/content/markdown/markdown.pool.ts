import fs from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { commentHtml } from '../../comments/comments.html.ts';
import type { Locale } from '../../i18n/i18n.ts';
import { projectPath } from '../../paths.ts';
import { stemmedText } from '../../search/search.french.ts';
import type { KnownImage } from './markdown.figures.ts';
import { renderMarkdown, type RenderedMarkdown } from './markdown.pipeline.ts';

/**
 * Renders Markdown on worker threads, for writers of many posts at once (the importers): while a
 * thread renders one body — the costly part of saving a post — the caller reads and writes the
 * next ones, and every core renders. Imported comments are made safe there too. Each thread's
 * heap is capped, so the garbage a long import makes stays in small heaps that are collected
 * often, instead of growing the process's own.
 *
 * A thread that fails (it ran out of its heap on some enormous body) is replaced, and what it
 * was rendering is rendered on the calling thread instead: a pool never loses a post.
 */

export interface RenderJob {
  locale: Locale;
  /** Known local images by URL (see ImageSizer), as the post's save looked them up. */
  imageSizes?: ReadonlyMap<string, KnownImage> | undefined;
  /** Also stem the body's text for a search index that stems in JavaScript (`textStems`). */
  stems?: boolean | undefined;
}

/** A body rendered, with its text stemmed for the search index when the job asked. */
export interface RenderedBody extends RenderedMarkdown {
  /** `stemmedText(text)`: the body as SQLite's search index holds it (src/search/search.french.ts). */
  textStems?: string | undefined;
}

export interface MarkdownRenderer {
  render(markdown: string, job: RenderJob): Promise<RenderedBody>;
  /** Each comment's text as the sanitised HTML the site shows (`commentHtml`), in order. */
  renderComments(texts: readonly string[], locale: Locale): Promise<string[]>;
  /** Bodies rendered so far on threads and on the calling thread. */
  readonly rendered: { threads: number; inline: number };
  /** Stops the threads; what they had not answered yet is rejected. */
  close(): Promise<void>;
}

/** @internal What a thread is sent and what it answers (markdown.worker.ts). */
export type RenderTask = ({ kind: 'body'; markdown: string } & RenderJob) | { kind: 'comments'; texts: readonly string[]; locale: Locale };
export type RenderRequest = RenderTask & { id: number };
export type RenderReply = { id: number; result: RenderedBody | string[]; error?: undefined } | { id: number; error: string; result?: undefined };

/** @internal Does a task, on whichever thread runs this. */
export function perform(task: RenderTask): RenderedBody | string[] {
  if (task.kind === 'comments') return task.texts.map((text) => commentHtml(text, task.locale));
  const sizes = task.imageSizes;
  const rendered: RenderedBody = renderMarkdown(task.markdown, { locale: task.locale, imageSize: sizes && ((src) => sizes.get(src)) });
  // Stemming a body costs about an eighth of rendering it: done here, it is off the writer’s thread.
  if (task.stems) rendered.textStems = stemmedText(rendered.text);
  return rendered;
}

export interface RenderPoolOptions {
  threads: number;
  /** Each thread's old-generation heap, in MB: rendering makes much short-lived garbage. */
  heapMb?: number;
  /** Each thread's young generation, in MB; by default V8's (or what the process was started with). */
  youngMb?: number;
  /**
   * Bodies rendered on the calling thread before any thread starts: starting one costs about as
   * much as rendering a few dozen bodies, which a small job never makes up for.
   */
  inlineFirst?: number;
}

const DEFAULT_HEAP_MB = 64;

/** Renders on the calling thread: the pool's stand-in where threads would not pay for themselves. */
export function inlineRenderer(): MarkdownRenderer {
  const rendered = { threads: 0, inline: 0 };
  return {
    rendered,
    render: async (markdown, job) => {
      const result = perform({ kind: 'body', markdown, ...job }) as RenderedBody;
      rendered.inline++;
      return result;
    },
    renderComments: async (texts, locale) => perform({ kind: 'comments', texts, locale }) as string[],
    close: async () => {},
  };
}

/** Bodies an importer renders itself before its threads start: a small blog imports without them. */
const IMPORT_INLINE_FIRST = 40;

/**
 * An import's render thread's young generation. Parsing Markdown makes much short-lived garbage
 * while the body being parsed stays alive, so each scavenge copies that body's tokens again: at
 * 16 MB the thread spent a fifth of its time collecting (257 scavenges of 2.8 ms for 1,000
 * WordPress posts). At 48 MB the import of those posts takes 4.6 s instead of 5.9, for some 15 MB
 * more at the peak; larger sizes were slower again (64 MB: 5.2 s, 96 MB: 5.0 s).
 */
const IMPORT_YOUNG_MB = 48;

/**
 * The pool an importer renders with: a thread per core but one (that one stays with the importer,
 * which reads and writes meanwhile), started once a few dozen bodies are rendered.
 */
export function importRenderPool(): MarkdownRenderer {
  return createRenderPool({ threads: Math.max(1, os.availableParallelism() - 1), inlineFirst: IMPORT_INLINE_FIRST, youngMb: IMPORT_YOUNG_MB });
}

export function createRenderPool(options: RenderPoolOptions): MarkdownRenderer {
  if (options.threads < 1) return inlineRenderer();
  const limits: ResourceLimits = { maxOldGenerationSizeMb: options.heapMb ?? DEFAULT_HEAP_MB };
  if (options.youngMb !== undefined) limits.maxYoungGenerationSizeMb = options.youngMb;
  return new RenderPool(options.threads, options.inlineFirst ?? 0, limits);
}

interface Pending {
  request: RenderRequest;
  resolve(result: RenderedBody | string[]): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  failed: boolean;
}

/** Threads that may fail before the pool stops starting new ones and renders everything itself. */
const MAX_FAILURES = 3;

class RenderPool implements MarkdownRenderer {
  readonly rendered = { threads: 0, inline: 0 };
  private readonly threads: Thread[] = [];
  private nextId = 1;
  private closed = false;
  private failures = 0;

  constructor(
    private readonly size: number,
    private readonly inlineFirst: number,
    private readonly limits: ResourceLimits,
  ) {}

  render(markdown: string, job: RenderJob): Promise<RenderedBody> {
    return this.submit({ kind: 'body', markdown, locale: job.locale, imageSizes: job.imageSizes, stems: job.stems }) as Promise<RenderedBody>;
  }

  renderComments(texts: readonly string[], locale: Locale): Promise<string[]> {
    return texts.length === 0 ? Promise.resolve([]) : (this.submit({ kind: 'comments', texts, locale }) as Promise<string[]>);
  }

  private submit(task: RenderTask): Promise<RenderedBody | string[]> {
    if (this.closed) return Promise.reject(new Error('The render pool is closed'));
    if (this.failures >= MAX_FAILURES || this.rendered.inline + this.rendered.threads < this.inlineFirst) return this.performHere(task);
    const request: RenderRequest = { ...task, id: this.nextId++ };
    const promise = new Promise<RenderedBody | string[]>((resolve, reject) => {
      const thread = this.leastBusy();
      thread.pending.set(request.id, { request, resolve, reject });
      thread.worker.postMessage(request);
    });
    // A caller that gave up (its import failed) may never await it: its rejection is not a crash.
    promise.catch(() => {});
    return promise;
  }

  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.splice(0);
    for (const thread of threads) {
      for (const job of thread.pending.values()) job.reject(new Error('The render pool was closed before this body was rendered'));
      thread.pending.clear();
    }
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private leastBusy(): Thread {
    const alive = this.threads.filter((thread) => !thread.failed);
    if (alive.length < this.size) return this.start();
    return alive.reduce((best, thread) => (thread.pending.size < best.pending.size ? thread : best));
  }

  private start(): Thread {
    const script = workerScript();
    const worker = new Worker(script.url, {
      eval: script.eval,
      resourceLimits: this.limits,
      stdout: false,
      stderr: false,
    });
    const thread: Thread = { worker, pending: new Map(), failed: false };
    worker.on('message', (reply: RenderReply) => {
      const job = thread.pending.get(reply.id);
      if (!job) return;
      thread.pending.delete(reply.id);
      if (reply.error !== undefined) return job.reject(new Error(reply.error));
      if (job.request.kind === 'body') this.rendered.threads++;
      job.resolve(reply.result);
    });
    const fail = () => this.fail(thread);
    worker.on('error', fail);
    worker.on('exit', fail);
    this.threads.push(thread);
    return thread;
  }

  /** A thread died: its bodies are rendered here, and the next job starts a thread in its place. */
  private fail(thread: Thread): void {
    if (thread.failed || this.closed) return;
    thread.failed = true;
    this.failures++;
    this.threads.splice(this.threads.indexOf(thread), 1);
    for (const job of thread.pending.values()) this.performHere(job.request).then(job.resolve, job.reject);
    thread.pending.clear();
  }

  private performHere(task: RenderTask): Promise<RenderedBody | string[]> {
    try {
      const result = perform(task);
      if (task.kind === 'body') this.rendered.inline++;
      return Promise.resolve(result);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/**
 * The thread's code: the bundle's own entry when Kiosque runs from dist/, else the TypeScript
 * source, loaded through tsx's API (tests and development, where tsx is installed).
 */
function workerScript(): { url: URL | string; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) {
    const bundled = projectPath('dist', 'render-worker.js');
    if (fs.existsSync(bundled)) return { url: pathToFileURL(bundled), eval: false };
  }
  const source = new URL('./markdown.worker.ts', import.meta.url).href;
  const tsx = pathToFileURL(projectPath('node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs')).href;
  return { url: `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`, eval: true };
}
