import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SitemapLimits } from '../../src/seo/sitemaps.service.ts';
import type { Engine } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';

const SCHEMAS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'schemas');

/** A site whose sitemap limits the test may change (they are read each time the plan is made). */
export interface SitemapSite extends TestSite {
  limits: SitemapLimits;
}

export async function startSitemapSite(engine: Engine, limits: SitemapLimits): Promise<SitemapSite> {
  return { ...(await startTestSite(engine, {}, { sitemapLimits: limits })), limits };
}

/**
 * Runs xmllint against the sitemaps.org schemas (with the image and news extensions for URL
 * sets) and returns its complaints; '' when the file validates.
 */
export function xmllintErrors(xml: string, kind: 'index' | 'urlset'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-sitemap-'));
  const file = path.join(dir, 'sitemap.xml');
  fs.writeFileSync(file, xml);
  const schema = path.join(SCHEMAS, kind === 'index' ? 'siteindex.xsd' : 'sitemap-with-extensions.xsd');
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], { stdio: 'pipe' });
    return '';
  } catch (error) {
    const failed = error as { stderr?: Buffer; message: string };
    return failed.stderr?.toString() || failed.message;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** The <loc> of each <url> (or <sitemap>), in order: not the images'. */
export function locsOf(xml: string): string[] {
  return [...xml.matchAll(/<(?:url|sitemap)><loc>([^<]*)<\/loc>/g)].map((match) => unescape(match[1]!));
}

export interface ParsedUrl {
  loc: string;
  lastmod: string | undefined;
  images: string[];
  news: { name: string; language: string; date: string; title: string } | undefined;
}

export function urlsOf(xml: string): ParsedUrl[] {
  return [...xml.matchAll(/<url>(.*?)<\/url>/g)].map(([, body]) => {
    const news = /<news:name>([^<]*)<\/news:name><news:language>([^<]*)<\/news:language><\/news:publication><news:publication_date>([^<]*)<\/news:publication_date><news:title>([^<]*)<\/news:title>/.exec(body!);
    return {
      loc: unescape(/^<loc>([^<]*)<\/loc>/.exec(body!)![1]!),
      lastmod: /<lastmod>([^<]*)<\/lastmod>/.exec(body!)?.[1],
      images: [...body!.matchAll(/<image:loc>([^<]*)<\/image:loc>/g)].map((match) => unescape(match[1]!)),
      news: news ? { name: unescape(news[1]!), language: news[2]!, date: news[3]!, title: unescape(news[4]!) } : undefined,
    };
  });
}

export function lastmodsOfIndex(xml: string): Map<string, string | undefined> {
  return new Map([...xml.matchAll(/<sitemap><loc>([^<]*)<\/loc>(?:<lastmod>([^<]*)<\/lastmod>)?<\/sitemap>/g)].map((match) => [unescape(match[1]!), match[2]]));
}
