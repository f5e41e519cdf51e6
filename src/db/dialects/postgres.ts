import pg from 'pg';
import { PostgresDialect } from 'kysely';
import { KiosqueError } from '../../errors.ts';

// Dates leave the database as ISO strings, exactly as SQLite stores them, so the code above the
// data layer sees one representation whatever the engine.
const TIMESTAMPTZ_OID = 1184;
const TIMESTAMP_OID = 1114;
const INT8_OID = 20;
pg.types.setTypeParser(TIMESTAMPTZ_OID, (value) => new Date(value).toISOString());
pg.types.setTypeParser(TIMESTAMP_OID, (value) => new Date(value + 'Z').toISOString());
// count(*) is int8; every count Kysely reads here fits in a JavaScript number.
pg.types.setTypeParser(INT8_OID, (value) => Number(value));

export interface PostgresHandle {
  dialect: PostgresDialect;
  /** Calls `onMessage` for every NOTIFY on `channel`, from any instance; resolves once listening. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<void>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

export async function openPostgres(url: string, describe: string): Promise<PostgresHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000 });
  // An idle client that loses its server would otherwise crash the process with an unhandled error.
  pool.on('error', () => {});
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new KiosqueError(
      'database_unreachable',
      { target: describe, detail: error instanceof Error ? error.message : String(error) },
      { cause: error },
    );
  }

  let listener: pg.Client | undefined;
  const handlers = new Map<string, (payload: string) => void>();

  return {
    dialect: new PostgresDialect({ pool }),
    async listen(channel, onMessage) {
      if (!listener) {
        listener = new pg.Client({ connectionString: url });
        listener.on('error', () => {});
        listener.on('notification', (message) => handlers.get(message.channel)?.(message.payload ?? ''));
        await listener.connect();
      }
      handlers.set(channel, onMessage);
      await listener.query(`listen ${pg.Client.prototype.escapeIdentifier(channel)}`);
    },
    async notify(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      await listener?.end().catch(() => {});
      await pool.end();
    },
  };
}
