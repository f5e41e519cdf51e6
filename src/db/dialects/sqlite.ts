import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import { KiosqueError } from '../../errors.ts';

/**
 * Tunes a SQLite connection. busy_timeout must be set before WAL mode, or the connection does not
 * wait when another process holds the lock while the journal mode switches.
 */
function tune(connection: BetterSqlite3.Database): void {
  connection.pragma('busy_timeout = 5000');
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('cache_size = -16000');
  connection.pragma('temp_store = MEMORY');
}

export function openSqlite(file: string): { dialect: SqliteDialect; close: () => void } {
  let connection: BetterSqlite3.Database;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    connection = new BetterSqlite3(file);
    tune(connection);
  } catch (error) {
    throw new KiosqueError(
      'database_unreachable',
      { target: file, detail: error instanceof Error ? error.message : String(error) },
      { cause: error },
    );
  }
  return {
    dialect: new SqliteDialect({ database: connection }),
    close: () => {
      if (connection.open) connection.close();
    },
  };
}
