import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { captureOutput, HOST, startChild, stopChild, waitFor200 } from './children.ts';
import { findExecutable } from './load.ts';

/**
 * The ceiling to compare with: nginx serving the same article as a static file from a minimal
 * configuration (sendfile, keep-alive, no logging), started in the foreground as our child, with
 * as many worker processes as the Kiosque server it is compared with has processes answering.
 */

export interface StaticServer {
  port: number;
  configFile: string;
  command: string;
  stop(): Promise<void>;
}

export function findNginx(): string | undefined {
  return findExecutable('nginx');
}

function configText(workDir: string, root: string, port: number, workers: number): string {
  const file = (name: string) => path.join(workDir, name);
  return `# Written by bench/nginx.ts for one benchmark run.
daemon off;
worker_processes ${workers};
${process.getuid?.() === 0 ? '# Workers keep the user that started the bench, so they can read the files it wrote.\nuser root;\n' : ''}pid ${file('nginx.pid')};
error_log ${file('error.log')} warn;

events {
  worker_connections 1024;
}

http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  types { text/html html; }
  default_type application/octet-stream;
  client_body_temp_path ${file('client_body')};

  server {
    listen ${HOST}:${port};
    root ${root};
    index index.html;
  }
}
`;
}

/** Starts nginx on `port` serving `root`; resolves once `probePath` answers 200. */
export async function startNginx(binary: string, options: { workDir: string; root: string; port: number; probePath: string; workers: number }): Promise<StaticServer> {
  const { workDir, root, port } = options;
  fs.mkdirSync(workDir, { recursive: true });
  const configFile = path.join(workDir, 'nginx.conf');
  fs.writeFileSync(configFile, configText(workDir, root, port, options.workers));
  // -p: relative paths and the built-in temp folders live under workDir; -e: startup errors too.
  const args = ['-p', workDir, '-e', path.join(workDir, 'error.log'), '-c', configFile];
  const child: ChildProcess = startChild(binary, args, { cwd: workDir });
  const output = captureOutput(child);
  try {
    await waitFor200(port, options.probePath, { since: process.hrtime.bigint(), child, timeoutMs: 10_000 });
  } catch (error) {
    await stopChild(child);
    const log = fs.existsSync(path.join(workDir, 'error.log')) ? fs.readFileSync(path.join(workDir, 'error.log'), 'utf8').slice(-2_000) : '';
    throw new Error(`nginx did not start: ${(error as Error).message}\n${output()}${log}`);
  }
  return { port, configFile, command: `${binary} ${args.join(' ')}`, stop: () => stopChild(child) };
}
