import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Kiosque } from '../app.ts';
import { projectPath } from '../paths.ts';
import { saveSettings } from '../settings/settings.ts';

/**
 * The demo blog: French articles kept as Markdown in the repository's demo/ folder, loaded through
 * the Markdown importer the first time Kiosque starts on an empty database, never again after.
 */

export const DEMO_DIR = projectPath('demo');
const DEMO_MARK = 'kiosque.demoLoadedAt';

const demoSiteSchema = z.object({
  title: z.string(),
  description: z.string(),
  footerLinks: z.array(z.object({ label: z.string(), path: z.string() })),
});

export interface DemoResult {
  loaded: boolean;
  posts: number;
}

/**
 * Loads the demo on an empty database. Instances starting together on one PostgreSQL database
 * take turns: the others then find it loaded, instead of importing it a second time and failing.
 */
export function loadDemoIfEmpty(kiosque: Kiosque): Promise<DemoResult> {
  return kiosque.db.exclusively(DEMO_MARK, () => loadDemoNow(kiosque));
}

async function loadDemoNow(kiosque: Kiosque): Promise<DemoResult> {
  const { db } = kiosque;
  const marked = await db.kysely.selectFrom('settings').select('key').where('key', '=', DEMO_MARK).executeTakeFirst();
  if (marked) return { loaded: false, posts: 0 };
  const existing = await db.kysely.selectFrom('posts').select('id').limit(1).executeTakeFirst();
  if (existing) return { loaded: false, posts: 0 };

  const site = demoSiteSchema.parse(JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'site.json'), 'utf8')));
  const { importMarkdownFolder } = await import('../importers/markdown/markdown.importer.ts');
  const report = await importMarkdownFolder({ db, events: kiosque.events, dataDir: kiosque.config.dataDir }, DEMO_DIR);
  if (report.errors.length > 0) {
    throw new Error(`The demo content is invalid: ${report.errors.map((e) => `${e.file}:${e.line}: ${e.reason}`).join('; ')}`);
  }
  await saveSettings(db, kiosque.events, site);
  await db.kysely.insertInto('settings').values({ key: DEMO_MARK, value: JSON.stringify(new Date().toISOString()) }).execute();
  return { loaded: true, posts: report.created };
}
