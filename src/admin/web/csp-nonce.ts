/**
 * Written by Vite on each script and style tag of index.html, and replaced by a fresh nonce in
 * every answer (admin.web.routes.ts).
 */
export const CSP_NONCE_PLACEHOLDER = 'KIOSQUE_CSP_NONCE';
