import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * Tiptap puts ProseMirror's few base rules in a <style> element of its own when an editor opens.
 * The admin's policy allows that one element by the hash of its exact text, found in the
 * installed Tiptap at build time and written to dist/admin/csp.json for the server.
 */
export const CSP_FILE = 'csp.json';

export interface AdminCsp {
  styleHashes: string[];
}

function tiptapStyleText(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@tiptap/core');
  const source = fs.readFileSync(path.join(path.dirname(entry), 'index.js'), 'utf8');
  const found = /\bconst style = `([^`]*)`;/.exec(source);
  if (!found) throw new Error(`Tiptap's base stylesheet was not found in ${entry}: the admin's Content-Security-Policy needs its hash.`);
  return found[1]!;
}

export function cspHashes(): Plugin {
  return {
    name: 'kiosque-csp-hashes',
    apply: 'build',
    generateBundle() {
      const csp: AdminCsp = { styleHashes: [`sha256-${createHash('sha256').update(tiptapStyleText()).digest('base64')}`] };
      this.emitFile({ type: 'asset', fileName: CSP_FILE, source: JSON.stringify(csp) });
    },
  };
}
