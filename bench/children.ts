import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';

/**
 * Child processes of the benchmark and the small HTTP helpers they need. Every child is
 * registered here so that a failure, Ctrl-C or a normal exit never leaves a server behind.
 */

const running = new Set<ChildProcess>();

/** The benchmark only ever talks to this machine. */
export const HOST = '127.0.0.1';

export function startChild(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  running.add(child);
  watchSignals(true);
  child.once('exit', () => {
    running.delete(child);
    if (running.size === 0) watchSignals(false);
  });
  return child;
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child is gone. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

function killAllNow(): void {
  for (const child of running) if (!hasExited(child)) child.kill('SIGKILL');
}

function onSignal(signal: NodeJS.Signals): void {
  process.stderr.write(`\nbench: ${signal}, stopping the child processes\n`);
  killAllNow();
  process.exit(130);
}

/**
 * Ctrl-C is caught only while children run: without a handler Node ends at once, even in the
 * middle of the import's long synchronous reading, when there is nothing to clean up.
 */
function watchSignals(on: boolean): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeListener(signal, onSignal);
    if (on) process.on(signal, onSignal);
  }
}

process.once('exit', killAllNow);

/** A port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Fetched {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One GET on 127.0.0.1 without decompression, so the body is the bytes on the wire. */
export function get(port: number, path: string, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: HOST, port, path, headers, agent: false, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${path} timed out after ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/** Resolves with the child's exit code; rejects with `timeoutMessage` if it runs past `timeoutMs`. */
export function waitForExit(child: ChildProcess, timeoutMs: number, timeoutMessage: string): Promise<number | null> {
  return new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(timeoutMessage)), timeoutMs);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `path` every `intervalMs` until it answers 200; returns the milliseconds since `since`
 * (a `process.hrtime.bigint()` reading). Throws when `child` dies or the deadline passes.
 */
export async function waitFor200(port: number, path: string, options: { since: bigint; child?: ChildProcess; timeoutMs: number; intervalMs?: number }): Promise<number> {
  const deadline = Date.now() + options.timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (options.child && hasExited(options.child)) throw new Error(`the process exited (code ${options.child.exitCode}, signal ${options.child.signalCode}) before ${path} answered 200`);
    try {
      const response = await get(port, path, {}, 2_000);
      if (response.status === 200) return Number(process.hrtime.bigint() - options.since) / 1e6;
      lastProblem = `status ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await sleep(options.intervalMs ?? 10);
  }
  throw new Error(`${path} did not answer 200 within ${options.timeoutMs} ms (${lastProblem})`);
}

/** Collects a child's output (bounded) to show when it fails. */
export function captureOutput(child: ChildProcess, limit = 20_000): () => string {
  let text = '';
  const keep = (chunk: Buffer) => {
    if (text.length < limit) text += chunk.toString('utf8');
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text.slice(0, limit);
}
