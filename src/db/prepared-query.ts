import type { Compilable, CompiledQuery, Kysely, RawBuilder } from 'kysely';
import type { DatabaseSchema } from './schema.ts';

/**
 * A query of fixed shape, built and compiled by Kysely once per database handle and shape, then
 * run with new arguments. Building a query costs more than SQLite takes to answer the small ones,
 * and the reading path asks the same few shapes for every uncached page.
 *
 * `build` receives stand-ins for its arguments. A string or number stands in as a value only (a
 * comparison's operand, a `limit`), never to choose the query's shape. What may choose the shape
 * is part of its key: whether an argument is undefined or null, a boolean's value, and an
 * array's length (each member a value). So `ids.length > 0 ? …` and `if (filter.featured)` are
 * fine; `if (id > 0)` is not.
 */
export interface PreparedQuery<A, R> {
  all(db: Kysely<DatabaseSchema>, args: A): Promise<R[]>;
  first(db: Kysely<DatabaseSchema>, args: A): Promise<R | undefined>;
}

/** Where an argument (or a member of an array argument) goes among a compiled query's parameters. */
class Slot {
  constructor(
    readonly name: string,
    readonly index: number,
  ) {}

  read(args: Record<string, unknown>): unknown {
    const value = args[this.name];
    return this.index < 0 ? value : (value as readonly unknown[])[this.index];
  }
}

/** The arguments' shape: what `build` may branch on (see PreparedQuery). */
function shapeOf(args: object): string {
  const record = args as Record<string, unknown>;
  let shape = '';
  for (const name in record) {
    const value = record[name];
    // Apart: an insert leaves out a column whose value is undefined, and writes a null.
    if (value === undefined) shape += name + '=u;';
    else if (value === null) shape += name + '=n;';
    else if (typeof value === 'boolean') shape += name + '=' + value + ';';
    else if (Array.isArray(value)) shape += name + '#' + value.length + ';';
  }
  return shape;
}

function standIns<A extends object>(args: A): A {
  const record = args as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const name in record) {
    const value = record[name];
    if (value === undefined || value === null || typeof value === 'boolean') out[name] = value;
    else if (Array.isArray(value)) out[name] = value.map((_, index) => new Slot(name, index));
    else out[name] = new Slot(name, -1);
  }
  return out as A;
}

/** Runs compiled SQL at once on a database, or answers undefined to send it through Kysely. */
export type DirectRead = (sql: string, parameters: readonly unknown[]) => unknown[] | undefined;

const directReaders = new WeakMap<Kysely<DatabaseSchema>, DirectRead>();

/**
 * Lets prepared queries on this handle (not on its transactions, which are other handles) skip
 * Kysely's executor when `read` accepts them. Used for SQLite, whose reads are synchronous.
 */
export function readDirectly(db: Kysely<DatabaseSchema>, read: DirectRead): void {
  directReaders.set(db, read);
}

export function preparedQuery<A extends object, R>(build: (db: Kysely<DatabaseSchema>, args: A) => Compilable<R>): PreparedQuery<A, R> {
  const compiled = new WeakMap<Kysely<DatabaseSchema>, Map<string, CompiledQuery<R>>>();
  const all = async (db: Kysely<DatabaseSchema>, args: A): Promise<R[]> => {
    let shapes = compiled.get(db);
    if (!shapes) {
      shapes = new Map();
      compiled.set(db, shapes);
    }
    const shape = shapeOf(args);
    let query = shapes.get(shape);
    if (!query) {
      query = build(db, standIns(args)).compile();
      shapes.set(shape, query);
    }
    const parameters = query.parameters.map((value) => (value instanceof Slot ? value.read(args as Record<string, unknown>) : value));
    const rows = directReaders.get(db)?.(query.sql, parameters);
    if (rows) return rows as R[];
    const result = await db.executeQuery<R>({ ...query, parameters });
    return result.rows;
  };
  return { all, first: async (db, args) => (await all(db, args))[0] };
}

/** The same for a statement written with Kysely's `sql` template, its arguments stood in for alike. */
export function preparedSql<A extends object, R>(build: (args: A) => RawBuilder<R>): PreparedQuery<A, R> {
  return preparedQuery((db, args: A) => ({ compile: () => build(args).compile(db) }));
}

/**
 * The values of an `in (…)` list padded to the next power of two by repeating the last one (the
 * same set, so the same answer): lists of any length then compile to a handful of shapes, and the
 * statements each connection keeps stay few.
 */
export function inList<T>(values: readonly T[]): T[] {
  if (values.length === 0) return [];
  let size = 1;
  while (size < values.length) size *= 2;
  const padded = [...values];
  while (padded.length < size) padded.push(values[values.length - 1]!);
  return padded;
}
