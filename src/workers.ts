import cluster, { type Worker } from 'node:cluster';
import type { Broadcast } from './db/db.ts';

/**
 * Serving with several worker processes on one port (`--workers`), so one machine's cores all
 * answer readers, as nginx's worker processes do. The primary process only supervises: it starts
 * a first worker, which prepares the database (migrations, demo, setup link), then the others; it
 * relays their events to each other — with SQLite they share no LISTEN/NOTIFY, yet a change made
 * through one must empty every worker's page cache — and stops them all on SIGTERM. It loads none
 * of the application, so it costs little memory.
 */

/** What the first worker learned while preparing, for the primary to print once. */
export interface Announcement {
  title: string;
  setupToken: string | null;
  /** The site's public address as the worker sees it (`Kiosque.siteUrl()`), for the setup link. */
  siteUrl: string;
}

type WorkerMessage =
  | { kiosque: 'listening'; url: string; announcement?: Announcement }
  | { kiosque: 'failed'; message: string }
  | { kiosque: 'broadcast'; channel: string; payload: string };

function isWorkerMessage(value: unknown): value is WorkerMessage {
  return typeof value === 'object' && value !== null && typeof (value as { kiosque?: unknown }).kiosque === 'string';
}

export function isWorkerProcess(): boolean {
  return cluster.isWorker;
}

/** The first worker started (id 1) prepares the database; replacements and the others do not. */
export function isPreparingWorker(): boolean {
  return cluster.worker?.id === 1;
}

/** The events of a worker travel through the primary to the other workers. */
export function workerBroadcast(): Broadcast {
  return {
    async publish(channel, payload) {
      process.send?.({ kiosque: 'broadcast', channel, payload } satisfies WorkerMessage);
    },
    async subscribe(channel, onMessage) {
      process.on('message', (message: unknown) => {
        if (isWorkerMessage(message) && message.kiosque === 'broadcast' && message.channel === channel) onMessage(message.payload);
      });
    },
  };
}

/** Tells the primary how this worker's start went. */
export function reportToPrimary(message: { kiosque: 'listening'; url: string; announcement?: Announcement } | { kiosque: 'failed'; message: string }): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message satisfies WorkerMessage, undefined, {}, () => resolve());
  });
}

/** Once a worker has stopped serving, its channel to the primary must not keep it alive. */
export function releasePrimary(): void {
  process.channel?.unref();
}

export interface PrimaryCallbacks {
  /** Every worker listens. */
  onReady(url: string, announcement: Announcement | undefined): void;
  /** A worker could not start: its sentence, printed once for all. */
  onFailed(message: string): void;
  /** Stopping on a signal. */
  onStopping(): void;
}

/**
 * Starts `count` workers running this same command and supervises them until SIGTERM or SIGINT.
 * Resolves with the exit code: 0 after a clean stop, 1 if a worker could not start. A worker that
 * dies later is replaced, with a pause if it keeps dying.
 */
export function superviseWorkers(count: number, callbacks: PrimaryCallbacks): Promise<number> {
  // Each worker accepts its own connections: round-robin through the primary would make the
  // primary the bottleneck of the reading path.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  return new Promise((resolve) => {
    let listening = 0;
    let announcement: Announcement | undefined;
    let ready = false;
    let stopping = false;
    let failed = false;
    let recentDeaths = 0;

    const fail = (message: string) => {
      if (!failed) callbacks.onFailed(message);
      failed = true;
      stopAll();
    };

    const relay = (from: Worker, message: unknown) => {
      if (!isWorkerMessage(message)) return;
      if (message.kiosque === 'broadcast') {
        for (const worker of Object.values(cluster.workers ?? {})) if (worker && worker !== from) worker.send(message);
      } else if (message.kiosque === 'listening' && !ready) {
        announcement ??= message.announcement;
        // The first worker has prepared the database: the others may open it now.
        if (++listening === 1) for (let index = 1; index < count; index++) start();
        if (listening === count) {
          ready = true;
          callbacks.onReady(message.url, announcement);
        }
      } else if (message.kiosque === 'failed' && !ready) {
        fail(message.message);
      }
    };

    const start = () => {
      const worker = cluster.fork();
      worker.on('message', (message: unknown) => relay(worker, message));
    };

    const stopAll = () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    };

    cluster.on('exit', (_worker, code, signal) => {
      if (!stopping && !ready) fail(`a worker stopped while starting (${signal ?? `exit code ${code}`})`);
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) resolve(failed ? 1 : 0);
        return;
      }
      // Replaced at once the first times, then at most once a second, so a worker that dies at
      // every request cannot spin the machine.
      recentDeaths++;
      setTimeout(() => recentDeaths--, 60_000).unref();
      process.stderr.write(`kiosque: a worker stopped (${signal ?? `exit code ${code}`}); starting another\n`);
      setTimeout(start, recentDeaths > 3 ? 1_000 : 0);
    });

    const onSignal = () => {
      if (stopping) return;
      callbacks.onStopping();
      stopAll();
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);

    start();
  });
}
