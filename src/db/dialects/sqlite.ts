import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  BinaryOperationNode,
  LimitNode,
  OperationNodeTransformer,
  OperatorNode,
  SqliteDialect,
  ValueNode,
  type KyselyPlugin,
  type SqliteDatabase,
} from 'kysely';
import { KiosqueError } from '../../errors.ts';

/**
 * Tunes a SQLite connection. busy_timeout must be set before WAL mode, or the connection does not
 * wait when another process holds the lock while the journal mode switches. `exec` rather than
 * `pragma()`: the latter prepares a statement that would be left for the garbage collector.
 */
function tune(connection: BetterSqlite3.Database): void {
  connection.exec(`
    pragma busy_timeout = 5000;
    pragma journal_mode = WAL;
    pragma synchronous = NORMAL;
    pragma foreign_keys = ON;
    pragma cache_size = -16000;
    pragma temp_store = MEMORY;
  `);
}

/**
 * Hands Kysely one prepared statement per SQL text, kept for the life of the connection.
 *
 * Preparing once saves work on every query, but the reason it is done is safety: on Node 24.19
 * and later, a better-sqlite3 12 statement that the garbage collector finalises outside
 * JavaScript (an idle-time GC, or at exit) aborts the process. Statements that stay reachable
 * until the database closes are never finalised that way. The number of distinct SQL texts is
 * bounded by the code's query shapes.
 */
/**
 * Closed connections and their statements, kept reachable until the process ends, for the same
 * reason: Node then disposes of them through its own cleanup hooks, never through a stray GC.
 * Each is a few hundred bytes; a server closes one connection in its life, a test run a few hundred.
 */
const RETIRED: unknown[] = [];

/** Runs a reading statement at once, or answers undefined when it may not (see openSqlite's readNow). */
export type ReadNow = (sql: string, parameters: readonly unknown[]) => unknown[] | undefined;

function withStatementCache(connection: BetterSqlite3.Database): SqliteDatabase & { readNow: ReadNow } {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sql: string): BetterSqlite3.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = connection.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    prepare,
    readNow(sql, parameters) {
      if (!connection.open || connection.inTransaction) return undefined;
      const statement = prepare(sql);
      // `reader` alone also holds for a write that returns rows (insert … returning).
      return statement.reader && statement.readonly ? (statement.all(parameters) as unknown[]) : undefined;
    },
    close() {
      connection.close();
      RETIRED.push(connection, ...statements.values());
      statements.clear();
    },
  };
}

/**
 * SQLite (3.53 here) plans a query with the value bound to its `limit ?`, so it marks the
 * statement to be prepared again whenever that parameter is bound anew: on every run of a kept
 * statement, as each run binds its arguments. `limit ? + 0` is the same limit from a parameter the
 * planner does not read, and the statement is prepared once. On the reading path's one-row and
 * three-row queries a run took 15–28 µs with `limit ?` and 6–8 µs without (a page runs a dozen).
 * The offset, which the planner ignores, stays as it is.
 */
class UnplannedLimits extends OperationNodeTransformer {
  protected override transformLimit(node: LimitNode): LimitNode {
    const limit = this.transformNode(node.limit);
    if (!ValueNode.is(limit) || limit.immediate) return LimitNode.create(limit);
    return LimitNode.create(BinaryOperationNode.create(limit, OperatorNode.create('+'), ValueNode.createImmediate(0)));
  }
}

const limitsTransformer = new UnplannedLimits();
const unplannedLimits: KyselyPlugin = {
  // Selects only: rebuilding every node of an insert's rows for a limit it cannot have would cost
  // an import more than the limits save.
  transformQuery: ({ node, queryId }) => (node.kind === 'SelectQueryNode' ? limitsTransformer.transformNode(node, queryId) : node),
  transformResult: async ({ result }) => result,
};

/** SQLite's name for a database held in memory, gone with its connection. */
export const SQLITE_IN_MEMORY = ':memory:';

/**
 * The connection as Kysely's dialect, with the plugins its queries need, and `readNow`: a reading
 * statement run on the spot, without Kysely's queue, while no transaction holds the connection
 * (undefined otherwise, or for a statement that writes). better-sqlite3 answers synchronously, so
 * nothing can run between the check and the read; the read then sees exactly what a query through
 * Kysely would. The queue's promises and connection hand-over cost more than SQLite takes to
 * answer the reading path's small queries.
 */
export function openSqlite(file: string): { dialect: SqliteDialect; plugins: KyselyPlugin[]; close: () => void; readNow: ReadNow; dataVersion: () => number | undefined } {
  let connection: BetterSqlite3.Database;
  try {
    if (file !== SQLITE_IN_MEMORY) fs.mkdirSync(path.dirname(file), { recursive: true });
    connection = new BetterSqlite3(file);
    tune(connection);
  } catch (error) {
    throw new KiosqueError(
      'database_unreachable',
      { target: file, detail: error instanceof Error ? error.message : String(error) },
      { cause: error },
    );
  }
  const database = withStatementCache(connection);
  return {
    dialect: new SqliteDialect({ database }),
    plugins: [unplannedLimits],
    close: () => {
      if (connection.open) database.close();
    },
    readNow: database.readNow,
    dataVersion: () => dataVersion(database.readNow),
  };
}

/**
 * SQLite's `data_version`: a number that changes when another connection, in this process or
 * another, commits to the file, and never for this connection's own commits. Undefined while a
 * transaction holds the connection or the look fails (the file busy, the connection closed): the
 * next look compares again, and a change is never lost, only noticed later.
 */
function dataVersion(readNow: ReadNow): number | undefined {
  try {
    const row = readNow('pragma data_version', [])?.[0] as { data_version: number } | undefined;
    return row?.data_version;
  } catch {
    return undefined;
  }
}
