import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { EventBus } from '../events/events.ts';

/**
 * Settings an administrator edits, kept in the database (one JSON value per key). Each is
 * validated when read, so a bad value falls back to its default instead of breaking the site.
 */

const linkSchema = z.object({ label: z.string().min(1), path: z.string().startsWith('/') });

const settingsSchema = z.object({
  title: z.string().min(1).catch('Kiosque'),
  description: z.string().catch(''),
  locale: z.enum(['fr', 'en']).catch('fr'),
  timezone: z.string().min(1).catch('Europe/Paris'),
  /** WordPress-style tokens: %year% %monthnum% %day% %postname% %post_id%. */
  permalinkPattern: z.string().regex(/%postname%|%post_id%/).catch('/%postname%/'),
  postsPerPage: z.number().int().min(1).max(100).catch(10),
  footerLinks: z.array(linkSchema).catch([]),
  /** How many posts the home page shows "À la une" (the first is the hero) and "Mis en avant". */
  featuredOnHome: z.number().int().min(0).max(6).catch(3),
  highlightedOnHome: z.number().int().min(0).max(12).catch(4),
  /**
   * The public address of the site, without a trailing slash (https://www.example.fr): canonical
   * links, sitemaps, feeds and structured data are absolute from it. Empty: the address the
   * server listens on, fine on a laptop, wrong behind a proxy. `KIOSQUE_SITE_URL` overrides it.
   */
  siteUrl: z.union([z.literal(''), z.string().url().regex(/^https?:\/\/[^/]+(\/[^?#]*[^/?#])?$/)]).catch(''),
  /** While a blog is being prepared: every page says `noindex` and robots.txt disallows all. */
  hideFromSearchEngines: z.boolean().catch(false),
  /** The schema.org type of articles in structured data. */
  articleSchemaType: z.enum(['NewsArticle', 'BlogPosting']).catch('NewsArticle'),
  /** robots.txt as the administrator wrote it; empty: the default (allow all, name the sitemap). */
  robotsTxt: z.string().max(20_000).catch(''),
  /** Whether feeds carry whole articles or their excerpts. */
  feedContent: z.enum(['full', 'excerpt']).catch('full'),
});

export type SiteSettings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof SiteSettings;

export const DEFAULT_SETTINGS: SiteSettings = settingsSchema.parse({});

export async function readSettings(db: Db): Promise<SiteSettings> {
  const rows = await db.kysely.selectFrom('settings').select(['key', 'value']).execute();
  const raw: Record<string, unknown> = {};
  for (const row of rows) {
    try {
      raw[row.key] = JSON.parse(row.value);
    } catch {
      // An unreadable value is ignored: the schema's default applies.
    }
  }
  return settingsSchema.parse(raw);
}

/** Saves some settings and tells the other capabilities (page cache, other instances). */
export async function saveSettings(db: Db, events: EventBus, changes: Partial<SiteSettings>): Promise<SiteSettings> {
  await db.kysely.transaction().execute((trx) => writeSettings(trx, changes));
  await events.emit({ type: 'settings.changed' });
  return readSettings(db);
}

/**
 * Writes some settings inside the caller's transaction (an operation that changes more than the
 * settings commits all at once), without telling anyone: the caller emits `settings.changed`.
 */
export async function writeSettings(trx: Transaction<DatabaseSchema>, changes: Partial<SiteSettings>): Promise<void> {
  const validated = settingsSchema.partial().strict().parse(changes);
  for (const [key, value] of Object.entries(validated)) {
    if (value === undefined) continue;
    await trx
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
      .execute();
  }
}

/** The settings in force, kept in memory and reloaded whenever any instance saves them. */
export class SettingsStore {
  private constructor(
    private readonly db: Db,
    private value: SiteSettings,
  ) {}

  static async load(db: Db, events: EventBus): Promise<SettingsStore> {
    const store = new SettingsStore(db, await readSettings(db));
    events.on((event) => (event.type === 'settings.changed' ? store.reload() : undefined));
    return store;
  }

  get current(): SiteSettings {
    return this.value;
  }

  async reload(): Promise<void> {
    this.value = await readSettings(this.db);
  }
}
