import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.ts';

/**
 * A query of fixed shape, built and compiled by Kysely once per database handle, then run with
 * new arguments. Building a query costs more than SQLite takes to answer the small ones, and the
 * reading path asks the same few shapes for every uncached page.
 *
 * `build` receives stand-ins for its arguments: it must use each only as a value (a comparison's
 * operand, a tuple member), never to choose the query's shape (an `if`, an array's length).
 */
export interface PreparedQuery<A, R> {
  all(db: Kysely<DatabaseSchema>, args: A): Promise<R[]>;
  first(db: Kysely<DatabaseSchema>, args: A): Promise<R | undefined>;
}

/** Where an argument goes among a compiled query's parameters. */
class Slot {
  constructor(readonly name: string) {}
}

export function preparedQuery<A extends Record<string, unknown>, R>(build: (db: Kysely<DatabaseSchema>, args: A) => Compilable<R>): PreparedQuery<A, R> {
  const compiled = new WeakMap<Kysely<DatabaseSchema>, CompiledQuery<R>>();
  const slots = new Proxy({} as A, { get: (_target, name) => new Slot(String(name)) });
  const all = async (db: Kysely<DatabaseSchema>, args: A): Promise<R[]> => {
    let query = compiled.get(db);
    if (!query) {
      query = build(db, slots).compile();
      compiled.set(db, query);
    }
    const parameters = query.parameters.map((value) => (value instanceof Slot ? args[value.name] : value));
    const result = await db.executeQuery<R>({ ...query, parameters });
    return result.rows;
  };
  return { all, first: async (db, args) => (await all(db, args))[0] };
}
