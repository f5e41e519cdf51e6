import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedQuery } from '../../src/db/prepared-query.ts';
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
});
