import fs from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator } from 'kysely';
import { describeDatabase, type Config } from '../config.ts';
import { KiosqueError } from '../errors.ts';
import { systemErrorReason } from '../lib/system-errors.ts';
import { openSqlite, SQLITE_IN_MEMORY } from './dialects/sqlite.ts';
import { readDirectly } from './prepared-query.ts';
import { migrationProvider } from './migrations/migrations.ts';
import type { DatabaseSchema } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

/** Cross-instance messages; only PostgreSQL has several instances on one database. */
export interface Broadcast {
  publish(channel: string, payload: string): Promise<void>;
  /** `onMissed` is called when messages may have been lost: the channel was down and is back. */
  subscribe(channel: string, onMessage: (payload: string) => void, onMissed?: () => void): Promise<void>;
}

/** The database handle every service receives. */
export interface Db {
  kysely: Kysely<DatabaseSchema>;
  dialect: DialectName;
  broadcast: Broadcast | undefined;
  /**
   * SQLite only: calls `onCommit` within half a second of a commit that another connection made
   * to the file (a command run beside the server), which no message announces; until the
   * database closes. PostgreSQL's processes announce their changes through `broadcast`.
   */
  watchOtherWriters: ((onCommit: () => void) => void) | undefined;
  /**
   * Runs `task` while no other instance on this database runs one under the same `lock` name:
   * PostgreSQL's instances take an advisory lock; SQLite has one server per file, whose workers
   * leave the first-start work to their primary.
   */
  exclusively<T>(lock: string, task: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** How often a server on SQLite looks whether another connection committed: a cheap pragma, off the reading path. */
const OTHER_WRITERS_CHECK_MS = 500;

export const SQLITE_FILE_NAME = 'kiosque.sqlite';

/** Makes sure the data directory exists and can be written, with one clear sentence if not. */
export function ensureDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (error) {
    // mkdir answers EEXIST only when the path exists and is not a folder: "it already exists" would not say what is wrong.
    const detail = (error as NodeJS.ErrnoException).code === 'EEXIST' ? { key: 'systemError.fileNotFolder' as const } : systemErrorReason(error);
    throw new KiosqueError('data_dir_unwritable', { path: dataDir, detail }, { cause: error });
  }
}

/**
 * Makes sure this user may write the SQLite file and the write-ahead log and shared-memory files
 * kept beside it, before SQLite opens them: SQLite opens a file it cannot write read-only without
 * a word, creates the other two, and the first write fails deep inside a migration. The usual
 * cause is an import run as root into the data directory of a service that runs as another user.
 */
function ensureDatabaseWritable(file: string): void {
  for (const candidate of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.accessSync(candidate, fs.constants.R_OK | fs.constants.W_OK);
    } catch (error) {
      // Absent is fine: SQLite creates them in a folder ensureDataDir found writable.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new KiosqueError('database_file_unwritable', { path: candidate, detail: systemErrorReason(error) }, { cause: error });
    }
  }
}

export interface OpenDatabaseOptions {
  /**
   * An empty SQLite database in memory instead of the data dir's file, migrated the same way:
   * for a dry run where there is no database yet, which must leave the disk as it was.
   */
  inMemory?: boolean | undefined;
  /** Leaves the schema as it is, and refuses a database whose migrations have not all run: for a dry run. */
  withoutMigrating?: boolean | undefined;
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: Pick<Config, 'dataDir' | 'databaseUrl'>, options: OpenDatabaseOptions = {}): Promise<Db> {
  // On PostgreSQL too: the media library lives in the data dir, and uploads would fail one by one.
  if (config.databaseUrl) ensureDataDir(config.dataDir);
  const db = config.databaseUrl ? await connectPostgres(config.databaseUrl, describeDatabase(config)) : connectSqlite(options.inMemory ? undefined : config.dataDir);
  try {
    // A database in memory is the dry run's own, made for it: it is migrated all the same.
    await (options.withoutMigrating && !options.inMemory ? ensureMigrated(db) : migrate(db));
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** Without a data dir, a database in memory that goes with its connection. */
function connectSqlite(dataDir: string | undefined): Db {
  let file = SQLITE_IN_MEMORY;
  if (dataDir !== undefined) {
    ensureDataDir(dataDir);
    file = path.join(dataDir, SQLITE_FILE_NAME);
    ensureDatabaseWritable(file);
  }
  const sqlite = openSqlite(file);
  const kysely = new Kysely<DatabaseSchema>({ dialect: sqlite.dialect, plugins: sqlite.plugins });
  readDirectly(kysely, sqlite.readNow);
  // Read at once, before anything is loaded from the file: a commit made between now and the
  // start of the watch (while a server prepares) is then noticed at the first look.
  let seen = sqlite.dataVersion();
  let watching: NodeJS.Timeout | undefined;
  return {
    kysely,
    dialect: 'sqlite',
    broadcast: undefined,
    exclusively: (_lock, task) => task(),
    watchOtherWriters(onCommit) {
      clearInterval(watching);
      watching = setInterval(() => {
        const version = sqlite.dataVersion();
        if (version === undefined || version === seen) return;
        if (seen !== undefined) onCommit();
        seen = version;
      }, OTHER_WRITERS_CHECK_MS);
      // The look must not keep a process alive that has nothing else to do.
      watching.unref();
    },
    async close() {
      clearInterval(watching);
      await kysely.destroy();
      sqlite.close();
    },
  };
}

async function connectPostgres(url: string, describe: string): Promise<Db> {
  // Loaded only when configured: an SQLite installation never pays for the pg driver.
  const { openPostgres, withAdvisoryLock } = await import('./dialects/postgres.ts');
  const postgres = await openPostgres(url, describe);
  const kysely = new Kysely<DatabaseSchema>({ dialect: postgres.dialect });
  return {
    kysely,
    dialect: 'postgres',
    broadcast: { publish: postgres.notify, subscribe: postgres.listen },
    watchOtherWriters: undefined,
    exclusively: (lock, task) => withAdvisoryLock(kysely, lock, task),
    async close() {
      await postgres.close();
    },
  };
}

async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db: db.kysely, provider: migrationProvider(db.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new KiosqueError(
      'database_failed',
      { detail: `migration ${failed}: ${error instanceof Error ? error.message : String(error)}` },
      { cause: error },
    );
  }
}

async function ensureMigrated(db: Db): Promise<void> {
  const migrator = new Migrator({ db: db.kysely, provider: migrationProvider(db.dialect) });
  const pending = (await migrator.getMigrations()).filter((migration) => migration.executedAt === undefined);
  if (pending.length > 0) throw new KiosqueError('migrations_pending', { count: pending.length });
}
