import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { translate, type Locale } from '../i18n/i18n.ts';
import { projectPath } from '../paths.ts';
import { IMMUTABLE_CACHE_CONTROL } from '../site/site.headers.ts';
import { CSP_FILE, CSP_NONCE_PLACEHOLDER, type AdminCsp } from './admin.web.csp.ts';

/**
 * The admin app (src/admin/web, built by Vite into dist/admin/): every /admin/… address answers
 * its index.html, whose client router shows the screen, and the hashed assets are kept a year.
 *
 * The page gets a strict policy with a fresh nonce in every answer: only the scripts and styles
 * the server wrote run, and what they load themselves ('strict-dynamic': the lazy editor chunk).
 * React and ProseMirror set styles through the CSSOM, which the policy does not govern.
 * The preview frame (srcdoc, no scripts) inherits this policy: the public page's stylesheet is
 * 'self', its images come from /media/. The two inline style elements the admin shows (Tiptap's,
 * and the video placeholder's in the preview) are allowed by their hashes, found at build time
 * (web/csp-hashes.ts).
 */
export interface AdminWebOptions {
  /** The built app; dist/admin/ of the installation by default. */
  distDir?: string;
  /** The site's language, for the page that says the app was not built. */
  locale(): Locale;
}

export function adminContentSecurityPolicy(nonce: string, styleHashes: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    ["style-src 'self'", `'nonce-${nonce}'`, ...styleHashes.map((hash) => `'${hash}'`)].join(' '),
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  // Each answer carries its own nonce and nobody's data: nothing may keep it.
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), browsing-topics=()',
} as const;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

interface Asset {
  contentType: string;
  identity: Buffer;
  gzip?: Buffer;
  br?: Buffer;
}

interface BuiltApp {
  html: string;
  assets: Map<string, Asset>;
  styleHashes: string[];
}

/** Reads the built app once; a missing build is looked for again at the next request. */
function loadBuiltApp(distDir: string): BuiltApp | null {
  const indexFile = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexFile)) return null;
  const assets = new Map<string, Asset>();
  const assetDir = path.join(distDir, 'assets');
  for (const name of fs.existsSync(assetDir) ? fs.readdirSync(assetDir) : []) {
    const contentType = CONTENT_TYPES[path.extname(name)];
    if (!contentType) continue;
    const file = path.join(assetDir, name);
    const read = (suffix: string) => (fs.existsSync(file + suffix) ? fs.readFileSync(file + suffix) : undefined);
    const asset: Asset = { contentType, identity: fs.readFileSync(file) };
    const gzip = read('.gz');
    const br = read('.br');
    if (gzip) asset.gzip = gzip;
    if (br) asset.br = br;
    assets.set(name, asset);
  }
  const cspFile = path.join(distDir, CSP_FILE);
  const csp = fs.existsSync(cspFile) ? (JSON.parse(fs.readFileSync(cspFile, 'utf8')) as AdminCsp) : { styleHashes: [] };
  return { html: fs.readFileSync(indexFile, 'utf8'), assets, styleHashes: csp.styleHashes };
}

function acceptedEncoding(header: string | undefined, asset: Asset): 'br' | 'gzip' | 'identity' {
  const accepted = (header ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => !/;\s*q=0(\.0*)?$/.test(part))
    .map((part) => part.split(';')[0]);
  if (asset.br && accepted.includes('br')) return 'br';
  if (asset.gzip && accepted.includes('gzip')) return 'gzip';
  return 'identity';
}

export async function adminWebRoutes(app: FastifyInstance, options: AdminWebOptions): Promise<void> {
  const distDir = options.distDir ?? projectPath('dist', 'admin');
  let built = loadBuiltApp(distDir);
  const current = () => (built ??= loadBuiltApp(distDir));

  const page = (request: FastifyRequest, reply: FastifyReply) => {
    const nonce = randomBytes(18).toString('base64');
    const app = current();
    reply.headers({ ...HTML_HEADERS, 'content-security-policy': adminContentSecurityPolicy(nonce, app?.styleHashes) });
    if (!app) return reply.code(503).send(notBuiltPage(options.locale(), nonce));
    return reply.send(app.html.replaceAll(CSP_NONCE_PLACEHOLDER, nonce));
  };

  app.get('/admin', (request, reply) => reply.redirect('/admin/', 301));
  app.get('/admin/', page);
  app.get('/admin/*', page);

  app.get<{ Params: { file: string } }>('/admin/assets/:file', (request, reply) => {
    const asset = current()?.assets.get(request.params.file);
    if (!asset) return reply.callNotFound();
    const encoding = acceptedEncoding(request.headers['accept-encoding'], asset);
    reply.headers({
      'content-type': asset.contentType,
      'cache-control': IMMUTABLE_CACHE_CONTROL,
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'same-origin',
      vary: 'accept-encoding',
    });
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    return reply.send(encoding === 'identity' ? asset.identity : asset[encoding]);
  });
}

function notBuiltPage(locale: Locale, nonce: string): string {
  const title = translate(locale, 'admin.notBuilt.title');
  return (
    `<!doctype html><html lang="${locale}"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${title}</title><style nonce="${nonce}">body{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}code{font-size:1.05em}</style>` +
    `<main><h1>${title}</h1><p>${translate(locale, 'admin.notBuilt.body')}</p><p><code>npm install &amp;&amp; npm run build</code></p></main></html>`
  );
}
