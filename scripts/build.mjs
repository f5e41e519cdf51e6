// Bundles Kiosque into dist/ with esbuild: one parse of a few files at start instead of hundreds
// of modules, so a server is up in well under a second. Heavy parts that serving never needs
// (the Markdown pipeline, the importers, the PostgreSQL driver) become chunks loaded on first use.
//
//   node scripts/build.mjs             build
//   node scripts/build.mjs --if-stale  build only when a source file is newer than the bundle
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');
const entry = path.join(outdir, 'main.js');

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!fs.existsSync(entry)) return true;
  const built = fs.statSync(entry).mtimeMs;
  const inputs = [path.join(root, 'package.json'), path.join(root, 'package-lock.json')].filter((f) => fs.existsSync(f));
  return newestSourceTime(path.join(root, 'src')) > built || inputs.some((f) => fs.statSync(f).mtimeMs > built);
}

if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);

const started = performance.now();
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native and optional modules stay in node_modules (sharp loads its libvips binding from there).
  external: ['better-sqlite3', 'pg-native', 'sharp', '@node-rs/argon2'],
  jsx: 'automatic',
  jsxImportSource: '#jsx',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS modules call require() and read __dirname; ESM has neither.
  banner: {
    js: [
      "import { createRequire as __kiosqueCreateRequire } from 'node:module';",
      "import { fileURLToPath as __kiosqueFileURLToPath } from 'node:url';",
      "import { dirname as __kiosqueDirname } from 'node:path';",
      'const require = __kiosqueCreateRequire(import.meta.url);',
      'const __filename = __kiosqueFileURLToPath(import.meta.url);',
      'const __dirname = __kiosqueDirname(__filename);',
    ].join('\n'),
  },
  logLevel: 'warning',
});
process.stderr.write(`Kiosque built into dist/ in ${Math.round(performance.now() - started)} ms\n`);
