import fs from 'node:fs';
import path from 'node:path';
import { captureOutput, startChild, stopChild, waitForExit } from './children.ts';
import { findExecutable } from './load.ts';

/**
 * What a production install weighs: the project's lock file installed without devDependencies
 * in an empty folder. Install scripts are skipped (`--ignore-scripts`), so native modules are
 * counted as downloaded, without the binaries a build would add.
 */

export const INSTALL_COMMAND = ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'];

export interface InstallSize {
  megabytes: number;
  seconds: number;
  command: string;
}

async function run(file: string, args: string[], cwd: string, timeoutMs: number): Promise<string> {
  const child = startChild(file, args, { cwd });
  const output = captureOutput(child, 200_000);
  try {
    const code = await waitForExit(child, timeoutMs, `${path.basename(file)} ${args.join(' ')} took over ${timeoutMs / 1000} s`);
    if (code !== 0) throw new Error(`${path.basename(file)} ${args.join(' ')} exited with ${code}:\n${output().slice(-3_000)}`);
    return output();
  } finally {
    await stopChild(child, 2_000);
  }
}

/** Apparent size in bytes, like `du -sb`: every file, folder and link counted by its own size. */
function apparentSize(target: string): number {
  const stat = fs.lstatSync(target);
  if (!stat.isDirectory()) return stat.size;
  let total = stat.size;
  for (const entry of fs.readdirSync(target)) total += apparentSize(path.join(target, entry));
  return total;
}

export async function measureInstallSize(repoRoot: string, workDir: string): Promise<InstallSize> {
  const npm = findExecutable('npm');
  if (!npm) throw new Error('npm is not on PATH');
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(repoRoot, file), path.join(workDir, file));
  const started = Date.now();
  await run(npm, INSTALL_COMMAND, workDir, 10 * 60_000);
  const seconds = (Date.now() - started) / 1000;
  const modules = path.join(workDir, 'node_modules');
  const du = findExecutable('du');
  const bytes = du ? Number((await run(du, ['-sb', modules], workDir, 60_000)).split(/\s/)[0]) : apparentSize(modules);
  return { megabytes: bytes / 1e6, seconds, command: `npm ${INSTALL_COMMAND.join(' ')} && du -sb node_modules` };
}
