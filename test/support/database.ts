import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.ts';
import { openDatabase, type Db } from '../../src/db/db.ts';
import { EventBus } from '../../src/events/events.ts';

export type Engine = 'sqlite' | 'postgres';
/** Every integration test runs once per engine. */
export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  engine: Engine;
  config: Config;
  db: Db;
  events: EventBus;
  /** Closes the database and removes everything the test created. */
  dispose(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('postgresUrl') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates a PostgreSQL database of its own for one test file; returns its URL and a remover. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `kiosque_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(inject('postgresUrl'));
  url.pathname = '/' + name;
  return { url: url.toString(), drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

/** Configuration for a test: a fresh data dir, the engine's database, silent logs, no demo. */
export async function createTestConfig(engine: Engine, env: NodeJS.ProcessEnv = {}): Promise<{ config: Config; cleanup: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-test-'));
  const postgres = engine === 'postgres' ? await createPostgresDatabase() : undefined;
  const config = loadConfig(
    {},
    { KIOSQUE_DATA_DIR: dataDir, DATABASE_URL: postgres?.url, KIOSQUE_LOG_LEVEL: 'silent', KIOSQUE_DEMO: 'false', ...env },
  );
  return {
    config,
    async cleanup() {
      await postgres?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  const { config, cleanup } = await createTestConfig(engine);
  const db = await openDatabase(config);
  const events = new EventBus();
  await events.connect(db.broadcast);
  return {
    engine,
    config,
    db,
    events,
    async dispose() {
      await db.close();
      await cleanup();
    },
  };
}
