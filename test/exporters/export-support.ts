import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_DIR } from '../../src/demo/demo.ts';
import { importMarkdownFolder } from '../../src/importers/markdown/markdown.importer.ts';
import { saveSettings } from '../../src/settings/settings.ts';
import type { TestSite } from '../support/site.ts';

/** Loads the demo blog into a test site, through the Markdown importer, as the first start does. */
export async function loadDemo(site: TestSite): Promise<void> {
  const { kiosque } = site;
  const report = await importMarkdownFolder({ db: kiosque.db, events: kiosque.events, dataDir: kiosque.config.dataDir }, DEMO_DIR);
  if (report.errors.length > 0) throw new Error(`demo import failed: ${JSON.stringify(report.errors)}`);
  const demoSite = JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'site.json'), 'utf8')) as { title: string; description: string; footerLinks: { label: string; path: string }[] };
  await saveSettings(kiosque.db, kiosque.events, demoSite);
}

/** A fresh temporary folder, removed by the returned function. */
export function temporaryFolder(): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-export-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** What is left beside an export once it is done: no temporary file may remain. */
export function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((name) => name.endsWith('.part'));
}
