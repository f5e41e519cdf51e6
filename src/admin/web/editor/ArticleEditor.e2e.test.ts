/// <reference types="node" />
/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, launchChromium } from '../../../../test/support/browser.ts';
import { renderMarkdown } from '../../../content/markdown/markdown.pipeline.ts';
import { splitFrontMatter } from './markdown.ts';

/** The editor component in Chromium, bundled alone with a stand-in for the media library. */

const here = path.dirname(fileURLToPath(import.meta.url));
const demo = splitFrontMatter(fs.readFileSync(path.resolve(here, '../../../../demo/posts/drives-chiffre-affaires-grande-distribution.md'), 'utf8')).body;

let browser: Browser;
let bundle: { js: string; css: string };
let page: Page;
let problems: string[];

beforeAll(async () => {
  const result = await build({
    entryPoints: [path.join(here, 'editor.harness.tsx')],
    bundle: true,
    write: false,
    outdir: path.join(here, 'harness-out'),
    format: 'iife',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const output = (extension: string) => result.outputFiles.find((file) => file.path.endsWith(extension))?.text ?? '';
  bundle = { js: output('.js'), css: output('.css') };
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/**
 * Opens the editor on a page whose styles obey the admin's Content-Security-Policy (no inline
 * style attribute, no style element without the nonce), recording errors and policy violations.
 * Inline scripts are allowed, for the page itself and for axe.
 */
async function openEditor(markdown: string): Promise<void> {
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  const nonce = 'editor-test';
  const initial = JSON.stringify(markdown).replace(/</g, '\\u003c');
  await page.setContent(
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Éditeur</title>' +
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'nonce-${nonce}'; img-src data: blob: 'self'">` +
      `<style nonce="${nonce}">${bundle.css}</style></head><body><div id="root"></div>` +
      `<script>window.initialMarkdown = ${initial};</script>` +
      `<script>${bundle.js.replace(/<\/script/g, '<\\/script')}</script></body></html>`,
  );
  await page.getByRole('textbox', { name: 'Texte de l’article' }).waitFor();
}

const markdown = () => page.evaluate(() => (window as unknown as { markdown: string }).markdown);
const button = (name: string) => page.getByRole('button', { name, exact: true });
const content = () => page.getByRole('textbox', { name: 'Texte de l’article' });

/** Clicks a toolbar button; the editor takes focus back on the next frame, before typing goes on. */
async function apply(name: string): Promise<void> {
  await button(name).click();
  await page.waitForFunction(() => document.activeElement?.classList.contains('ProseMirror'));
}

/** Whether the selection is a cursor with nothing of the article's text after it. */
const cursorAtEnd = () =>
  page.evaluate(() => {
    const editor = document.querySelector('.ProseMirror');
    const selection = window.getSelection();
    if (!editor || !selection?.focusNode || !selection.isCollapsed || !editor.contains(selection.focusNode)) return false;
    const after = document.createRange();
    after.selectNodeContents(editor);
    after.setStart(selection.focusNode, selection.focusOffset);
    return after.toString() === '';
  });

/**
 * Puts the cursor in a new empty paragraph at the end of the article. On a busy machine the editor
 * may take the click's focus after Control+End has gone by: the key is pressed again until the
 * cursor is at the end, as a writer would, before Enter.
 */
async function newParagraphAtEnd(): Promise<void> {
  await content().click();
  await page.waitForFunction(() => document.activeElement?.classList.contains('ProseMirror'));
  for (let attempt = 0; attempt < 10 && !(await cursorAtEnd()); attempt++) {
    await page.keyboard.press('Control+End');
  }
  expect(await cursorAtEnd()).toBe(true);
  await page.keyboard.press('Enter');
}

describe('the article editor in a browser', () => {
  beforeEach(async () => {
    await page?.close();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('shows a demo article with its table, figure and pull-quote, and gives it back unchanged', async () => {
    await openEditor(demo);
    await expect(page.locator('.ProseMirror table').count()).resolves.toBe(1);
    await expect(page.locator('.ProseMirror figure[data-figure] img').getAttribute('alt')).resolves.toMatch(/^Barres horizontales/);
    await expect(page.locator('.ProseMirror .pullquote').count()).resolves.toBe(1);
    await expect(page.locator('.ProseMirror .sources').count()).resolves.toBe(1);
    expect(await markdown()).toBe(demo);
    expect(describeViolations(await axeViolations(page))).toBe('');
  });

  it('applies bold and headings from the toolbar and says which are on', async () => {
    await openEditor('Premier paragraphe.');
    await newParagraphAtEnd();
    await page.keyboard.type('Un intertitre');
    await apply('Intertitre de niveau 2');
    await expect(button('Intertitre de niveau 2').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Du texte ');
    await apply('Gras');
    await page.keyboard.type('important');
    await expect(button('Gras').getAttribute('aria-pressed')).resolves.toBe('true');
    expect(await markdown()).toBe('Premier paragraphe.\n\n## Un intertitre\n\nDu texte **important**');
  });

  it('inserts a table and adds and removes its rows and columns', async () => {
    await openEditor('Avant le tableau.');
    await newParagraphAtEnd();
    await apply('Insérer un tableau');
    await page.keyboard.type('Enseigne');
    expect(await markdown()).toBe('Avant le tableau.\n\n| Enseigne | | |\n|---|---|---|\n| | | |\n| | | |');
    await apply('Ajouter une colonne');
    await page.keyboard.press('ArrowDown');
    await apply('Supprimer la ligne');
    expect(await markdown()).toBe('Avant le tableau.\n\n| Enseigne | | | |\n|---|---|---|---|\n| | | | |');
    await apply('Ajouter une ligne');
    await page.locator('.ProseMirror tr').nth(2).locator('td').nth(3).click();
    await apply('Supprimer la colonne');
    expect(await markdown()).toBe('Avant le tableau.\n\n| Enseigne | | |\n|---|---|---|\n| | | |\n| | | |');
  });

  it('asks for the alternative text of a pasted image before inserting it', async () => {
    await openEditor('Une photo :');
    await newParagraphAtEnd();
    await content().evaluate((element) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array([137, 80, 78, 71])], 'soldes.png', { type: 'image/png' }));
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const dialog = page.getByRole('dialog', { name: 'Insérer une image' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Valider' }).click();
    await expect(dialog.getByRole('alert').textContent()).resolves.toBe('Ce champ est obligatoire.');
    expect(describeViolations(await axeViolations(page))).toBe('');
    await dialog.getByLabel('Texte alternatif').fill('Des acheteurs dans les allées');
    await dialog.getByLabel('Légende (facultative)').fill('Les soldes à Lille');
    await dialog.getByRole('button', { name: 'Valider' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (window as unknown as { uploaded: string[] }).uploaded)).toEqual(['soldes.png']);
    expect(await markdown()).toBe('Une photo :\n\n![Des acheteurs dans les allées](/media/2024/soldes.png "Les soldes à Lille")');
  });

  it('takes a dropped image through the same upload and description', async () => {
    await openEditor('Premier paragraphe.\n\nSecond paragraphe.');
    const target = await page.locator('.ProseMirror p').first().boundingBox();
    if (!target) throw new Error('the first paragraph is not shown');
    await content().evaluate((element, point) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array([255, 216, 255])], 'drive.jpg', { type: 'image/jpeg' }));
      element.dispatchEvent(new DragEvent('drop', { dataTransfer: data, clientX: point.x, clientY: point.y, bubbles: true, cancelable: true }));
    }, { x: target.x + target.width - 2, y: target.y + target.height / 2 });
    const dialog = page.getByRole('dialog', { name: 'Insérer une image' });
    await dialog.getByLabel('Texte alternatif').fill('Un drive');
    await dialog.getByRole('button', { name: 'Valider' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await markdown()).toBe('Premier paragraphe.\n\n![Un drive](/media/2024/drive.jpg)\n\nSecond paragraphe.');
  });

  it('says why the library refused an image, in the library’s own sentence', async () => {
    await openEditor('Une photo :');
    await newParagraphAtEnd();
    await content().evaluate((element) => {
      const data = new DataTransfer();
      data.items.add(new File(['du texte'], 'fake.jpg', { type: 'image/jpeg' }));
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const status = page.locator('.editor-status');
    await expect.poll(() => status.textContent()).toBe('L’image n’a pas pu être envoyée. Ce fichier n’est pas une image acceptée par Kiosque (JPEG, PNG, GIF, WebP, AVIF ou SVG), quel que soit son nom.');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await markdown()).toBe('Une photo :');
  });

  it('embeds a video by its address and refuses an address of no known provider', async () => {
    await openEditor('Le reportage :');
    await newParagraphAtEnd();
    await button('Insérer une vidéo').click();
    const dialog = page.getByRole('dialog', { name: 'Insérer une vidéo' });
    await dialog.getByLabel('Adresse YouTube, Vimeo ou Dailymotion').fill('https://exemple.fr/video');
    await dialog.getByRole('button', { name: 'Valider' }).click();
    await expect(dialog.getByRole('alert').textContent()).resolves.toMatch(/n’est pas une vidéo/);
    await dialog.getByLabel('Adresse YouTube, Vimeo ou Dailymotion').fill('https://vimeo.com/76979871');
    await dialog.getByLabel('Titre de la vidéo (recommandé)').fill('Entretien');
    await dialog.getByRole('button', { name: 'Valider' }).click();
    expect(await markdown()).toBe('Le reportage :\n\n::video{url="https://vimeo.com/76979871" title="Entretien"}');
  });

  it('turns a paragraph into a pull-quote and wraps a list in a sources block', async () => {
    await openEditor('Une phrase forte.');
    await content().click();
    await apply('Exergue');
    await expect(button('Exergue').getAttribute('aria-pressed')).resolves.toBe('true');
    await button('Auteur de l’exergue').click();
    await page.getByRole('dialog').getByLabel('Auteur de l’exergue').fill('Marc Lolivier');
    await page.getByRole('dialog').getByRole('button', { name: 'Valider' }).click();
    expect(await markdown()).toBe(':::pullquote[Marc Lolivier]\nUne phrase forte.\n:::');
    await page.locator('.ProseMirror > *').last().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('- Fevad, bilan 2024');
    await apply('Bloc Sources');
    await expect(button('Bloc Sources').getAttribute('aria-pressed')).resolves.toBe('true');
    expect(await markdown()).toBe(':::pullquote[Marc Lolivier]\nUne phrase forte.\n:::\n\n:::sources\n- Fevad, bilan 2024\n:::');
  });

  it('edits the Markdown itself in Markdown mode, and reads it back', async () => {
    await openEditor('Du *texte*.');
    await button('Markdown').click();
    const source = page.getByRole('textbox', { name: 'Texte de l’article en Markdown' });
    await expect(source.inputValue()).resolves.toBe('Du *texte*.');
    await source.fill('## Titre\n\n- un\n- deux');
    expect(await markdown()).toBe('## Titre\n\n- un\n- deux');
    await button('Markdown').click();
    await expect(page.locator('.ProseMirror h2').textContent()).resolves.toBe('Titre');
    await expect(page.locator('.ProseMirror li').count()).resolves.toBe(2);
  });

  it('saves web addresses typed in the text so that readers see them as typed, each linked to itself', async () => {
    await openEditor('Voir <https://x.fr/a>\\_ et \\_b.');
    // The address comes back as the text that was typed, not as a link the writer never made.
    await expect(page.locator('.ProseMirror a').count()).resolves.toBe(0);
    await newParagraphAtEnd();
    await page.keyboard.type('Source : [https://x.fr/b] et `https://x.fr/c`d');
    const saved = await markdown();
    expect(saved).toMatch(/^Voir <https:\/\/x\.fr\/a>\\_ et \\_b\.\n\n/);
    const rendered = renderMarkdown(saved, { locale: 'fr' });
    const links = [...rendered.html.matchAll(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map(([, href, text]) => `${href} ${text}`);
    expect(links).toEqual(['https://x.fr/a https://x.fr/a', 'https://x.fr/b https://x.fr/b']);
    expect(rendered.text.replace(/[\s\u00a0\u202f]/g, '')).toBe('Voirhttps://x.fr/a_et_b.Source:[https://x.fr/b]ethttps://x.fr/cd');
  });

  it('moves along the toolbar with the arrow keys', async () => {
    await openEditor('Texte.');
    await button('Intertitre de niveau 2').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('title'))).resolves.toBe('Intertitre de niveau 3');
    await page.keyboard.press('End');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('title'))).resolves.toBe('Markdown');
  });
});
