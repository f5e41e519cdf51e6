import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { startKiosque } from '../support/cli.ts';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-setup-url-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Waits until the output has the setup line, or a moment has passed without it. */
async function setupLine(output: () => string): Promise<string | undefined> {
  for (let i = 0; i < 20; i++) {
    const line = output().split('\n').find((l) => l.includes('/admin/setup#'));
    if (line) return line;
    await delay(50);
  }
  return undefined;
}

describe('the setup link printed by kiosque serve', () => {
  it('is printed on a start without accounts, replaced by the next start, and gone once the administrator exists', async () => {
    const dataDir = path.join(scratch, 'data');
    const env = { KIOSQUE_DEMO: 'false' };
    const first = await startKiosque(['--port', '0', '--data-dir', dataDir], env);
    const line = await setupLine(first.output);
    await stop(first.child);
    expect(line).toMatch(new RegExp(`^Set up the first administrator: ${first.url.replaceAll('.', '\\.')}admin/setup#[\\w-]{43}$`));
    const firstToken = line!.split('#')[1]!;

    const second = await startKiosque(['--port', '0', '--data-dir', dataDir], { ...env, LANG: 'fr_FR.UTF-8' });
    try {
      const french = await setupLine(second.output);
      expect(french).toMatch(/^Créez le premier administrateur\u00a0: http:\/\/127\.0\.0\.1:\d+\/admin\/setup#[\w-]{43}$/);
      const token = french!.split('#')[1]!;
      expect(token).not.toBe(firstToken);
      const api = `${second.url}api/admin/v1`;
      expect((await fetch(`${api}/setup/${firstToken}`)).status).toBe(410);
      expect(await (await fetch(`${api}/setup/${token}`)).json()).toEqual({ valid: true });
      const created = await fetch(`${api}/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, email: 'admin@exemple.fr', name: 'Admin', password: 'une phrase assez longue' }),
      });
      expect(created.status).toBe(201);
    } finally {
      await stop(second.child);
    }

    const third = await startKiosque(['--port', '0', '--data-dir', dataDir], env);
    try {
      expect(await setupLine(third.output)).toBeUndefined();
    } finally {
      await stop(third.child);
    }
  });

  it('is on the public address when KIOSQUE_SITE_URL sets one', async () => {
    const server = await startKiosque(['--port', '0', '--data-dir', path.join(scratch, 'public')], { KIOSQUE_DEMO: 'false', KIOSQUE_SITE_URL: 'https://www.example.fr' });
    try {
      expect(await setupLine(server.output)).toMatch(/^Set up the first administrator: https:\/\/www\.example\.fr\/admin\/setup#[\w-]{43}$/);
    } finally {
      await stop(server.child);
    }
  });
});
