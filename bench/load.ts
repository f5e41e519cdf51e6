import fs from 'node:fs';
import path from 'node:path';
import { captureOutput, hasExited, startChild, stopChild, waitForExit } from './children.ts';

/**
 * Load generation: wrk when the machine has it (a C client that does not limit a fast server),
 * else autocannon from the devDependencies. Both are run as child processes and their output
 * parsed into the same figures.
 */

export type LoadTool = 'wrk' | 'autocannon';

export interface LoadOptions {
  durationSeconds: number;
  connections: number;
  threads: number;
}

export interface LoadResult {
  tool: LoadTool;
  /** The exact command line, for RESULTS.md. */
  command: string;
  requestsPerSec: number;
  p50Ms: number | undefined;
  p99Ms: number;
  requests: number;
  /** Responses that were neither 2xx nor 3xx: a benchmark with any is not measuring the page. */
  non2xx: number;
  socketErrors: number;
}

/** An executable on PATH (and in the sbin folders, where Debian puts nginx). */
export function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

export function autocannonScript(repoRoot: string): string | undefined {
  const script = path.join(repoRoot, 'node_modules', 'autocannon', 'autocannon.js');
  return fs.existsSync(script) ? script : undefined;
}

export function chooseLoadTool(repoRoot: string): LoadTool | undefined {
  if (findExecutable('wrk')) return 'wrk';
  if (autocannonScript(repoRoot)) return 'autocannon';
  return undefined;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "1.23ms" → 1.23; wrk prints us, ms, s, m or h. */
export function parseWrkDuration(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!match) throw new Error(`unreadable wrk duration "${text}"`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

export function parseWrkOutput(output: string): Omit<LoadResult, 'tool' | 'command'> {
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(output);
  const p99 = /^\s+99%\s+(\S+)/m.exec(output);
  if (!rps || !p99) throw new Error(`wrk printed no Requests/sec or 99% line:\n${output}`);
  const p50 = /^\s+50%\s+(\S+)/m.exec(output);
  const total = /^\s+(\d+) requests in/m.exec(output);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requestsPerSec: Number(rps[1]),
    p50Ms: p50 ? parseWrkDuration(p50[1]!) : undefined,
    p99Ms: parseWrkDuration(p99[1]!),
    requests: total ? Number(total[1]) : 0,
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    socketErrors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

export function parseAutocannonOutput(output: string): Omit<LoadResult, 'tool' | 'command'> {
  const start = output.indexOf('{');
  if (start === -1) throw new Error(`autocannon printed no JSON:\n${output}`);
  const json = JSON.parse(output.slice(start)) as AutocannonJson;
  return {
    requestsPerSec: json.requests.average,
    p50Ms: json.latency.p50,
    p99Ms: json.latency.p99,
    requests: json.requests.total,
    non2xx: json.non2xx,
    socketErrors: json.errors + json.timeouts,
  };
}

function commandFor(tool: LoadTool, url: string, options: LoadOptions, repoRoot: string): { file: string; args: string[]; shown: string } {
  if (tool === 'wrk') {
    const args = [`-t${options.threads}`, `-c${options.connections}`, `-d${options.durationSeconds}s`, '--latency', url];
    return { file: findExecutable('wrk')!, args, shown: `wrk ${args.join(' ')}` };
  }
  const script = autocannonScript(repoRoot);
  if (!script) throw new Error('neither wrk nor autocannon is installed (npm install, or apt-get install wrk)');
  const args = ['-c', String(options.connections), '-d', String(options.durationSeconds), '-j', url];
  return { file: process.execPath, args: [script, ...args], shown: `npx autocannon ${args.join(' ')}` };
}

/** Runs one load test; the client is killed if it outlives its duration by 60 s. */
export async function runLoad(tool: LoadTool, url: string, options: LoadOptions, repoRoot: string): Promise<LoadResult> {
  const { file, args, shown } = commandFor(tool, url, options, repoRoot);
  const child = startChild(file, args, { cwd: repoRoot });
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const stderr = captureOutput(child);
  const timeoutMs = (options.durationSeconds + 60) * 1_000;
  try {
    const code = await waitForExit(child, timeoutMs, `${shown} did not finish within ${timeoutMs / 1000} s`);
    if (code !== 0) throw new Error(`${shown} exited with code ${code}:\n${stderr()}`);
    const parsed = tool === 'wrk' ? parseWrkOutput(stdout) : parseAutocannonOutput(stdout);
    return { tool, command: shown, ...parsed };
  } finally {
    if (!hasExited(child)) await stopChild(child, 2_000);
  }
}
