import type { ColumnDataType, ColumnDefinitionBuilder, Kysely, Migration, MigrationProvider } from 'kysely';
import type { DialectName } from '../db.ts';
import * as initial from './0001_initial.ts';
import * as readingIndexes from './0002_reading_indexes.ts';
import * as newsroom from './0003_newsroom.ts';
import * as search from './0004_search.ts';
import * as redirectRules from './0005_redirect_rules.ts';
import * as wordpress from './0006_wordpress.ts';
import * as searchListing from './0007_search_listing.ts';
import * as challengeAddresses from './0008_challenge_addresses.ts';
import * as searchCategories from './0009_search_categories.ts';
import * as timelineStatus from './0010_timeline_status.ts';
import * as searchCategoryWalks from './0011_search_category_walks.ts';
import * as renderVersion from './0012_render_version.ts';

/**
 * Forward-only migrations, applied in name order at start. A migration never changes once it
 * has shipped: a fix is a new migration. They are imported, not read from disk, so they travel
 * with the code whatever the install layout.
 */

/** The column types that differ between engines, handed to every migration. */
export interface MigrationContext {
  dialect: DialectName;
  id: { type: ColumnDataType; build: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder };
  timestamp: ColumnDataType;
}

interface KiosqueMigration {
  up(db: Kysely<unknown>, context: MigrationContext): Promise<void>;
}

const MIGRATIONS: Record<string, KiosqueMigration> = {
  '0001_initial': initial,
  '0002_reading_indexes': readingIndexes,
  '0003_newsroom': newsroom,
  '0004_search': search,
  '0005_redirect_rules': redirectRules,
  '0006_wordpress': wordpress,
  '0007_search_listing': searchListing,
  '0008_challenge_addresses': challengeAddresses,
  '0009_search_categories': searchCategories,
  '0010_timeline_status': timelineStatus,
  '0011_search_category_walks': searchCategoryWalks,
  '0012_render_version': renderVersion,
};

function contextFor(dialect: DialectName): MigrationContext {
  return dialect === 'sqlite'
    ? { dialect, id: { type: 'integer', build: (c) => c.primaryKey().autoIncrement() }, timestamp: 'text' }
    : { dialect, id: { type: 'integer', build: (c) => c.primaryKey().generatedByDefaultAsIdentity() }, timestamp: 'timestamptz' };
}

export function migrationProvider(dialect: DialectName): MigrationProvider {
  const context = contextFor(dialect);
  return {
    async getMigrations() {
      const migrations: Record<string, Migration> = {};
      for (const [name, migration] of Object.entries(MIGRATIONS)) {
        migrations[name] = { up: (db) => migration.up(db, context) };
      }
      return migrations;
    },
  };
}
