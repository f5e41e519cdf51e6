import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { ADMIN_INITIAL_JS_BUDGET, measureAdminInitialJs } from '../scripts/admin-initial-js.mjs';
import { openKiosque } from '../src/app.ts';
import { createApiToken } from '../src/auth/tokens.service.ts';
import { createUser } from '../src/auth/users.service.ts';
import { loadConfig } from '../src/config.ts';
import { get, HOST, sleep } from './children.ts';
import type { KiosqueServer } from './server.ts';

/**
 * The newsroom's budgets (issue 3): the admin's first load in compressed JavaScript, the time from
 * publishing an article through the Admin API to the page and the home page showing it, and the
 * time to upload and process a 4000×3000 photo. Measured on the real server the other steps ran,
 * over the imported corpus, with accounts made by the real auth services.
 */

export const NEWSROOM_TARGETS = {
  adminFirstLoadBytes: ADMIN_INITIAL_JS_BUDGET,
  publishMs: 1_000,
  uploadMs: 3_000,
} as const;

export const PUBLISH_RUNS = 10;
export const UPLOAD_RUNS = 3;
export const POLL_MS = 10;
const VISIBLE_TIMEOUT_MS = 15_000;
export const PHOTO = { width: 4000, height: 3000 } as const;

export interface JsFile {
  path: string;
  /** Its body as the server sends it to a client that accepts gzip only. */
  gzipBytes: number;
  /** Its body as Chromium received it, in `encoding`. */
  receivedBytes: number;
  encoding: string;
}

export interface BrowserLoad {
  files: JsFile[];
  gzipBytes: number;
  receivedBytes: number;
  /** True when the server sent some file uncompressed to a gzip client and the bench gzipped it (level 9). */
  gzippedByBench: boolean;
}

export interface Publishing {
  /** Milliseconds from the start of the POST until the article answered 200 and the home page listed its title. */
  visibleMs: number[];
  /** Milliseconds from the start of the POST to its 201 answer. */
  apiMs: number[];
  /** Checks in a row, each over new connections, that had to see the article for it to count as visible. */
  confirmations: number;
}

export interface Uploads {
  runsMs: number[];
  /** CPU time the server process spent on each upload (every thread, libvips included), from /proc. */
  serverCpuMs: (number | undefined)[];
  imageBytes: number[];
  /** What the library made of the last photo: its copies and the largest of them. */
  copies?: { count: number; formats: string[]; largest: string };
}

export interface NewsroomResults {
  adminStatic?: { files: { file: string; bytes: number; gzip: number }[]; bytes: number; gzip: number };
  signInScreen?: BrowserLoad;
  dashboard?: BrowserLoad;
  publishing?: Publishing;
  publishingWorkers?: Publishing & { workers: number };
  uploads?: Uploads;
}

export interface NewsroomDeps {
  dataDir: string;
  /** A category archive of the corpus, e.g. /categorie/ecommerce/: its slug is the last segment. */
  categoryPath: string;
  env: { oneProcess: Record<string, string>; workers: Record<string, string> };
  workers: number;
  /** New connections in a row that reach every worker with near certainty (see run.ts). */
  workerWarmUps: number;
  withServer: <T>(env: Record<string, string>, use: (server: KiosqueServer) => Promise<T>) => Promise<T>;
  /** Runs one named part; its failure is recorded and the next part still runs. */
  part: (name: string, work: () => Promise<void>) => Promise<void>;
  log: (message: string) => void;
}

interface NewsroomStaff {
  /** Makes this run's titles and e-mails unique. */
  run: string;
  /** An editor's API bearer token. */
  token: string;
  /** An author signs in with a password alone (the role needs no second factor): the dashboard's load. */
  author: { email: string; password: string };
  categoryId: number;
}

const elapsedMs = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

export async function measureNewsroom(deps: NewsroomDeps, into: NewsroomResults): Promise<void> {
  const { part, log } = deps;
  await part('admin first load, built files (scripts/admin-initial-js.mjs)', async () => {
    const measured = measureAdminInitialJs();
    into.adminStatic = { files: measured.files, bytes: measured.bytes, gzip: measured.gzip };
    log(`  ${kb(measured.gzip)} gzip in ${measured.files.length} files`);
  });

  let staff: NewsroomStaff | undefined;
  const needStaff = (): NewsroomStaff => {
    if (!staff) throw new Error('no newsroom account (its creation failed)');
    return staff;
  };
  await deps.withServer(deps.env.oneProcess, async (server) => {
    await part('newsroom accounts, made while the server runs', async () => {
      staff = await createNewsroomStaff(deps.dataDir, deps.categoryPath);
      // The running server must see what the bench wrote, and still answer once the bench has closed its handle.
      const answer = await fetch(`${base(server.port)}/api/admin/v1/posts?limit=1`, { headers: { authorization: `Bearer ${staff.token}` } });
      if (answer.status !== 200) throw new Error(`the server refused the new token: ${answer.status} ${await answer.text()}`);
    });
    await part('admin first load in Chromium', async () => {
      const { launchChromium } = await import('../test/support/browser.ts');
      const browser = await launchChromium();
      try {
        into.signInScreen = await measureBrowserLoad(browser, server.port);
        log(`  sign-in screen: ${kb(into.signInScreen.gzipBytes)} gzip in ${into.signInScreen.files.length} files`);
        into.dashboard = await measureBrowserLoad(browser, server.port, needStaff().author);
        log(`  dashboard: ${kb(into.dashboard.gzipBytes)} gzip in ${into.dashboard.files.length} files`);
      } finally {
        await browser.close();
      }
    });
    await part(`publishing, 1 process (${PUBLISH_RUNS} articles)`, async () => {
      into.publishing = await measurePublishing(server, needStaff(), deps, { label: '1 process', warmUps: 1, confirmations: 1 });
    });
    await part(`upload of a ${PHOTO.width}×${PHOTO.height} JPEG (${UPLOAD_RUNS} photos)`, async () => {
      into.uploads = await measureUploads(server, needStaff(), log);
    });
  });

  await part(`publishing, ${deps.workers} workers (${PUBLISH_RUNS} articles)`, async () => {
    await deps.withServer(deps.env.workers, async (server) => {
      const publishing = await measurePublishing(server, needStaff(), deps, { label: `${deps.workers} workers`, warmUps: deps.workerWarmUps, confirmations: deps.workerWarmUps });
      into.publishingWorkers = { ...publishing, workers: deps.workers };
    });
  });
}

const base = (port: number) => `http://${HOST}:${port}`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * An editor with an API token, and an author with a password, made through the auth services on
 * the data dir the server has open (SQLite lets two processes share it), then closed again.
 * The editor signs in only through its token, so it gets no second factor.
 */
async function createNewsroomStaff(dataDir: string, categoryPath: string): Promise<NewsroomStaff> {
  const kiosque = await openKiosque(loadConfig({}, { KIOSQUE_DATA_DIR: dataDir, KIOSQUE_LOG_LEVEL: 'silent', KIOSQUE_DEMO: 'false' }));
  try {
    const now = new Date();
    const run = randomBytes(4).toString('hex');
    const editor = await createUser(kiosque.db, { email: `banc-redaction-${run}@redaction.test`, name: `Rédaction ${run}`, role: 'editor' }, now);
    const { token } = await createApiToken(kiosque.db, { name: `banc d’essai ${run}`, role: 'editor', userId: editor.id }, now);
    const author = { email: `banc-auteur-${run}@redaction.test`, password: `phrase de passe ${randomBytes(8).toString('hex')}` };
    await createUser(kiosque.db, { ...author, name: `Autrice ${run}`, role: 'author' }, now);
    const slug = categoryPath.split('/').filter(Boolean).at(-1) ?? '';
    const category = await kiosque.db.kysely.selectFrom('categories').select('id').where('slug', '=', slug).executeTakeFirst();
    if (!category) throw new Error(`the corpus has no category "${slug}"`);
    return { run, token, author, categoryId: category.id };
  } finally {
    await kiosque.close();
  }
}

/**
 * Opens /admin/ in a fresh Chromium context (empty cache) and waits for the first screen and a
 * quiet network: the sign-in screen, or the dashboard when `signIn` is given (a session opened
 * through the API first, so no screen is touched). Every JavaScript file it fetched is then asked
 * again of the server with `Accept-Encoding: gzip` alone, since Chromium takes brotli when offered.
 */
async function measureBrowserLoad(browser: Browser, port: number, signIn?: { email: string; password: string }): Promise<BrowserLoad> {
  const context = await browser.newContext({ locale: 'fr-FR' });
  try {
    if (signIn) {
      const answer = await context.request.post(`${base(port)}/api/admin/v1/session`, { data: signIn });
      if (answer.status() !== 200) throw new Error(`sign-in of ${signIn.email} answered ${answer.status()}: ${await answer.text()}`);
    }
    const page = await context.newPage();
    const scripts: { url: string; sizes: Promise<{ responseBodySize: number }>; encoding: string; status: number }[] = [];
    page.on('response', (response) => {
      const headers = response.headers();
      if (response.request().resourceType() !== 'script' && !/javascript/.test(headers['content-type'] ?? '')) return;
      scripts.push({ url: response.url(), sizes: response.request().sizes(), encoding: headers['content-encoding'] ?? 'identity', status: response.status() });
    });
    await page.goto(`${base(port)}/admin/`);
    if (signIn) await page.getByRole('heading', { level: 1 }).waitFor();
    else await page.locator('input[type="password"]').waitFor();
    await page.waitForLoadState('networkidle');
    const shown = new URL(page.url()).pathname;
    if (signIn ? shown !== '/admin/' : !shown.startsWith('/admin/sign-in')) throw new Error(`the admin showed ${shown}, not the ${signIn ? 'dashboard' : 'sign-in screen'}`);
    if (scripts.length === 0) throw new Error('Chromium fetched no JavaScript');
    const files: JsFile[] = [];
    let gzippedByBench = false;
    for (const script of scripts) {
      if (script.status !== 200) throw new Error(`${script.url} answered ${script.status}`);
      const path = new URL(script.url).pathname;
      const gzip = await get(port, path, { 'accept-encoding': 'gzip' });
      if (gzip.status !== 200) throw new Error(`GET ${path} with gzip answered ${gzip.status}`);
      const served = gzip.headers['content-encoding'] === 'gzip';
      if (!served) gzippedByBench = true;
      files.push({ path, gzipBytes: served ? gzip.body.length : gzipSync(gzip.body, { level: 9 }).length, receivedBytes: (await script.sizes).responseBodySize, encoding: script.encoding });
    }
    const sum = (pick: (file: JsFile) => number) => files.reduce((total, file) => total + pick(file), 0);
    return { files, gzipBytes: sum((file) => file.gzipBytes), receivedBytes: sum((file) => file.receivedBytes), gzippedByBench };
  } finally {
    await context.close();
  }
}

const ARTICLE_MARKDOWN = [
  'Le conseil municipal a voté mardi soir le budget de la rénovation du marché couvert, après trois heures de débat.',
  '',
  '## Ce qui change',
  '',
  '- Les étals seront rouverts par moitié à partir du printemps.',
  '- La halle gardera sa charpente de 1896, classée depuis 1987.',
  '',
  '> « Nous voulions que le marché reste ouvert pendant les travaux », a expliqué l’adjointe chargée du commerce.',
  '',
  'Les commerçants, réunis en association, attendent désormais le calendrier détaillé.',
].join('\n');

async function adminCall<T>(port: number, token: string, method: string, path: string, body: unknown): Promise<{ status: number; json: T }> {
  const answer = await fetch(`${base(port)}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: answer.status, json: (await answer.json()) as T };
}

/**
 * Publishes PUBLISH_RUNS articles through `POST /api/admin/v1/posts`, each time with the home page
 * and a category archive in the page cache, and polls every POLL_MS until the article answers 200
 * and the home page lists its title. The polls open new connections, which the kernel spreads over
 * the workers: the article counts as visible at the first of `confirmations` checks in a row that
 * all saw it, so a worker whose cache still holds the old home page cannot go unnoticed.
 */
async function measurePublishing(server: KiosqueServer, staff: NewsroomStaff, deps: NewsroomDeps, how: { label: string; warmUps: number; confirmations: number }): Promise<Publishing> {
  const result: Publishing = { visibleMs: [], apiMs: [], confirmations: how.confirmations };
  for (let run = 1; run <= PUBLISH_RUNS; run++) {
    for (const page of ['/', deps.categoryPath]) {
      for (let time = 0; time < how.warmUps; time++) {
        const answer = await get(server.port, page);
        if (answer.status !== 200) throw new Error(`GET ${page} answered ${answer.status}`);
      }
    }
    const title = `Publication chronométrée ${run}, ${how.label}, ${staff.run}`;
    const started = process.hrtime.bigint();
    const created = await adminCall<{ url?: string }>(server.port, staff.token, 'POST', '/api/admin/v1/posts', {
      title,
      markdown: ARTICLE_MARKDOWN,
      status: 'published',
      categories: [staff.categoryId],
    });
    result.apiMs.push(elapsedMs(started));
    if (created.status !== 201 || !created.json.url) throw new Error(`POST /api/admin/v1/posts answered ${created.status}: ${JSON.stringify(created.json)}`);
    const articlePath = new URL(created.json.url, base(server.port)).pathname;
    result.visibleMs.push(await waitUntilVisible(server.port, articlePath, title, started, how.confirmations));
  }
  deps.log(`  visible after ${result.visibleMs.map((value) => value.toFixed(0)).join(', ')} ms`);
  return result;
}

async function waitUntilVisible(port: number, articlePath: string, title: string, started: bigint, confirmations: number): Promise<number> {
  let streak = 0;
  let firstOfStreak = 0;
  let lastProblem = '';
  while (streak < confirmations) {
    const [article, home] = await Promise.all([get(port, articlePath), get(port, '/')]);
    const at = elapsedMs(started);
    if (article.status === 200 && home.status === 200 && home.body.includes(title)) {
      if (streak === 0) firstOfStreak = at;
      streak++;
      continue;
    }
    streak = 0;
    lastProblem = article.status !== 200 ? `${articlePath} answered ${article.status}` : `the home page (${home.status}) did not list "${title}"`;
    if (at > VISIBLE_TIMEOUT_MS) throw new Error(`not visible after ${VISIBLE_TIMEOUT_MS} ms: ${lastProblem}`);
    await sleep(POLL_MS);
  }
  return firstOfStreak;
}

/** User and system CPU of one process, from /proc/<pid>/stat (Linux counts it in 1/100 s). */
function cpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Uploads UPLOAD_RUNS different photo-like JPEGs (test/media's generator: gradients, highlights
 * and gaussian grain, quality 90, EXIF with a GPS position) through `POST /api/admin/v1/media`,
 * timing each call from its start to the answer, which comes once every variant is written.
 */
async function measureUploads(server: KiosqueServer, staff: NewsroomStaff, log: (message: string) => void): Promise<Uploads> {
  const { photoJpeg } = await import('../test/media/media.fixtures.ts');
  const photos: Buffer[] = [];
  for (let index = 0; index < UPLOAD_RUNS; index++) photos.push(await photoJpeg(PHOTO.width, PHOTO.height));
  // The grain is random: different bytes, so the library cannot answer from an earlier copy.
  if (new Set(photos.map((photo) => createHash('sha256').update(photo).digest('hex'))).size !== photos.length) throw new Error('two generated photos are identical');
  const result: Uploads = { runsMs: [], serverCpuMs: [], imageBytes: photos.map((photo) => photo.length) };
  for (const [index, photo] of photos.entries()) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), `marche-couvert-${staff.run}-${index + 1}.jpg`);
    form.append('alt', 'La halle du marché couvert, vue depuis la place');
    const cpuBefore = cpuMs(server.pid);
    const started = process.hrtime.bigint();
    const answer = await fetch(`${base(server.port)}/api/admin/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${staff.token}` }, body: form });
    const body = (await answer.json()) as { width?: number; height?: number; variants?: { format: string; width: number; height: number }[] };
    const wallMs = elapsedMs(started);
    const cpuAfter = cpuMs(server.pid);
    if (answer.status !== 201) throw new Error(`POST /api/admin/v1/media answered ${answer.status}: ${JSON.stringify(body)}`);
    const copies = body.variants ?? [];
    if (copies.length === 0) throw new Error('the library made no copy of the photo');
    result.copies = { count: copies.length, formats: [...new Set(copies.map((copy) => copy.format))], largest: `${body.width}×${body.height}` };
    result.runsMs.push(wallMs);
    result.serverCpuMs.push(cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore);
  }
  log(`  uploads took ${result.runsMs.map((value) => value.toFixed(0)).join(', ')} ms`);
  return result;
}
