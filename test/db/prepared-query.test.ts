import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedQuery, preparedSql } from '../../src/db/prepared-query.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/database.ts';

describe.each(ENGINES)('a prepared query on %s', (engine) => {
  let database: TestDatabase;
  let builds = 0;
  const settingsAbove = preparedQuery((db, p: { after: string; not: string }) => {
    builds += 1;
    return db.selectFrom('settings').select(['key', 'value']).where('key', '>', p.after).where('key', '!=', p.not).orderBy('key').limit(2);
  });

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await database.db.kysely
      .insertInto('settings')
      .values(['a', 'b', 'c', 'd'].map((key) => ({ key: `zz-${key}`, value: JSON.stringify(key) })))
      .execute();
  });
  afterAll(() => database.dispose());

  it('answers each call with its own arguments, in their places, from one compilation', async () => {
    const first = await settingsAbove.all(database.db.kysely, { after: 'zz-a', not: 'zz-b' });
    const second = await settingsAbove.all(database.db.kysely, { after: 'zz-b', not: 'zz-c' });
    expect(first.map((row) => row.key)).toEqual(['zz-c', 'zz-d']);
    expect(second.map((row) => row.key)).toEqual(['zz-d']);
    expect(await settingsAbove.first(database.db.kysely, { after: 'zz-d', not: '' })).toBeUndefined();
    expect(builds).toBe(1);
  });

  let listBuilds = 0;
  const settingsIn = preparedQuery((db, p: { keys: string[]; after: string | undefined; descending: boolean }) => {
    listBuilds += 1;
    let query = db.selectFrom('settings').select('key').where('key', 'in', p.keys.length > 0 ? p.keys : ['']);
    if (p.after !== undefined) query = query.where('key', '>', p.after);
    return query.orderBy('key', p.descending ? 'desc' : 'asc');
  });

  it('compiles once per list length, absent argument and boolean, and puts each list member in its place', async () => {
    const keysOf = async (args: Parameters<typeof settingsIn.all>[1]) => (await settingsIn.all(database.db.kysely, args)).map((row) => row.key);
    expect(await keysOf({ keys: ['zz-a', 'zz-c'], after: undefined, descending: false })).toEqual(['zz-a', 'zz-c']);
    expect(await keysOf({ keys: ['zz-b', 'zz-d'], after: undefined, descending: false })).toEqual(['zz-b', 'zz-d']);
    expect(listBuilds).toBe(1);
    expect(await keysOf({ keys: ['zz-b', 'zz-c', 'zz-d'], after: undefined, descending: false })).toEqual(['zz-b', 'zz-c', 'zz-d']);
    expect(await keysOf({ keys: ['zz-b', 'zz-c', 'zz-d'], after: 'zz-b', descending: true })).toEqual(['zz-d', 'zz-c']);
    expect(await keysOf({ keys: [], after: undefined, descending: false })).toEqual([]);
    expect(listBuilds).toBe(4);
    expect(await keysOf({ keys: ['zz-a', 'zz-d', 'zz-c'], after: 'zz-a', descending: true })).toEqual(['zz-d', 'zz-c']);
    expect(listBuilds).toBe(4);
  });

  const settingsValued = preparedQuery((db, p: { value: string | null | undefined }) => {
    const query = db.selectFrom('settings').select('key').where('key', 'in', ['zz-a', 'zz-b']).orderBy('key');
    if (p.value === undefined) return query;
    return p.value === null ? query.where('value', 'is', null) : query.where('value', '=', p.value);
  });

  it('compiles an undefined argument and a null one apart (an insert leaves out the one, writes the other)', async () => {
    const keysOf = async (value: string | null | undefined) => (await settingsValued.all(database.db.kysely, { value })).map((row) => row.key);
    expect(await keysOf(undefined)).toEqual(['zz-a', 'zz-b']);
    expect(await keysOf(null)).toEqual([]);
    expect(await keysOf(JSON.stringify('b'))).toEqual(['zz-b']);
    expect(await keysOf(undefined)).toEqual(['zz-a', 'zz-b']);
  });

  const settingsLike = preparedQuery((db, p: { prefix: string }) => db.selectFrom('settings').select('key').where('key', 'like', p.prefix).orderBy('key'));

  it('reads inside a transaction what the transaction wrote, and outside it only what was committed', async () => {
    let committedAt = 0;
    let outsideAnsweredAt = 0;
    let outside: Promise<string[]> | undefined;
    await database.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values({ key: 'zz-trx', value: '1' }).execute();
      expect((await settingsLike.all(trx, { prefix: 'zz-trx' })).map((row) => row.key)).toEqual(['zz-trx']);
      outside = settingsLike.all(database.db.kysely, { prefix: 'zz-trx' }).then((rows) => {
        outsideAnsweredAt = performance.now();
        return rows.map((row) => row.key);
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      committedAt = performance.now();
    });
    const keys = await outside!;
    // PostgreSQL answers from another connection at once, without the row; SQLite's one
    // connection waits for the transaction to end, and may then see it.
    if (keys.length > 0) expect(outsideAnsweredAt).toBeGreaterThanOrEqual(committedAt);
    else expect(engine).toBe('postgres');
    expect(await settingsLike.all(database.db.kysely, { prefix: 'zz-trx' })).toEqual([{ key: 'zz-trx' }]);
  });

  it('limits and skips rows by bound values, in subqueries too, and keeps a literal limit as written', async () => {
    const kysely = database.db.kysely;
    const letters = ['zz-a', 'zz-b', 'zz-c', 'zz-d'];
    const page = (limit: number, offset: number) =>
      kysely.selectFrom('settings').select('key').where('key', 'in', letters).orderBy('key').limit(limit).offset(offset);
    expect((await page(2, 1).execute()).map((row) => row.key)).toEqual(['zz-b', 'zz-c']);
    expect((await page(1, 3).execute()).map((row) => row.key)).toEqual(['zz-d']);
    const newest = kysely.selectFrom('settings').select('key').where('key', 'in', letters).orderBy('key', 'desc').limit(1);
    expect((await kysely.selectFrom('settings').select('key').where('key', 'in', newest).execute()).map((row) => row.key)).toEqual(['zz-d']);
    const literal = kysely.selectFrom('settings').select('key').where('key', 'in', letters).orderBy('key').limit(sql.lit(1));
    expect(literal.compile().sql).toMatch(/limit 1$/);
    expect((await literal.execute()).map((row) => row.key)).toEqual(['zz-a']);
    // SQLite re-prepares a kept statement each time a new value is bound to a bare `limit ?`
    // (src/db/dialects/sqlite.ts); PostgreSQL keeps the plain parameter.
    expect(page(2, 1).compile().sql).toMatch(engine === 'sqlite' ? /limit \? \+ 0 offset \?$/ : /limit \$\d+ offset \$\d+$/);
  });

  let writeBuilds = 0;
  const insertSetting = preparedQuery((db, p: { key: string; value: string }) => {
    writeBuilds += 1;
    return db.insertInto('settings').values({ key: p.key, value: p.value }).returning('key');
  });
  let rawBuilds = 0;
  const valueOf = preparedSql((p: { key: string }) => {
    rawBuilds += 1;
    return sql<{ value: string }>`select value from settings where key = ${p.key}`;
  });

  it('writes, and runs `sql` templates, with each call’s arguments, compiled once per transaction', async () => {
    await database.db.kysely.transaction().execute(async (trx) => {
      expect(await insertSetting.first(trx, { key: 'zz-w1', value: '"un"' })).toEqual({ key: 'zz-w1' });
      expect(await insertSetting.first(trx, { key: 'zz-w2', value: '"deux"' })).toEqual({ key: 'zz-w2' });
      expect(await valueOf.first(trx, { key: 'zz-w1' })).toEqual({ value: '"un"' });
      expect(await valueOf.first(trx, { key: 'zz-w2' })).toEqual({ value: '"deux"' });
    });
    expect([writeBuilds, rawBuilds]).toEqual([1, 1]);
    // Another transaction is another handle: built again, and it sees what the first committed.
    await database.db.kysely.transaction().execute(async (trx) => {
      expect(await valueOf.first(trx, { key: 'zz-w2' })).toEqual({ value: '"deux"' });
    });
    expect(rawBuilds).toBe(2);
    expect(await valueOf.all(database.db.kysely, { key: 'zz-missing' })).toEqual([]);
    await database.db.kysely.deleteFrom('settings').where('key', 'in', ['zz-w1', 'zz-w2']).execute();
  });

  if (engine === 'sqlite') {
    /** What `query` answers, and how many microtask turns went by meanwhile. */
    const withTurns = async <T,>(query: () => Promise<T>): Promise<{ answer: T; turns: number }> => {
      let turns = 0;
      let counting = true;
      const count = async (): Promise<void> => {
        while (counting) {
          turns += 1;
          await null;
        }
      };
      void count();
      const answer = await query();
      counting = false;
      return { answer, turns };
    };

    it('answers outside a transaction on the spot, without going through Kysely’s queue', async () => {
      const { answer, turns } = await withTurns(() => settingsAbove.all(database.db.kysely, { after: 'zz-c', not: 'zz-trx' }));
      expect(answer.map((row) => row.key)).toEqual(['zz-d']);
      // Kysely's executor takes a few dozen microtask turns for one query; a read on the spot, one.
      expect(turns).toBeLessThanOrEqual(3);
    });

    it('sends a write that returns rows through Kysely’s queue, never on the spot', async () => {
      const { answer, turns } = await withTurns(() => insertSetting.all(database.db.kysely, { key: 'zz-queued', value: '1' }));
      expect(answer).toEqual([{ key: 'zz-queued' }]);
      expect(turns).toBeGreaterThan(3);
      await database.db.kysely.deleteFrom('settings').where('key', '=', 'zz-queued').execute();
    });
  }
});

