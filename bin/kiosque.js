#!/usr/bin/env node
// The `kiosque` command runs the bundle that `npm install` (or `npm run build`) writes to dist/.
import fs from 'node:fs';

const bundle = new URL('../dist/main.js', import.meta.url);
if (!fs.existsSync(bundle)) {
  process.stderr.write('kiosque: Kiosque is not built yet: run "npm run build" in its folder (npm install does it too).\n');
  process.exit(1);
}
await import(bundle.href);
