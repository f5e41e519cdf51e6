/**
 * What the admin app's build (src/admin/web/vite.config.ts) and its server route
 * (admin.web.routes.ts) agree on about the page's Content-Security-Policy.
 */

/** Written by Vite on each script and style tag of index.html, replaced by a fresh nonce in every answer. */
export const CSP_NONCE_PLACEHOLDER = 'KIOSQUE_CSP_NONCE';

/** The file of dist/admin/ that lists the hashes of the inline styles the page may show. */
export const CSP_FILE = 'csp.json';

export interface AdminCsp {
  styleHashes: string[];
}
