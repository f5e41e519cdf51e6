/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { axeViolations, describeViolations, launchChromium, vnuErrors } from '../support/browser.ts';

/** A reader's journey through the demo blog, in a real Chromium, on the real server. */

let server: RunningServer;
let browser: Browser;
let dataDir: string;
const foreignRequests: string[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-e2e-'));
  server = await startServer(loadConfig({ port: '0', 'data-dir': dataDir }, { KIOSQUE_LOG_LEVEL: 'warn', KIOSQUE_DEMO: 'true' }));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function newPage(options: { width?: number; colorScheme?: 'light' | 'dark' } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    // The pages forbid every script; the test's own (axe-core, scroll checks) needs the policy lifted.
    bypassCSP: true,
  });
  const page = await context.newPage();
  const origin = new URL(server.url).origin;
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('about:')) foreignRequests.push(url);
  });
  return { context, page };
}

async function firstArticleUrl(page: Page): Promise<string> {
  await page.goto(server.url);
  const href = await page.locator('main article h2 a, main article h3 a').first().getAttribute('href');
  expect(href).toBeTruthy();
  return new URL(href!, server.url).toString();
}

describe('reading the demo blog in Chromium', () => {
  it('walks home → article → category → "Haut de page" without JavaScript, cookies or foreign requests', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    const origin = new URL(server.url).origin;
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    try {
      await page.goto(server.url);
      await page.locator('h2', { hasText: 'À la une' }).first().waitFor({ state: 'visible' });

      const heroLink = page.locator('main a[href$="/"]').filter({ hasText: /OVH/ }).first();
      await heroLink.click();
      await page.waitForLoadState('load');
      expect(await page.locator('h1').textContent()).toContain('OVH');
      expect(await page.locator('article time').first().textContent()).toMatch(/\d{1,2}(er)? \p{L}+ 2021/u);

      const category = page.locator('article a[href^="/categorie/"]').first();
      const categoryName = (await category.textContent())!.trim();
      await category.click();
      await page.waitForLoadState('load');
      expect(await page.locator('h1').textContent()).toContain(categoryName);

      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.getByRole('link', { name: 'Haut de page' }).last().click();
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeLessThan(50);

      expect(await context.cookies()).toEqual([]);
      expect(requests.filter((url) => !url.startsWith(origin))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('loads a video only when the reader clicks its placeholder', async () => {
    const { context, page } = await newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    try {
      await page.goto(server.url);
      const videoPost = await page.evaluate(async () => {
        const links = [...document.querySelectorAll<HTMLAnchorElement>('main a[href^="/"]')].map((a) => a.href);
        for (const link of new Set(links)) {
          const html = await (await fetch(link)).text();
          if (html.includes('video-embed')) return link;
        }
        return undefined;
      });
      expect(videoPost, 'the demo has an article with a video').toBeTruthy();
      await page.goto(videoPost!);
      const frame = page.frameLocator('figure.video-embed iframe');
      await frame.locator('a').waitFor({ state: 'visible' });
      expect(requests.filter((url) => /youtube|vimeo|dailymotion/.test(url))).toEqual([]);
      await frame.locator('a').click();
      await expect.poll(() => requests.filter((url) => /youtube-nocookie|vimeo|dailymotion/.test(url)).length).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it('fits a 320 px screen without horizontal scrolling, in light and dark mode', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context, page } = await newPage({ width: 320, colorScheme });
      try {
        const article = await firstArticleUrl(page);
        for (const url of [server.url, article]) {
          await page.goto(url);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, `${url} (${colorScheme})`).toBeLessThanOrEqual(0);
        }
      } finally {
        await context.close();
      }
    }
  });

  it('switches to a dark palette when the system asks for it', async () => {
    const background = async (colorScheme: 'light' | 'dark') => {
      const { context, page } = await newPage({ colorScheme });
      await page.goto(server.url);
      const value = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await context.close();
      return value;
    };
    expect(await background('dark')).not.toBe(await background('light'));
  });

  it('prints an article without the navigation', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto(await firstArticleUrl(page));
      await page.emulateMedia({ media: 'print' });
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('header nav')!).display)).toBe('none');
      expect(await page.locator('h1').isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('prints addresses after links once, "read more" included, and leaves the search form off the paper', async () => {
    const { context, page } = await newPage();
    try {
      const response = await page.goto(new URL('/incendie-ovh-strasbourg/', server.url).toString());
      expect(response?.status()).toBe(200);
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() => {
        const after = (selector: string) => getComputedStyle(document.querySelector(selector)!, '::after').content;
        return {
          searchForm: getComputedStyle(document.querySelector('.search-form')!).display,
          addressLink: after('.prose .sources a[href="https://www.ovhcloud.com/"]'),
          readMore: after('.prose p.read-more a[href="https://www.cnil.fr/"]'),
        };
      });
      expect(printed).toEqual({ searchForm: 'none', addressLink: 'none', readMore: '" (https://www.cnil.fr/)"' });
    } finally {
      await context.close();
    }
  });

  it('has no accessibility violations (axe-core) on home, article, category, 404 and search, light and dark, wide and narrow', async () => {
    const failures: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1280, 320]) {
        const { context, page } = await newPage({ width, colorScheme });
        try {
          const article = await firstArticleUrl(page);
          const category = new URL(
            (await page.goto(article).then(() => page.locator('article a[href^="/categorie/"]').first().getAttribute('href')))!,
            server.url,
          ).toString();
          for (const url of [server.url, article, category, server.url + 'page-inexistante/', server.url + 'recherche?q=h%C3%A9bergeur', server.url + 'recherche?q=zeppelin']) {
            await page.goto(url);
            const violations = await axeViolations(page);
            if (violations.length > 0) failures.push(`${url} (${colorScheme}, ${width}px):\n${describeViolations(violations)}`);
          }
        } finally {
          await context.close();
        }
      }
    }
    expect(failures.join('\n\n')).toBe('');
  }, 180_000);

  it('serves HTML the Nu HTML Checker finds no error in', async () => {
    const { context, page } = await newPage();
    let article: string;
    try {
      article = await firstArticleUrl(page);
    } finally {
      await context.close();
    }
    const pages: Record<string, string> = {};
    for (const [name, url] of Object.entries({ home: server.url, article, category: server.url + 'categorie/ecommerce/', notFound: server.url + 'nulle-part/', search: server.url + 'recherche?q=h%C3%A9bergeur', searchNothing: server.url + 'recherche?q=zeppelin' })) {
      pages[name] = await (await fetch(url)).text();
    }
    const errors = await vnuErrors(pages);
    expect(errors.map((e) => `${path.basename(e.url)}:${e.lastLine}: ${e.message}`).join('\n')).toBe('');
  }, 120_000);

  it('searches from the header’s form without JavaScript and shows the words found marked', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto(server.url);
      await page.getByRole('searchbox', { name: 'Rechercher sur le site' }).fill('l’hébergeur');
      await page.getByRole('searchbox', { name: 'Rechercher sur le site' }).press('Enter');
      await page.waitForURL(/\/recherche\?q=/);
      expect(await page.locator('.search-status').first().textContent()).toMatch(/résultats? pour/);
      expect(await page.locator('.search-results mark').count()).toBeGreaterThan(0);
      await page.locator('.search-result-title a').first().click();
      await page.waitForURL((url) => !url.pathname.startsWith('/recherche'));
      expect(await page.locator('h1').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('made no request to another host in any of these visits (but the clicked video)', () => {
    expect(foreignRequests.filter((url) => !/youtube-nocookie|vimeo|dailymotion/.test(url))).toEqual([]);
  });
});
