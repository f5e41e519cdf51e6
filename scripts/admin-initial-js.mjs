// Measures the admin's first load: the JavaScript that dist/admin/index.html loads before any
// screen asks for more (its module scripts, their modulepreloads and the static imports between
// them), gzip-compressed as a browser receives it. The budget is 250 KB.
//
//   node scripts/admin-initial-js.mjs    prints the files and the total
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const ADMIN_INITIAL_JS_BUDGET = 250 * 1024;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ADMIN_DIST = path.join(root, 'dist', 'admin');

/** Static `import … from "./x.js"` and `import "./x.js"` of a minified chunk; dynamic import() is not followed. */
function staticImports(code) {
  const found = [];
  for (const match of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g)) found.push(match[1]);
  for (const match of code.matchAll(/(?:^|[;}\s])export\s*(?:\*|{[^}]*})\s*from\s*["']([^"']+\.js)["']/g)) found.push(match[1]);
  return found;
}

/** The initial JavaScript of the built admin: each file with its raw and gzip size. */
export function measureAdminInitialJs(distDir = ADMIN_DIST) {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const base = '/admin/';
  const toFile = (href) => path.join(distDir, href.startsWith(base) ? href.slice(base.length) : href);
  const queue = [];
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) queue.push(toFile(match[1]));
  for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) queue.push(toFile(match[1]));
  const seen = new Set();
  const files = [];
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = fs.readFileSync(file);
    files.push({ file: path.relative(distDir, file), bytes: code.length, gzip: gzipSync(code, { level: 9 }).length });
    for (const imported of staticImports(code.toString('utf8'))) queue.push(path.resolve(path.dirname(file), imported));
  }
  const gzip = files.reduce((sum, f) => sum + f.gzip, 0);
  return { files, bytes: files.reduce((sum, f) => sum + f.bytes, 0), gzip, budget: ADMIN_INITIAL_JS_BUDGET };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = measureAdminInitialJs();
  for (const f of result.files) console.log(`${f.file}  ${(f.bytes / 1024).toFixed(1)} KB, ${(f.gzip / 1024).toFixed(1)} KB gzip`);
  console.log(`Admin first load: ${(result.gzip / 1024).toFixed(1)} KB of gzip JavaScript (budget ${result.budget / 1024} KB)`);
  process.exitCode = result.gzip <= result.budget ? 0 : 1;
}
