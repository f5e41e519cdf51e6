/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureAdminInitialJs } from '../../scripts/admin-initial-js.mjs';
import Fastify from 'fastify';
import { adminWebRoutes } from '../../src/admin/admin.web.routes.ts';
import { createStaff, currentCode, signIn, type Staff } from '../support/accounts.ts';
import { adminInBrowser } from '../support/admin-browser.ts';
import { axeViolations, describeViolations } from '../support/browser.ts';

/** The admin app as built by `npm test` (scripts/build.mjs), served by a real server, in Chromium. */

const admin = adminInBrowser('admin-e2e');

interface Watched {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions and policy violations seen so far. */
  problems: string[];
}

/** A page that records every console error, uncaught exception and Content-Security-Policy violation. */
async function watchedPage(options: { colorScheme?: 'light' | 'dark'; width?: number; locale?: string } = {}): Promise<Watched> {
  const context = await admin.browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.colorScheme ?? 'light', locale: options.locale ?? 'fr-FR' });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    // The browser logs every API refusal (401 to a visitor asking who is signed in, 410 for a used
    // link); the app expects them and shows their sentence.
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text()) && new URL(message.location().url).pathname.startsWith('/api/admin/v1/')) return;
    problems.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return { context, page, problems };
}

function nonceOf(policy: string): string {
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce, policy).toBeTruthy();
  return nonce!;
}

describe('an installation whose admin was not built', () => {
  it('says so and how to build it, then serves the app once it is built, without a restart', async () => {
    const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-admin-dist-'));
    const app = Fastify();
    try {
      await adminWebRoutes(app, { distDir, locale: () => 'fr' });
      const missing = await app.inject({ method: 'GET', url: '/admin/posts' });
      expect(missing.statusCode).toBe(503);
      expect(missing.headers['cache-control']).toBe('no-store');
      expect(missing.body).toContain('L’administration n’est pas construite');
      expect(missing.body).toContain('npm run build');
      const nonce = nonceOf(String(missing.headers['content-security-policy']));
      expect(missing.body).toContain(`<style nonce="${nonce}">`);

      fs.writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>Kiosque</title><script type="module" nonce="KIOSQUE_CSP_NONCE" src="/admin/assets/a.js"></script>');
      const built = await app.inject({ method: 'GET', url: '/admin/posts' });
      expect(built.statusCode).toBe(200);
      expect(built.body).toContain(`nonce="${nonceOf(String(built.headers['content-security-policy']))}"`);
    } finally {
      await app.close();
      fs.rmSync(distDir, { recursive: true, force: true });
    }
  });
});

describe('the admin app', () => {
  it('answers every /admin/ address with the app under a strict policy and a fresh nonce, never cached', async () => {
    const first = await fetch(admin.server.url + 'admin/');
    const second = await fetch(admin.server.url + 'admin/posts/42?tab=seo');
    for (const response of [first, second]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBeTruthy();
      const policy = response.headers.get('content-security-policy')!;
      expect(policy).toContain("'strict-dynamic'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(policy).not.toMatch(/style-src[^;]*'unsafe-inline'/);
    }
    const html = await first.text();
    const nonce = nonceOf(first.headers.get('content-security-policy')!);
    expect(nonceOf(second.headers.get('content-security-policy')!)).not.toBe(nonce);
    expect(html).not.toContain('KIOSQUE_CSP_NONCE');
    for (const tag of html.match(/<(script|link rel="stylesheet"|link rel="modulepreload")[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);

    const redirect = await fetch(admin.server.url + 'admin', { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/admin/');

    const script = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await fetch(new URL(script, admin.server.url), { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect((await asset.text()).length).toBeGreaterThan(1000);
    expect((await fetch(admin.server.url + 'admin/assets/nope-123.js')).status).toBe(404);
  });

  it('loads its first screens under its policy with no console error and no policy violation', async () => {
    const { context, page, problems } = await watchedPage();
    try {
      await page.goto(admin.server.url + 'admin/');
      await page.waitForURL(/\/admin\/sign-in/);
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      await page.getByLabel('Adresse e-mail').waitFor();
      await page.goto(admin.server.url + 'admin/setup#not-a-real-token');
      await page.getByRole('heading', { level: 1, name: 'Créer le premier administrateur' }).waitFor();
      // An unknown token: the API's sentence, not a crash.
      await page.getByRole('alert').waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('speaks English to a browser that asks for it', async () => {
    const { context, page } = await watchedPage({ locale: 'en-GB' });
    try {
      await page.goto(admin.server.url + 'admin/sign-in');
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    } finally {
      await context.close();
    }
  });

  it('has no accessibility violations (axe-core) on the sign-in and setup screens, light and dark, wide and narrow', async () => {
    const failures: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1280, 360]) {
        const { context, page } = await watchedPage({ colorScheme, width });
        try {
          for (const [url, heading] of [
            ['admin/sign-in', 'Connexion'],
            ['admin/setup#whatever', 'Créer le premier administrateur'],
          ] as const) {
            await page.goto(admin.server.url + url);
            await page.getByRole('heading', { level: 1, name: heading }).waitFor();
            await page.waitForLoadState('networkidle');
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

  it('keeps its first load within 250 KB of compressed JavaScript, the editor loaded apart', async () => {
    const measured = measureAdminInitialJs();
    expect(measured.gzip).toBeLessThanOrEqual(250 * 1024);
    expect(measured.files.some((f) => /EditorScreen/.test(f.file))).toBe(false);

    // What the browser really fetched for the first screen matches the measure.
    const { context, page } = await watchedPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    try {
      await page.goto(admin.server.url + 'admin/sign-in');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const measuredNames = measured.files.map((f) => '/admin/' + f.file);
      expect(scripts.filter((s) => !measuredNames.includes(s))).toEqual([]);
    } finally {
      await context.close();
    }
    console.info(`Admin first load: ${(measured.gzip / 1024).toFixed(1)} KB of gzip JavaScript in ${measured.files.length} file(s)`);
  }, 60_000);
});

/** Signs in through the sign-in screen as a person would: password, then the code of their app. */
async function signInThroughTheScreen(page: Page, staff: Staff): Promise<void> {
  await page.goto(admin.server.url + 'admin/');
  await page.getByLabel('Adresse e-mail').fill(staff.email);
  await page.getByLabel('Mot de passe').fill(staff.password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await page.getByLabel('Code de vérification').fill((await currentCode(staff.email))!);
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
}

describe('the admin app, signed in', () => {
  let administrator: Staff;
  beforeAll(async () => {
    administrator = await createStaff(admin.server.kiosque, { role: 'administrator', name: 'Claire Delmas' });
  });

  it('signs in with a password and a TOTP code, then opens every screen under its policy without an error', async () => {
    const { context, page, problems } = await watchedPage();
    try {
      await signInThroughTheScreen(page, administrator);
      const screens: [string, string][] = [
        ['Articles', 'Articles'],
        ['Pages', 'Pages'],
        ['Médias', 'Médiathèque'],
        ['Catégories', 'Catégories'],
        ['Étiquettes', 'Étiquettes'],
        ['Redirections', 'Redirections'],
        ['Équipe', 'Équipe'],
        ['Jetons d’API', 'Jetons d’API'],
        ['Réglages', 'Réglages'],
        ['Journal d’audit', 'Journal d’audit'],
        ['Mon compte (Claire Delmas)', 'Mon compte'],
        ['Tableau de bord', 'Tableau de bord'],
      ];
      for (const [link, heading] of screens) {
        await page.getByRole('link', { name: link, exact: true }).click();
        const title = page.getByRole('heading', { level: 1, name: heading });
        await title.waitFor();
        // Moving to a screen moves the focus to its title, as a page load would for a screen reader.
        await expect.poll(() => title.evaluate((element) => element === document.activeElement)).toBe(true);
      }
      await page.getByRole('link', { name: 'Nouvel article' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nouvel article' }).waitFor();
      await page.getByRole('textbox', { name: 'Texte de l’article' }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('has no accessibility violations (axe-core) on the main signed-in screens, light and dark', async () => {
    const failures: string[] = [];
    // A rule in the redirects list, so that its table is checked too.
    const rule = await fetch(admin.server.url + 'api/admin/v1/redirects', {
      method: 'POST',
      headers: { authorization: `Bearer ${administrator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ from: '/ancien-guide/', to: '/guide-seo/', status: 301, note: 'Refonte' }),
    });
    expect(rule.status).toBe(201);
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context, page } = await watchedPage({ colorScheme });
      try {
        await signInThroughTheScreen(page, administrator);
        for (const [url, heading] of [
          ['admin/', 'Tableau de bord'],
          ['admin/posts', 'Articles'],
          ['admin/posts/new', 'Nouvel article'],
          ['admin/media', 'Médiathèque'],
          ['admin/redirects', 'Redirections'],
          ['admin/account', 'Mon compte'],
        ] as const) {
          await page.goto(admin.server.url + url);
          await page.getByRole('heading', { level: 1, name: heading }).waitFor();
          await page.waitForLoadState('networkidle');
          const violations = await axeViolations(page);
          if (violations.length > 0) failures.push(`${url} (${colorScheme}):\n${describeViolations(violations)}`);
        }
      } finally {
        await context.close();
      }
    }
    expect(failures.join('\n\n')).toBe('');
  }, 180_000);

  it('fits every screen in a 320 px wide window: only a table scrolls sideways, inside its own box', async () => {
    const call = (method: string, apiPath: string, body: unknown) =>
      fetch(`${admin.server.url}api/admin/v1${apiPath}`, { method, headers: { authorization: `Bearer ${administrator.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const posts: Record<string, number> = {};
    for (const [status, extra] of [['draft', {}], ['scheduled', { publishedAt: tomorrow }], ['published', {}]] as const) {
      const created = await call('POST', '/posts', { title: `Les commerçants du centre-ville face aux plateformes (${status})`, markdown: 'Un texte.', status, ...extra });
      expect(created.status).toBe(201);
      posts[status] = ((await created.json()) as { id: number }).id;
    }
    expect((await call('POST', '/categories', { name: 'Commerce de proximité' })).status).toBe(201);
    expect((await call('POST', '/redirects', { from: '/guide-du-commerce-en-ligne/', to: '/guides/commerce-en-ligne/', status: 301, note: 'Refonte' })).status).toBe(201);

    const { context, page, problems } = await watchedPage({ width: 320 });
    const failures: string[] = [];
    try {
      await signInThroughTheScreen(page, administrator);
      for (const [url, heading] of [
        ['admin/', 'Tableau de bord'],
        ['admin/posts', 'Articles'],
        ['admin/posts/new', 'Nouvel article'],
        [`admin/posts/${posts.draft}`, 'Modifier l’article'],
        [`admin/posts/${posts.scheduled}`, 'Modifier l’article'],
        ['admin/pages', 'Pages'],
        ['admin/media', 'Médiathèque'],
        ['admin/categories', 'Catégories'],
        ['admin/tags', 'Étiquettes'],
        ['admin/redirects', 'Redirections'],
        ['admin/settings', 'Réglages'],
        ['admin/users', 'Équipe'],
        ['admin/tokens', 'Jetons d’API'],
        ['admin/audit', 'Journal d’audit'],
        ['admin/account', 'Mon compte'],
      ] as const) {
        await page.goto(admin.server.url + url);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.waitForLoadState('networkidle');
        const measure = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          // A table wider than the window must sit in a box that scrolls and fits the window.
          tables: Array.from(document.querySelectorAll('table'))
            .filter((table) => table.getBoundingClientRect().width > window.innerWidth)
            .map((table) => {
              const box = table.parentElement!;
              return { scrolls: getComputedStyle(box).overflowX === 'auto' || getComputedStyle(box).overflowX === 'scroll', right: box.getBoundingClientRect().right };
            }),
        }));
        if (measure.scrollWidth > measure.innerWidth) failures.push(`${url}: the page is ${measure.scrollWidth} px wide`);
        for (const table of measure.tables) {
          if (!table.scrolls || table.right > measure.innerWidth) failures.push(`${url}: a table is wider than the window and its box does not scroll within it`);
        }
      }
      expect(failures.join('\n')).toBe('');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('names each dashboard table by its section’s heading, shown once', async () => {
    const draft = await fetch(`${admin.server.url}api/admin/v1/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${administrator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Un brouillon pour le tableau de bord', markdown: 'Un texte.', status: 'draft' }),
    });
    expect(draft.status).toBe(201);
    const { context, page } = await watchedPage();
    try {
      await signInThroughTheScreen(page, administrator);
      const table = page.getByRole('table', { name: 'Brouillons', exact: true });
      await table.waitFor();
      const section = page.getByRole('region', { name: 'Brouillons', exact: true });
      expect((await section.innerText()).split('Brouillons').length - 1).toBe(1);
      expect(describeViolations(await axeViolations(page))).toBe('');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('counts the posts of a list in words, one or several, in French and in English', async () => {
    const writer = await createStaff(admin.server.kiosque, { role: 'author' });
    const write = async (title: string) => {
      const created = await fetch(`${admin.server.url}api/admin/v1/posts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${writer.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title, markdown: 'Un texte.', status: 'draft' }),
      });
      expect(created.status).toBe(201);
    };
    const session = await signIn(admin.server.app, administrator);
    const [name = '', value = ''] = session.cookie.split('=');
    const counts: string[] = [];
    await write('Le premier article de la pigiste');
    for (const title of [null, 'Le second article de la pigiste']) {
      if (title) await write(title);
      for (const locale of ['fr-FR', 'en-GB']) {
        const { context, page } = await watchedPage({ locale });
        try {
          await context.addCookies([{ name, value, url: admin.server.url }]);
          await page.goto(`${admin.server.url}admin/posts?author=${writer.authorId}`);
          await page.getByRole('table').waitFor();
          counts.push((await page.locator('main p[role="status"]').textContent())!);
        } finally {
          await context.close();
        }
      }
    }
    expect(counts).toEqual(['1 résultat', '1 result', '2 résultats', '2 results']);
  }, 60_000);

  it('leaves room between a footer link’s remove button and what follows it in the settings', async () => {
    const { context, page } = await watchedPage();
    try {
      await signInThroughTheScreen(page, administrator);
      await page.goto(admin.server.url + 'admin/settings');
      await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
      const add = page.getByRole('button', { name: 'Ajouter un lien' });
      await add.click();
      await add.click();
      const bottomOf = async (name: string) => (await page.getByRole('button', { name }).boundingBox())!;
      const first = await bottomOf('Retirer le lien 1');
      const nextLabel = (await page.getByText('Texte du lien 2', { exact: true }).boundingBox())!;
      const second = await bottomOf('Retirer le lien 2');
      const addBox = (await add.boundingBox())!;
      expect(nextLabel.y - (first.y + first.height)).toBeGreaterThanOrEqual(16);
      expect(addBox.y - (second.y + second.height)).toBeGreaterThanOrEqual(16);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('manages redirects: adds a rule the site answers, shows every bad line of a refused CSV file, checks a good one', async () => {
    const { context, page, problems } = await watchedPage();
    try {
      await signInThroughTheScreen(page, administrator);
      await page.getByRole('link', { name: 'Redirections', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Redirections' }).waitFor();
      const form = page.getByRole('form', { name: 'Nouvelle redirection' });
      await form.getByLabel('Adresse d’origine').fill('/soldes-hiver/');
      await form.getByLabel('Réponse').selectOption('302');
      await form.getByLabel('Cible', { exact: true }).fill('/soldes/');
      await form.getByRole('button', { name: 'Ajouter' }).click();
      await page.getByRole('cell', { name: '/soldes-hiver/', exact: true }).waitFor();
      const answered = await fetch(admin.server.url + 'soldes-hiver/', { redirect: 'manual' });
      expect([answered.status, answered.headers.get('location')]).toEqual([302, '/soldes/']);

      // A rule to itself is refused beside its field.
      await form.getByLabel('Adresse d’origine').fill('/boucle/');
      await form.getByLabel('Cible', { exact: true }).fill('/boucle/');
      await form.getByRole('button', { name: 'Ajouter' }).click();
      await form.getByText('est l’adresse d’origine elle-même').waitFor();

      const file = page.getByLabel('Fichier CSV', { exact: true });
      await file.setInputFiles({ name: 'redirections.csv', mimeType: 'text/csv', buffer: Buffer.from('/a-csv/,/b-csv/,301\n/c-csv/,/d-csv/,307\nsans-barre,/e-csv/,301\n') });
      await page.getByRole('button', { name: 'Importer', exact: true }).click();
      await page.getByText('Import annulé, rien n’a été modifié\u00a0: 2 ligne(s) invalide(s).').waitFor();
      await page.getByText(/^ligne 2\u00a0: status /).waitFor();
      await page.getByText(/^ligne 3\u00a0: from /).waitFor();

      await file.setInputFiles({ name: 'redirections.csv', mimeType: 'text/csv', buffer: Buffer.from('from,to,status\n/a-csv/,/b-csv/,301\n') });
      await page.getByLabel('Vérifier seulement, sans rien enregistrer').check();
      await page.getByRole('button', { name: 'Importer', exact: true }).click();
      await page.getByText('Fichier valide\u202f: 1 à créer, 0 à mettre à jour, 0 ignorée(s). Rien n’a été enregistré.').waitFor();
      expect(await page.getByRole('cell', { name: '/a-csv/', exact: true }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href')).toBe('/api/admin/v1/redirects/export');
      // The browser logs the refused import's 400 like any API refusal; nothing else may appear.
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
