import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { cspHashes } from './csp-hashes.ts';
import { CSP_NONCE_PLACEHOLDER } from '../admin.web.csp.ts';

/**
 * The admin app, built into dist/admin/ and served at /admin/ by admin.web.routes.ts. Asset names
 * carry a content hash, so they are cached for a year; index.html is never cached.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/admin/',
  publicDir: false,
  plugins: [react(), cspHashes()],
  html: { cspNonce: CSP_NONCE_PLACEHOLDER },
  build: {
    outDir: path.resolve(here, '../../../dist/admin'),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // The budget is measured on the compressed output by scripts/admin-initial-js.mjs instead.
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1024,
  },
});
