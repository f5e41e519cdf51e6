/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_DIST } from '../../scripts/admin-initial-js.mjs';
import { loadConfig } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { launchChromium } from '../support/browser.ts';

/**
 * A newsroom's first day, in Chromium, on a real server started on an empty data directory:
 * the first administrator sets up their account from the one-time link (password and TOTP, or a
 * passkey), writes an article with the editor and schedules it, and readers see it at its time.
 * The browser talks to http://localhost: a passkey needs a host name, not an address.
 */

let browser: Browser;
const servers: { server: RunningServer; dataDir: string }[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(ADMIN_DIST, 'index.html'))) throw new Error('dist/admin/ is missing: run `node scripts/build.mjs` first.');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const { server, dataDir } of servers) {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/** A new installation: its address (at localhost) and its one-time set-up link. */
async function newInstallation(): Promise<{ server: RunningServer; origin: string; setupUrl: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-admin-journey-'));
  const server = await startServer(loadConfig({ port: '0', 'data-dir': dataDir }, { KIOSQUE_LOG_LEVEL: 'warn', KIOSQUE_DEMO: 'false' }));
  servers.push({ server, dataDir });
  const origin = `http://localhost:${new URL(server.url).port}`;
  const token = server.firstStart?.setupToken;
  expect(token, 'an empty installation has a set-up link').toBeTruthy();
  return { server, origin, setupUrl: `${origin}/admin/setup#${token}` };
}

/** A tab whose uncaught errors and policy violations fail the test. */
async function newTab(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  return { context, page, problems };
}

async function fillSetupForm(page: Page, setupUrl: string): Promise<void> {
  await page.goto(setupUrl);
  await page.getByRole('heading', { level: 1, name: 'Créer le premier administrateur' }).waitFor();
  await page.getByLabel('Nom').fill('Claire Delmas');
  await page.getByLabel('Adresse e-mail').fill('claire@redaction.test');
  await page.getByLabel('Mot de passe').fill('une phrase de passe assez longue');
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sécuriser votre compte' }).waitFor();
}

async function expectTenRecoveryCodes(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Votre compte est sécurisé' }).waitFor();
  const codes = await page.locator('.recovery-codes li code').allTextContents();
  expect(codes).toHaveLength(10);
  expect(new Set(codes).size).toBe(10);
  await page.getByRole('button', { name: 'Continuer vers l’administration' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
}

/** The set-up with a password, then an authenticator app whose code the test computes from the secret shown. */
async function setUpWithTotp(page: Page, setupUrl: string): Promise<void> {
  await fillSetupForm(page, setupUrl);
  const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
  // The code to scan is drawn, named for screen readers, and large enough for a phone's camera.
  const qr = page.getByRole('img', { name: 'Code QR à scanner avec l’application d’authentification' });
  expect((await qr.boundingBox())!.width).toBeGreaterThanOrEqual(150);
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  expect(await page.getByTestId('otpauth-url').textContent()).toContain(`secret=${secret}`);
  await page.getByLabel('Code affiché par l’application').fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Confirmer' }).click();
  await expectTenRecoveryCodes(page);
}

/** The next whole minute at least 20 seconds away, as a writer types it on the Paris clock. */
function parisMinuteAhead(): { date: string; time: string; at: Date } {
  const at = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, at };
}

describe('the first administrator', () => {
  it('sets up the account with a password and TOTP, writes an article with a table, an image, a pull-quote and a video, schedules it, and readers see it at its time', async () => {
    const { origin, setupUrl } = await newInstallation();
    const { context, page, problems } = await newTab();
    try {
      await setUpWithTotp(page, setupUrl);

      await page.getByRole('link', { name: 'Nouvel article' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nouvel article' }).waitFor();
      const title = 'Le e-commerce de proximité en chiffres';
      await page.getByLabel('Titre', { exact: true }).fill(title);
      const text = page.getByRole('textbox', { name: 'Texte de l’article' });
      await text.click();
      await page.keyboard.type('Les boutiques de quartier vendent aussi en ligne.');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Le local est un argument de vente.');
      await page.getByRole('button', { name: 'Exergue' }).click();
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');

      // A table: the header row, then a row of figures.
      await page.getByRole('button', { name: 'Insérer un tableau' }).click();
      await page.keyboard.type('Canal');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Part');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Retrait en magasin');
      await page.keyboard.press('Tab');
      await page.keyboard.type('42,5 %');

      // An image, uploaded to the library, with its mandatory alternative text.
      const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#2f7d5b' } }).jpeg().toBuffer();
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Insérer une image' }).click();
      await (await chooser).setFiles({ name: 'vitrine.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByLabel('Texte alternatif').fill('La vitrine d’une épicerie de quartier');
      await page.getByRole('button', { name: 'Valider' }).click();

      await page.getByRole('button', { name: 'Insérer une vidéo' }).click();
      await page.getByLabel('Adresse YouTube, Vimeo ou Dailymotion').fill('https://www.youtube.com/watch?v=Pz7lK0mQ2aE');
      await page.getByLabel('Titre de la vidéo (recommandé)').fill('Reportage dans une épicerie');
      await page.getByRole('button', { name: 'Valider' }).click();

      // The draft is saved on its own, and gets its address.
      await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 15_000 }).toMatch(/Enregistré à/);
      await page.waitForURL(/\/admin\/posts\/\d+$/);

      await page.getByRole('button', { name: 'Markdown' }).click();
      const markdown = await page.getByRole('textbox', { name: 'Texte de l’article en Markdown' }).inputValue();
      expect(markdown).toContain(':::pullquote');
      expect(markdown).toMatch(/\| *Retrait en magasin *\| *42,5 % *\|/);
      expect(markdown).toMatch(/!\[La vitrine d’une épicerie de quartier\]\(\/media\//);
      expect(markdown).toContain('::video{');
      await page.getByRole('button', { name: 'Markdown' }).click();

      // The preview is the public page, in a frame that runs no script, under the admin's policy.
      await page.getByRole('button', { name: 'Aperçu' }).click();
      const preview = page.frameLocator('dialog.preview iframe');
      expect(await preview.locator('h1').textContent()).toContain('e-commerce de proximité');
      await preview.locator('article table').getByText('42,5').waitFor();
      await preview.frameLocator('figure.video-embed iframe').locator('a').waitFor();
      await page.getByRole('button', { name: 'Fermer l’aperçu' }).click();

      const when = parisMinuteAhead();
      await page.getByLabel('Date', { exact: true }).fill(when.date);
      await page.getByLabel('Heure', { exact: true }).fill(when.time);
      await page.getByRole('button', { name: 'Programmer' }).click();
      await page.locator('.publish-panel .badge-scheduled').waitFor();
      const url = (await page.getByRole('link', { name: 'Voir sur le site' }).getAttribute('href'))!;
      const publicUrl = new URL(url, origin).toString();
      expect((await fetch(publicUrl)).status, 'not before its time').toBe(404);
      expect(problems).toEqual([]);

      // At its time the article is on the site, with everything the writer put in.
      await expect.poll(async () => (await fetch(publicUrl)).status, { timeout: 150_000, interval: 2_000 }).toBe(200);
      const reader = await browser.newPage();
      try {
        await reader.goto(publicUrl);
        expect(await reader.locator('h1').textContent()).toContain('e-commerce de proximité');
        await reader.locator('article table').getByText('42,5').waitFor();
        expect(await reader.locator('article img[alt="La vitrine d’une épicerie de quartier"]').count()).toBe(1);
        expect(await reader.locator('article .pullquote, article aside, article blockquote').filter({ hasText: 'Le local est un argument de vente.' }).count()).toBeGreaterThan(0);
        expect(await reader.locator('article figure.video-embed iframe').count()).toBe(1);
        await reader.goto(origin + '/');
        await reader.getByRole('link', { name: title }).first().waitFor();
      } finally {
        await reader.close();
      }
    } finally {
      await context.close();
    }
  }, 300_000);

  it('sets up the account with a passkey (Chromium’s virtual authenticator), then signs in with it alone', async () => {
    const { setupUrl, origin } = await newInstallation();
    const { context, page, problems } = await newTab();
    try {
      const cdp = await context.newCDPSession(page);
      await cdp.send('WebAuthn.enable', { enableUI: false });
      await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
      });
      await fillSetupForm(page, setupUrl);
      await page.getByRole('button', { name: 'Utiliser plutôt une clé d’accès' }).click();
      await page.getByLabel('Nom de la clé d’accès').fill('Ordinateur de la rédaction');
      await page.getByRole('button', { name: 'Créer une clé d’accès' }).click();
      await expectTenRecoveryCodes(page);

      await page.getByRole('link', { name: 'Mon compte (Claire Delmas)' }).click();
      await page.getByText('Ordinateur de la rédaction').waitFor();
      await page.getByRole('button', { name: 'Se déconnecter', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();

      await page.getByRole('button', { name: 'Se connecter avec une clé d’accès' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
      expect(new URL(page.url()).origin).toBe(origin);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('invites an author, who joins the newsroom from the link and finds their dashboard', async () => {
    const { setupUrl } = await newInstallation();
    const administrator = await newTab();
    const author = await newTab();
    try {
      await setUpWithTotp(administrator.page, setupUrl);
      await administrator.page.getByRole('link', { name: 'Équipe' }).click();
      await administrator.page.getByLabel('Adresse e-mail').fill('julien@redaction.test');
      await administrator.page.getByLabel('Rôle', { exact: true }).selectOption('author');
      await administrator.page.getByRole('button', { name: 'Créer l’invitation' }).click();
      const link = (await administrator.page.locator('.secret-value').textContent())!;
      expect(link).toMatch(/\/admin\/invite#/);
      await administrator.page.getByText('julien@redaction.test (Auteur)').waitFor();

      await author.page.goto(link);
      await author.page.getByText('avec l’adresse julien@redaction.test. Votre rôle : Auteur.').waitFor();
      await author.page.getByLabel('Nom').fill('Julien Marchetti');
      await author.page.getByLabel('Mot de passe').fill('une autre phrase de passe');
      await author.page.getByRole('button', { name: 'Créer mon compte' }).click();
      await author.page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
      // An author's navigation has no administration screens.
      expect(await author.page.getByRole('link', { name: 'Équipe' }).count()).toBe(0);
      await author.page.reload();
      await author.page.getByRole('link', { name: 'Mon compte (Julien Marchetti)' }).waitFor();

      await administrator.page.reload();
      await administrator.page.getByRole('cell', { name: 'Julien Marchetti', exact: true }).waitFor();
      expect([...administrator.problems, ...author.problems]).toEqual([]);
    } finally {
      await administrator.context.close();
      await author.context.close();
    }
  }, 120_000);
});
