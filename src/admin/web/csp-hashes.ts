import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Element } from 'hast';
import type { Plugin } from 'vite';
import { parseVideoUrl, videoEmbed } from '../../content/markdown/markdown.embeds.ts';
import { CSP_FILE, type AdminCsp } from '../admin.web.csp.ts';

/**
 * The two inline style elements the admin shows, allowed by the admin's policy by the hash of
 * their exact text, found at build time and written to dist/admin/csp.json for the server:
 * - Tiptap puts ProseMirror's few base rules in a <style> element of its own when an editor opens;
 * - the preview shows the public page, whose click-to-load video frames (srcdoc documents, which
 *   inherit the admin's policy) carry a small stylesheet.
 */
function tiptapStyleText(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@tiptap/core');
  const source = fs.readFileSync(path.join(path.dirname(entry), 'index.js'), 'utf8');
  const found = /\bconst style = `([^`]*)`;/.exec(source);
  if (!found) throw new Error(`Tiptap's base stylesheet was not found in ${entry}: the admin's Content-Security-Policy needs its hash.`);
  return found[1]!;
}

function videoPlaceholderStyleText(): string {
  const video = parseVideoUrl('https://www.youtube.com/watch?v=aaaaaaaaaaa');
  const frame = video && (videoEmbed(video, 'Vidéo', 'fr').children[0] as Element | undefined);
  const found = /<style>([^<]*)<\/style>/.exec(String(frame?.properties.srcDoc ?? ''));
  if (!found) throw new Error('The stylesheet of the video placeholder was not found: the preview needs its hash.');
  return found[1]!;
}

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;

export function cspHashes(): Plugin {
  return {
    name: 'kiosque-csp-hashes',
    apply: 'build',
    generateBundle() {
      const csp: AdminCsp = { styleHashes: [sha256(tiptapStyleText()), sha256(videoPlaceholderStyleText())] };
      this.emitFile({ type: 'asset', fileName: CSP_FILE, source: JSON.stringify(csp) });
    },
  };
}
