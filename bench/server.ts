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
  /** Milliseconds from spawn to the "Kiosque serves …" line. */
  listeningLineMs: number;
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

/** Variables of the bench's own environment that would point the server elsewhere or change its shape. */
const INHERITED_OUT = ['PORT', 'HOST', 'DATABASE_URL', 'KIOSQUE_DATA_DIR', 'KIOSQUE_PAGE_CACHE_MB', 'KIOSQUE_LOG_LEVEL', 'KIOSQUE_DEMO', 'KIOSQUE_WORKERS'];

export async function startKiosque(options: ServerOptions): Promise<KiosqueServer> {
  const port = await freePort();
  const env: Record<string, string> = { KIOSQUE_LOG_LEVEL: 'warn', KIOSQUE_DEMO: 'false', HOST, ...options.env };
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !INHERITED_OUT.includes(name)));
  // As the README's deployment and `npm start` run it: the young generation capped (see README).
  const args = ['--max-semi-space-size=4', 'bin/kiosque.js', 'serve', '--port', String(port), '--data-dir', options.dataDir];
  const since = process.hrtime.bigint();
  const child: ChildProcess = startChild(process.execPath, args, { cwd: options.repoRoot, env: { ...inherited, ...env } });
  const output = captureOutput(child);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const announced = new Promise<number>((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text = (text + chunk.toString('utf8')).slice(-200);
      if (!text.includes('Kiosque serves')) return;
      child.stdout?.off('data', onData);
      resolve(Number(process.hrtime.bigint() - since) / 1e6);
    };
    child.stdout?.on('data', onData);
    setTimeout(() => reject(new Error(`no "Kiosque serves" line within ${timeoutMs} ms`)), timeoutMs).unref();
  });
  announced.catch(() => undefined); // awaited below; a start-up that fails earlier must not leave it unhandled
  let firstOkMs: number;
  let listeningLineMs: number;
  try {
    firstOkMs = await waitFor200(port, '/', { since, child, timeoutMs, intervalMs: 10 });
    // With --workers the first worker that listens answers / while the others still start; the
    // primary prints its line once every worker listens, and only then do they all take connections.
    listeningLineMs = await announced;
  } catch (error) {
    await stopChild(child);
    throw new Error(`the Kiosque server did not get ready: ${(error as Error).message}\n--- its output ---\n${output()}`);
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

export interface TreeMemory extends Memory {
  /** The primary and every process below it that could be read. */
  processes: number;
  /** Each process's own figures, the primary first. */
  each: Memory[];
  /**
   * Proportional set size summed (/proc/<pid>/smaps_rollup, Linux 4.14 and later): each shared
   * page split between the processes sharing it, so the sum counts it once. Undefined if unreadable.
   */
  pssMb: number | undefined;
  /**
   * The highest PSS sum seen while the tree was watched (`watchTreeMemory`), and how many times
   * it was read: the memory the processes held together at their busiest moment.
   */
  peakPssMb?: number | undefined;
  pssSamples?: number;
}

function readPssMb(pid: number): number | undefined {
  try {
    const kb = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
    return kb === undefined ? undefined : (Number(kb) * 1024) / 1e6;
  } catch {
    return undefined;
  }
}

/** The parent of each process, from the fourth field of /proc/<pid>/stat. */
function parentsByPid(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended while the list was read
    }
    // The command name (second field) is in parentheses and may hold spaces or ")": fields are
    // counted after its last ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parents.set(Number(entry), Number(fields[1]));
  }
  return parents;
}

/**
 * Memory of a primary and all its descendants (the workers of `--workers`): current RSS summed,
 * and peaks (VmHWM) summed. Pages the processes share (the node binary, libraries) are counted
 * once per process, and the peaks need not have come at the same moment, so both sums are upper
 * bounds of what the machine gave the tree; the PSS sum beside them counts shared pages once.
 * Children are found through the parent field of every /proc/<pid>/stat:
 * /proc/<pid>/task/<tid>/children would be quicker, but not every kernel has it (this machine's
 * has not). Undefined away from Linux.
 */
export function readTreeMemory(pid: number): TreeMemory | undefined {
  if (!fs.existsSync(`/proc/${pid}/stat`)) return undefined;
  const parents = parentsByPid();
  const tree = [pid];
  for (let index = 0; index < tree.length; index++) {
    for (const [child, parent] of parents) if (parent === tree[index]) tree.push(child);
  }
  const total: TreeMemory = { rssMb: 0, hwmMb: 0, processes: 0, each: [], pssMb: 0 };
  for (const member of tree) {
    let memory: Memory | undefined;
    try {
      memory = readMemory(member);
    } catch {
      continue; // it ended after the list was read
    }
    // A process that has ended but not yet been reaped has no VmRSS line.
    if (!memory || !Number.isFinite(memory.rssMb) || !Number.isFinite(memory.hwmMb)) continue;
    total.rssMb += memory.rssMb;
    total.hwmMb += memory.hwmMb;
    total.processes++;
    total.each.push(memory);
    const pss = readPssMb(member);
    total.pssMb = pss === undefined || total.pssMb === undefined ? undefined : total.pssMb + pss;
  }
  return total;
}

/**
 * Reads the tree's memory every `intervalMs` until `stop()`, which reads it once more and gives
 * that last reading with the highest PSS sum seen meanwhile: VmHWM is a peak per process, but a
 * PSS sum exists only at one moment, so its peak has to be watched for.
 */
export function watchTreeMemory(pid: number, intervalMs = 250): { stop(): TreeMemory | undefined } {
  let peak: number | undefined;
  let samples = 0;
  const sample = () => {
    const memory = readTreeMemory(pid);
    if (memory?.pssMb === undefined) return memory;
    samples++;
    peak = Math.max(peak ?? 0, memory.pssMb);
    return memory;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const last = sample();
      return last && { ...last, peakPssMb: peak, pssSamples: samples };
    },
  };
}
