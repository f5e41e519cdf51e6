// Bundles Kiosque into dist/ with esbuild: one parse of a few files at start instead of hundreds
// of modules, so a server is up in well under a second. Heavy parts that serving never needs
// (the Markdown pipeline, the importers, the PostgreSQL driver) become chunks loaded on first use.
//
// The admin app (React, src/admin/web) is built by Vite into dist/admin/, on its own: each of the
// two is rebuilt only when its sources changed.
//
//   node scripts/build.mjs             build
//   node scripts/build.mjs --if-stale  build only when a source file is newer than the bundle
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { serverBundleOptions } from './build.options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');
const entry = path.join(outdir, 'main.js');
const adminSource = path.join(root, 'src', 'admin', 'web');
const adminOutdir = path.join(outdir, 'admin');
const adminEntry = path.join(adminOutdir, 'index.html');

function newestSourceTime(dir, skip) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (full === skip) continue;
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full, skip) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isStale(output, sources, skip) {
  if (!fs.existsSync(output)) return true;
  const built = fs.statSync(output).mtimeMs;
  const inputs = [path.join(root, 'package.json'), path.join(root, 'package-lock.json')].filter((f) => fs.existsSync(f));
  return newestSourceTime(sources, skip) > built || inputs.some((f) => fs.statSync(f).mtimeMs > built);
}

const ifStale = process.argv.includes('--if-stale');
if (!ifStale || isStale(entry, path.join(root, 'src'), adminSource)) await buildServer();
if (!ifStale || isStale(adminEntry, adminSource)) await buildAdmin();

async function buildServer() {
  const started = performance.now();
  // The admin app has its own build below; everything else in dist/ is the server's.
  for (const name of fs.existsSync(outdir) ? fs.readdirSync(outdir) : []) {
    if (name !== 'admin') fs.rmSync(path.join(outdir, name), { recursive: true, force: true });
  }
  await build({
    ...serverBundleOptions(root),
    // The render pool's threads (src/content/markdown/markdown.pool.ts) start from an entry of their own.
    entryPoints: { main: 'src/main.ts', 'render-worker': 'src/content/markdown/markdown.worker.ts' },
    outdir,
    splitting: true,
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
  });
  process.stderr.write(`Kiosque built into dist/ in ${Math.round(performance.now() - started)} ms\n`);
}

/**
 * Vite is a development dependency: an installation without it (npm install --omit=dev) serves
 * the site and the API, and /admin/ says how to build the admin.
 */
async function buildAdmin() {
  let vite;
  try {
    vite = await import('vite');
  } catch {
    process.stderr.write('The admin app was not built: Vite is not installed (npm install, then npm run build).\n');
    return;
  }
  const started = performance.now();
  await vite.build({ configFile: path.join(adminSource, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  await precompress(path.join(adminOutdir, 'assets'));
  const { measureAdminInitialJs } = await import('./admin-initial-js.mjs');
  const { gzip, budget } = measureAdminInitialJs(adminOutdir);
  process.stderr.write(
    `Admin app built into dist/admin/ in ${Math.round(performance.now() - started)} ms; first load ${(gzip / 1024).toFixed(1)} KB of gzip JavaScript (budget ${budget / 1024} KB)\n`,
  );
}

/** Hashed assets never change: each is compressed once, at its best, here rather than per request. */
async function precompress(dir) {
  const { brotliCompressSync, gzipSync, constants } = await import('node:zlib');
  for (const name of fs.readdirSync(dir)) {
    if (!/\.(js|css|svg|json)$/.test(name)) continue;
    const file = path.join(dir, name);
    const content = fs.readFileSync(file);
    fs.writeFileSync(file + '.gz', gzipSync(content, { level: 9 }));
    fs.writeFileSync(file + '.br', brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
  }
}
