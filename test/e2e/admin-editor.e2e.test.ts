/// <reference lib="dom" />
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema.ts';
import { createStaff, signIn, type Staff } from '../support/accounts.ts';
import { adminInBrowser } from '../support/admin-browser.ts';
import { axeViolations, describeViolations } from '../support/browser.ts';

/**
 * The writing screens in Chromium, on a real server: deleting posts, the featured image, leaving
 * the editor with changes not saved yet, the address a post really got.
 */

const admin = adminInBrowser('admin-editor-e2e');

interface Tab {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and policy violations. */
  problems: string[];
}

/** A tab signed in as a new staff member of the role (the session cookie set as a sign-in sets it). */
async function signedInTab(role: Role): Promise<Tab & { staff: Staff }> {
  const staff = await createStaff(admin.server.kiosque, { role });
  const session = await signIn(admin.server.app, staff);
  const context = await admin.browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const [name = '', value = ''] = session.cookie.split('=');
  await context.addCookies([{ name, value, url: admin.server.url }]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  return { context, page, problems, staff };
}

/** Calls the Admin API as the staff member. */
async function callApi<T>(staff: Staff, method: string, apiPath: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${admin.server.url}api/admin/v1${apiPath}`, {
    method,
    headers: { authorization: `Bearer ${staff.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function createPost(staff: Staff, fields: Record<string, unknown>): Promise<{ id: number; slug: string; url: string }> {
  const created = await callApi<{ id: number; slug: string; url: string }>(staff, 'POST', '/posts', { markdown: 'Un texte.', status: 'draft', ...fields });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function openScreen(page: Page, address: string, heading: string): Promise<void> {
  await page.goto(admin.server.url + address);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

describe('deleting a post from the admin', () => {
  it('deletes from the list after a confirmation, with the button only on the rows the person may delete', async () => {
    const editor = await createStaff(admin.server.kiosque, { role: 'editor' });
    const { context, page, problems, staff: author } = await signedInTab('author');
    try {
      const mine = await createPost(author, { title: 'Mon brouillon à jeter' });
      await createPost(editor, { title: 'L’article d’une autre plume' });
      await openScreen(page, 'admin/posts', 'Articles');
      const deleteMine = page.getByRole('button', { name: 'Supprimer «\u202fMon brouillon à jeter\u202f»' });
      await deleteMine.waitFor();
      expect(await page.getByRole('button', { name: 'Supprimer «\u202fL’article d’une autre plume\u202f»' }).count()).toBe(0);
      expect(describeViolations(await axeViolations(page))).toBe('');

      // Cancelling the confirmation keeps the post.
      page.once('dialog', (dialog) => void dialog.dismiss());
      await deleteMine.click();
      expect((await callApi(author, 'GET', `/posts/${mine.id}`)).status).toBe(200);

      page.once('dialog', (dialog) => {
        expect(dialog.message()).toContain('Mon brouillon à jeter');
        void dialog.accept();
      });
      await deleteMine.click();
      await page.getByRole('link', { name: 'L’article d’une autre plume' }).waitFor();
      await expect.poll(() => page.getByRole('link', { name: 'Mon brouillon à jeter' }).count()).toBe(0);
      expect((await callApi(author, 'GET', `/posts/${mine.id}`)).status).toBe(404);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('deletes a published post from its editor: back to the list, and its address answers 410 Gone', async () => {
    const { context, page, problems, staff } = await signedInTab('editor');
    try {
      const post = await createPost(staff, { title: 'Une brève périmée', status: 'published' });
      expect((await fetch(new URL(post.url, admin.server.url))).status).toBe(200);
      await openScreen(page, `admin/posts/${post.id}`, 'Modifier l’article');
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Supprimer «\u202fUne brève périmée\u202f»' }).click();
      await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
      expect((await fetch(new URL(post.url, admin.server.url))).status).toBe(410);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('shows no delete button to a contributor on their published post, which the policy keeps', async () => {
    const administrator = await createStaff(admin.server.kiosque, { role: 'administrator' });
    const { context, page, staff } = await signedInTab('contributor');
    try {
      const draft = await createPost(staff, { title: 'Brouillon de pigiste' });
      await callApi(administrator, 'POST', `/posts/${draft.id}/publish`, {});
      await openScreen(page, `admin/posts/${draft.id}`, 'Modifier l’article');
      await page.getByText('Publié', { exact: true }).first().waitFor();
      expect(await page.getByRole('button', { name: /^Supprimer/ }).count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe('leaving the editor with changes not saved yet', () => {
  it('saves a new draft at once when the writer moves to another screen within the autosave delay', async () => {
    const { context, page, problems, staff } = await signedInTab('author');
    try {
      await openScreen(page, 'admin/posts/new', 'Nouvel article');
      await page.getByLabel('Titre', { exact: true }).fill('Une idée notée en vitesse');
      await page.getByRole('link', { name: 'Articles', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
      // The list was read after the save: the draft is there without reloading.
      await page.getByRole('link', { name: 'Une idée notée en vitesse' }).waitFor({ timeout: 5_000 });
      const { body } = await callApi<{ posts: { title: string; status: string }[] }>(staff, 'GET', `/posts?author=${staff.authorId}`);
      expect(body.posts.map((post) => [post.title, post.status])).toEqual([['Une idée notée en vitesse', 'draft']]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('asks before leaving a published post with unsaved changes, by a link or by Back, and keeps them if the writer stays', async () => {
    const { context, page, problems, staff } = await signedInTab('editor');
    try {
      const post = await createPost(staff, { title: 'Le bilan du premier trimestre', status: 'published' });
      await openScreen(page, 'admin/posts', 'Articles');
      await page.getByRole('link', { name: 'Le bilan du premier trimestre' }).click();
      await page.getByRole('heading', { level: 1, name: 'Modifier l’article' }).waitFor();
      const title = page.getByLabel('Titre', { exact: true });
      await title.fill('Le bilan du premier trimestre 2025');

      const asked: string[] = [];
      page.on('dialog', (dialog) => {
        asked.push(dialog.message());
        void (asked.length < 3 ? dialog.dismiss() : dialog.accept());
      });
      await page.getByRole('link', { name: 'Tableau de bord', exact: true }).click();
      await expect.poll(() => asked.length).toBe(1);
      expect(asked[0]).toContain('ne sont pas enregistrées');
      await page.evaluate(() => window.history.back());
      await expect.poll(() => asked.length).toBe(2);
      // The dialog is seen before the person answers it: the address comes back once they have.
      await expect.poll(() => new URL(page.url()).pathname).toBe(`/admin/posts/${post.id}`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Modifier l’article');
      expect(await title.inputValue()).toBe('Le bilan du premier trimestre 2025');

      // Leaving after all: the readers' copy is unchanged.
      await page.getByRole('link', { name: 'Tableau de bord', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
      expect(asked).toHaveLength(3);
      expect((await callApi<{ title: string }>(staff, 'GET', `/posts/${post.id}`)).body.title).toBe('Le bilan du premier trimestre');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('leaves a published post without asking once its changes are saved', async () => {
    const { context, page, staff } = await signedInTab('editor');
    try {
      const post = await createPost(staff, { title: 'Les chiffres de la rentrée', status: 'published' });
      await openScreen(page, `admin/posts/${post.id}`, 'Modifier l’article');
      await page.getByLabel('Titre', { exact: true }).fill('Les chiffres de la rentrée 2025');
      await page.getByRole('button', { name: 'Mettre à jour' }).click();
      await expect.poll(() => page.getByTestId('save-status').textContent()).toMatch(/Enregistré à/);
      let asked = false;
      page.on('dialog', (dialog) => {
        asked = true;
        void dialog.dismiss();
      });
      await page.getByRole('link', { name: 'Tableau de bord', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
      expect(asked).toBe(false);
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe('the address a post gets', () => {
  const slugField = (page: Page) => page.getByLabel('Identifiant d’URL (slug)', { exact: true });
  const saved = (page: Page) => expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 }).toMatch(/Enregistré à/);

  it('shows the slug the server kept after a save, and says why it differs from the one typed', async () => {
    const { context, page, problems, staff } = await signedInTab('editor');
    try {
      await createPost(staff, { title: 'Incendie OVH Strasbourg', slug: 'incendie-ovh-strasbourg', status: 'published' });
      await openScreen(page, 'admin/posts/new', 'Nouvel article');
      await page.getByLabel('Titre', { exact: true }).fill('L’incendie chez OVH, un an après');
      await slugField(page).fill('incendie-ovh-strasbourg');
      await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
      await expect.poll(() => slugField(page).inputValue()).toBe('incendie-ovh-strasbourg-2');
      await page.getByText('« incendie-ovh-strasbourg » est déjà pris').waitFor();
      expect(await page.locator('.serp-url').textContent()).toMatch(/\/incendie-ovh-strasbourg-2\/$/);

      await slugField(page).fill('Été à Paris !!');
      await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
      await expect.poll(() => slugField(page).inputValue()).toBe('ete-a-paris');
      await page.getByText('« Été à Paris !! » a été simplifié').waitFor();
      expect(await page.locator('.serp-url').textContent()).toMatch(/\/ete-a-paris\/$/);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('lets a draft’s slug follow its title, after a save without a title and after a reload, until the writer types one', async () => {
    const { context, page, problems, staff } = await signedInTab('author');
    try {
      await openScreen(page, 'admin/posts/new', 'Nouvel article');
      await page.getByRole('textbox', { name: 'Texte de l’article' }).click();
      await page.keyboard.type('Les premiers mots, avant le titre.');
      await saved(page);
      await page.waitForURL(/\/admin\/posts\/\d+$/);
      const id = Number(new URL(page.url()).pathname.split('/').pop());
      expect(await slugField(page).inputValue()).toMatch(/^article(-\d+)?$/);

      await page.getByLabel('Titre', { exact: true }).fill('La monétique en 2021');
      await saved(page);
      await expect.poll(() => slugField(page).inputValue()).toBe('la-monetique-en-2021');

      // Opened again, the draft still follows its title.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Modifier l’article' }).waitFor();
      await page.getByLabel('Titre', { exact: true }).fill('La monétique en 2022');
      await saved(page);
      await expect.poll(() => slugField(page).inputValue()).toBe('la-monetique-en-2022');
      expect((await callApi<{ slug: string }>(staff, 'GET', `/posts/${id}`)).body.slug).toBe('la-monetique-en-2022');

      // A slug typed by hand stays.
      await slugField(page).fill('monetique');
      await saved(page);
      await page.getByLabel('Titre', { exact: true }).fill('La monétique en 2023');
      await saved(page);
      expect(await slugField(page).inputValue()).toBe('monetique');
      expect((await callApi<{ slug: string }>(staff, 'GET', `/posts/${id}`)).body.slug).toBe('monetique');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});

describe('the featured image', () => {
  it('uploads one with its required alternative text, picks another in the library, and removes it', async () => {
    const { context, page, problems, staff } = await signedInTab('editor');
    try {
      const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#2f7d5b' } }).jpeg().toBuffer();
      const form = new FormData();
      form.append('alt', 'Le marché couvert de Lille');
      form.append('caption', 'Photo : la rédaction');
      form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'marche.jpg');
      const library = await fetch(`${admin.server.url}api/admin/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${staff.token}` }, body: form });
      expect(library.status).toBe(201);
      const inLibrary = (await library.json()) as { url: string };

      const post = await createPost(staff, { title: 'Les halles rouvrent', status: 'published' });
      await openScreen(page, `admin/posts/${post.id}`, 'Modifier l’article');
      const panel = page.locator('.featured-image-panel');
      const update = async () => {
        await page.getByRole('button', { name: 'Mettre à jour' }).click();
        await expect.poll(() => page.getByTestId('save-status').textContent()).toMatch(/Enregistré à/);
      };
      const imageOf = async () => (await callApi<{ image: unknown }>(staff, 'GET', `/posts/${post.id}`)).body.image;

      // Uploaded: the description is asked for, and required.
      const chooser = page.waitForEvent('filechooser');
      await panel.getByRole('button', { name: 'Envoyer une image' }).click();
      await (await chooser).setFiles({ name: 'halles.jpg', mimeType: 'image/jpeg', buffer: photo });
      const dialog = page.getByRole('dialog', { name: 'Image à la une' });
      await dialog.getByRole('button', { name: 'Valider' }).click();
      await expect(dialog.getByRole('alert').textContent()).resolves.toBe('Ce champ est obligatoire.');
      await dialog.getByLabel('Texte alternatif').fill('Les halles un matin de marché');
      await dialog.getByLabel('Légende (facultative)').fill('Les halles de Wazemmes');
      await dialog.getByRole('button', { name: 'Valider' }).click();
      await panel.getByRole('img', { name: 'Les halles un matin de marché' }).waitFor();
      expect(describeViolations(await axeViolations(page))).toBe('');
      await update();
      expect(await imageOf()).toMatchObject({ alt: 'Les halles un matin de marché', caption: 'Les halles de Wazemmes', url: expect.stringMatching(/^\/media\//) });

      // Chosen in the library: its own description comes with it.
      await panel.getByRole('button', { name: 'Choisir dans la médiathèque' }).click();
      await page.getByRole('button', { name: 'Choisir «\u202fLe marché couvert de Lille\u202f»' }).click();
      await expect(dialog.getByLabel('Texte alternatif').inputValue()).resolves.toBe('Le marché couvert de Lille');
      await dialog.getByRole('button', { name: 'Valider' }).click();
      await update();
      expect(await imageOf()).toEqual({ url: inLibrary.url, alt: 'Le marché couvert de Lille', caption: 'Photo : la rédaction' });
      const article = await (await fetch(new URL(post.url, admin.server.url))).text();
      expect(article).toMatch(/<meta property="og:image" content="[^"]*\/media\//);

      await panel.getByRole('button', { name: 'Retirer l’image' }).click();
      await update();
      expect(await imageOf()).toBeNull();
      // The site's logo stands in for it again.
      expect(await (await fetch(new URL(post.url, admin.server.url))).text()).not.toMatch(/<meta property="og:image" content="[^"]*\/media\//);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});

describe('the publish panel', () => {
  it('keeps the date, the time and the scheduling button inside the schedule box, wide and narrow', async () => {
    const { context, page, problems, staff } = await signedInTab('editor');
    try {
      const draft = await createPost(staff, { title: 'Un brouillon à programmer' });
      const scheduled = await createPost(staff, { title: 'Un article programmé', status: 'scheduled', publishedAt: new Date(Date.now() + 86_400_000).toISOString() });
      const failures: string[] = [];
      for (const width of [1280, 1024, 900, 320]) {
        await page.setViewportSize({ width, height: 1000 });
        for (const [post, button] of [[draft, 'Programmer'], [scheduled, 'Changer la date']] as const) {
          await openScreen(page, `admin/posts/${post.id}`, 'Modifier l’article');
          const box = page.getByRole('group', { name: /^Publier à une date/ });
          const inner = await box.evaluate((fieldset) => {
            const outer = fieldset.getBoundingClientRect();
            return { left: outer.left + fieldset.clientLeft, right: outer.left + fieldset.clientLeft + fieldset.clientWidth };
          });
          for (const [what, control] of [
            ['Date', box.getByLabel('Date', { exact: true })],
            ['Heure', box.getByLabel('Heure', { exact: true })],
            [button, box.getByRole('button', { name: button, exact: true })],
          ] as const) {
            const { x, width: controlWidth } = (await control.boundingBox())!;
            if (x < inner.left - 0.5 || x + controlWidth > inner.right + 0.5) {
              failures.push(`${width} px, ${button}: « ${what} » spans ${Math.round(x)}–${Math.round(x + controlWidth)}, the box ${Math.round(inner.left)}–${Math.round(inner.right)}`);
            }
          }
        }
      }
      expect(failures.join('\n')).toBe('');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
