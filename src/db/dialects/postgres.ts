import pg from 'pg';
import { PostgresDialect, sql, type Kysely } from 'kysely';
import { KiosqueError } from '../../errors.ts';
import type { DatabaseSchema } from '../schema.ts';

// Dates leave the database as ISO strings, exactly as SQLite stores them, so the code above the
// data layer sees one representation whatever the engine.
const TIMESTAMPTZ_OID = 1184;
const TIMESTAMP_OID = 1114;
const INT8_OID = 20;
pg.types.setTypeParser(TIMESTAMPTZ_OID, (value) => new Date(value).toISOString());
pg.types.setTypeParser(TIMESTAMP_OID, (value) => new Date(value + 'Z').toISOString());
// count(*) is int8; every count Kysely reads here fits in a JavaScript number.
pg.types.setTypeParser(INT8_OID, (value) => Number(value));

/** The listening connection's name in pg_stat_activity, so an administrator can tell it from the pool's. */
export const LISTENER_APPLICATION_NAME = 'kiosque listener';

/** Waits before the listening connection is opened again after a loss: doubled each failed try, up to the last. */
const RELISTEN_FIRST_DELAY_MS = 1000;
const RELISTEN_LAST_DELAY_MS = 30_000;

interface Subscription {
  onMessage: (payload: string) => void;
  onMissed: (() => void) | undefined;
}

export interface PostgresHandle {
  dialect: PostgresDialect;
  /**
   * Calls `onMessage` for every NOTIFY on `channel`, from any instance; resolves once listening.
   * When the listening connection is lost (a terminated backend, a restart, a failover) it is
   * opened again in the background, and `onMissed` is called once it listens again: the messages
   * sent meanwhile are gone.
   */
  listen(channel: string, onMessage: (payload: string) => void, onMissed?: () => void): Promise<void>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Why a first connection failed, as the server's SQLSTATE tells it: a server that answered but
 * refused the user (class 28: a wrong password, an unknown role, no pg_hba.conf line) or has no
 * such database (3D000) is no unreachable server, and the sentence says what to fix.
 */
function connectionFailure(error: unknown): 'database_sign_in_refused' | 'database_missing' | 'database_unreachable' {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return 'database_unreachable';
  if (code.startsWith('28')) return 'database_sign_in_refused';
  return code === '3D000' ? 'database_missing' : 'database_unreachable';
}

export async function openPostgres(url: string, describe: string): Promise<PostgresHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000 });
  // An idle client that loses its server would otherwise crash the process with an unhandled error.
  pool.on('error', () => {});
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new KiosqueError(connectionFailure(error), { target: describe, detail: error instanceof Error ? error.message : String(error) }, { cause: error });
  }

  let listener: pg.Client | undefined;
  let relistening: NodeJS.Timeout | undefined;
  let closed = false;
  const subscriptions = new Map<string, Subscription>();

  /** A new listening connection, listening on every channel subscribed so far. */
  async function openListener(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url, application_name: LISTENER_APPLICATION_NAME });
    // The first error says why (the server's "terminating connection…"), the next only that it ended.
    let lastError: unknown;
    // Without a handler, the error of a lost connection would crash the process; 'end' follows it.
    client.on('error', (error) => {
      lastError ??= error;
    });
    client.on('notification', (message) => subscriptions.get(message.channel)?.onMessage(message.payload ?? ''));
    client.on('end', () => {
      if (closed || listener !== client) return;
      listener = undefined;
      const reason = lastError instanceof Error ? lastError.message : 'connection closed';
      process.emitWarning(
        `The connection that hears other instances' changes to ${describe} was lost (${reason}); reconnecting, and this instance's caches will be emptied once it is back.`,
      );
      relistenAfter(RELISTEN_FIRST_DELAY_MS);
    });
    try {
      await client.connect();
      for (const channel of subscriptions.keys()) await client.query(`listen ${pg.Client.prototype.escapeIdentifier(channel)}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    return client;
  }

  function relistenAfter(delayMs: number): void {
    relistening = setTimeout(() => {
      openListener().then(
        (client) => {
          if (closed) return void client.end().catch(() => {});
          relistening = undefined;
          listener = client;
          for (const subscription of subscriptions.values()) subscription.onMissed?.();
        },
        () => {
          if (!closed) relistenAfter(Math.min(delayMs * 2, RELISTEN_LAST_DELAY_MS));
        },
      );
    }, delayMs);
    // Trying again must not keep a process alive that has nothing else to do.
    relistening.unref();
  }

  return {
    dialect: new PostgresDialect({ pool }),
    async listen(channel, onMessage, onMissed) {
      subscriptions.set(channel, { onMessage, onMissed });
      if (listener) await listener.query(`listen ${pg.Client.prototype.escapeIdentifier(channel)}`);
      // While a lost connection is being opened again, it will listen on this channel too.
      else if (!relistening) listener = await openListener();
    },
    async notify(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      closed = true;
      clearTimeout(relistening);
      await listener?.end().catch(() => {});
      await pool.end();
    },
  };
}

/**
 * Runs `task` holding the session advisory lock named `lock` on one connection of the pool, which
 * the task's own queries do not use: another instance asking for it waits until the task ends.
 */
export async function withAdvisoryLock<T>(kysely: Kysely<DatabaseSchema>, lock: string, task: () => Promise<T>): Promise<T> {
  return kysely.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(hashtext(${lock}))`.execute(connection);
    try {
      return await task();
    } finally {
      // A connection that fails here has lost its session, and the lock with it.
      await sql`select pg_advisory_unlock(hashtext(${lock}))`.execute(connection).catch(() => {});
    }
  });
}
