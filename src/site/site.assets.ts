import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { projectPath } from '../paths.ts';
import { prepareResponse, type PreparedResponse } from './cache/page-cache.ts';
import { IMMUTABLE_CACHE_CONTROL } from './site.headers.ts';

/**
 * The site's own static files, read and compressed once at start and served from memory under a
 * content-hashed name, so browsers and CDNs keep them for a year.
 */
export interface SiteAssets {
  stylesheetHref: string;
  faviconHref: string;
  responses: Map<string, PreparedResponse>;
}

const ASSET_FILES = [
  { name: 'site', ext: 'css', contentType: 'text/css; charset=utf-8', key: 'stylesheetHref' },
  { name: 'favicon', ext: 'svg', contentType: 'image/svg+xml', key: 'faviconHref' },
] as const;

export function loadSiteAssets(): SiteAssets {
  const responses = new Map<string, PreparedResponse>();
  const hrefs = { stylesheetHref: '', faviconHref: '' };
  for (const asset of ASSET_FILES) {
    const content = fs.readFileSync(projectPath('src', 'site', 'assets', `${asset.name}.${asset.ext}`));
    const hash = createHash('sha256').update(content).digest('hex').slice(0, 12);
    const href = `/assets/${asset.name}.${hash}.${asset.ext}`;
    responses.set(href, prepareResponse(content, { contentType: asset.contentType, cacheControl: IMMUTABLE_CACHE_CONTROL, effort: 'best', headers: { 'x-content-type-options': 'nosniff' } }));
    hrefs[asset.key] = href;
  }
  return { ...hrefs, responses };
}
