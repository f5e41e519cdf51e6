import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const KIOSQUE_BIN = fileURLToPath(new URL('../../bin/kiosque.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `kiosque` command in a child process. */
export function runKiosque(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 30_000): Promise<CliResult> {
  return runCommand([process.execPath, KIOSQUE_BIN], args, env, timeoutMs);
}

/**
 * Runs `kiosque` bound by file permissions, as a service account is: a file without its write bit
 * (chmod a-w) is then one it cannot write. Root may write any file whatever its mode, so as root
 * (CI, containers) the command runs through util-linux's setpriv without the capabilities that let
 * root pass permission checks: it stays root, so it still reaches every folder, Node's included
 * (CI's Node 24 sits in a private temporary folder). Any other user is bound already.
 */
export function runKiosqueBoundByPermissions(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  if (process.getuid?.() !== 0) return runKiosque(args, env);
  const dropped = '-dac_override,-dac_read_search,-fowner';
  return runCommand(['setpriv', `--bounding-set=${dropped}`, `--inh-caps=${dropped}`, process.execPath, KIOSQUE_BIN], args, env, 30_000);
}

/** Runs `kiosque` through `launcher` (the program and its arguments that start it). */
function runCommand(launcher: string[], args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(launcher[0]!, [...launcher.slice(1), ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kiosque ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    // A launcher that is not installed (setpriv) fails the test rather than passing it unseen.
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts `kiosque serve` and resolves with its address once it prints it. */
export function startKiosque(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KIOSQUE_BIN, 'serve', ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', KIOSQUE_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kiosque serve did not start:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /(http:\/\/[^\s]+\/)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kiosque serve exited with ${code}:\n${output}`));
    });
  });
}
