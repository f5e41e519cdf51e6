import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { captureOutput, freePort, hasExited, HOST, startChild, stopChild, waitFor200 } from './children.ts';

/**
 * The real Kiosque server, started the way a person starts it (`kiosque serve`) as a child
 * process, so that its memory and start-up time are its own and not the benchmark's.
 */

export interface KiosqueServer {
  port: number;
  pid: number;
  /** Milliseconds from spawn to the first 200 on `/`. */
  firstOkMs: number;
  /** Milliseconds from spawn to the "Kiosque serves …" line, when it came first. */
  listeningLineMs: number | undefined;
  command: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface ServerOptions {
  repoRoot: string;
  dataDir: string;
  /** Extra environment, e.g. KIOSQUE_PAGE_CACHE_MB=0. */
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** Variables of the bench's own environment that would point the server elsewhere. */
const INHERITED_OUT = ['PORT', 'HOST', 'DATABASE_URL', 'KIOSQUE_DATA_DIR', 'KIOSQUE_PAGE_CACHE_MB', 'KIOSQUE_LOG_LEVEL', 'KIOSQUE_DEMO'];

export async function startKiosque(options: ServerOptions): Promise<KiosqueServer> {
  const port = await freePort();
  const env: Record<string, string> = { KIOSQUE_LOG_LEVEL: 'warn', KIOSQUE_DEMO: 'false', HOST, ...options.env };
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !INHERITED_OUT.includes(name)));
  const args = ['bin/kiosque.js', 'serve', '--port', String(port), '--data-dir', options.dataDir];
  const since = process.hrtime.bigint();
  const child: ChildProcess = startChild(process.execPath, args, { cwd: options.repoRoot, env: { ...inherited, ...env } });
  const output = captureOutput(child);
  let listeningLineMs: number | undefined;
  child.stdout?.on('data', (chunk: Buffer) => {
    if (listeningLineMs === undefined && chunk.toString('utf8').includes('Kiosque serves')) listeningLineMs = Number(process.hrtime.bigint() - since) / 1e6;
  });
  let firstOkMs: number;
  try {
    firstOkMs = await waitFor200(port, '/', { since, child, timeoutMs: options.timeoutMs ?? 30_000, intervalMs: 10 });
  } catch (error) {
    await stopChild(child);
    throw new Error(`the Kiosque server did not serve /: ${(error as Error).message}\n--- its output ---\n${output()}`);
  }
  const shownEnv = Object.entries(env).map(([name, value]) => `${name}=${value}`).join(' ');
  return {
    port,
    pid: child.pid!,
    firstOkMs,
    listeningLineMs,
    // The port changes from start to start; the command shown does not.
    command: `${shownEnv} node ${args.join(' ')}`.replace(` ${port} `, ' <free port> ').replace(options.dataDir, path.relative(options.repoRoot, options.dataDir)),
    env,
    stop: async () => {
      await stopChild(child);
      if (!hasExited(child)) throw new Error('the Kiosque server would not stop');
    },
  };
}

export interface Memory {
  rssMb: number;
  hwmMb: number;
}

/** Resident memory now and at its peak, from Linux's /proc; undefined elsewhere. */
export function readMemory(pid: number): Memory | undefined {
  const file = `/proc/${pid}/status`;
  if (!fs.existsSync(file)) return undefined;
  const status = fs.readFileSync(file, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  // /proc counts in KiB; figures here are MB of 10^6 bytes, like the install size.
  return { rssMb: (kb('VmRSS') * 1024) / 1e6, hwmMb: (kb('VmHWM') * 1024) / 1e6 };
}
