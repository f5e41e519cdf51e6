import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ADMIN_DIST } from '../../scripts/admin-initial-js.mjs';
import { loadConfig } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { launchChromium } from './browser.ts';

// Apart from browser.ts: the admin app's own tests use that one, and must not pull in the server.

export interface AdminInBrowser {
  server: RunningServer;
  browser: Browser;
}

/**
 * The admin app as built by `npm test` (scripts/build.mjs), served by a real server on a new data
 * directory without the demo, and a Chromium: started before the calling file's tests, stopped
 * and removed after them. Read its fields inside the tests, once they are set.
 */
export function adminInBrowser(name: string): AdminInBrowser {
  const admin = {} as AdminInBrowser;
  let dataDir: string | undefined;
  beforeAll(async () => {
    if (!fs.existsSync(path.join(ADMIN_DIST, 'index.html'))) throw new Error('dist/admin/ is missing: run `node scripts/build.mjs` first.');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kiosque-${name}-`));
    admin.server = await startServer(loadConfig({ port: '0', 'data-dir': dataDir }, { KIOSQUE_LOG_LEVEL: 'warn', KIOSQUE_DEMO: 'false' }));
    admin.browser = await launchChromium();
  });
  afterAll(async () => {
    await admin.browser?.close();
    await admin.server?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return admin;
}
