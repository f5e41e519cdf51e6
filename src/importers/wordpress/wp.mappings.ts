import type { Transaction } from 'kysely';
import type { DatabaseSchema, ImportedKind, ImportMappingsTable } from '../../db/schema.ts';
import type { Insertable } from 'kysely';
import { IdMap } from '../../lib/id-map.ts';
import { detached } from './wp.fields.ts';

type Trx = Transaction<DatabaseSchema>;

const SOURCE = 'wordpress';
/** Rows per INSERT: well under SQLite's 32,766 parameters and PostgreSQL's 65,535 (10 columns each). */
const BATCH = 500;

/** Mapping rows read at a time when a run starts. */
const LOAD_PAGE = 5_000;

/** Where the local row of each kind of object lives. */
const LOCAL_TABLES = {
  post: 'posts',
  page: 'posts',
  category: 'categories',
  tag: 'tags',
  author: 'authors',
  comment: 'comments',
  attachment: 'media',
} as const satisfies Record<ImportedKind, keyof DatabaseSchema>;

function mappingsPage(trx: Trx, kind: ImportedKind, after: number | undefined, pageSize: number) {
  // Typed as one of the tables: only their integer `id` is read, which they all have.
  const table = LOCAL_TABLES[kind] as 'posts';
  let query = trx
    .selectFrom('import_mappings as m')
    .leftJoin(`${table} as local`, 'local.id', 'm.local_id')
    .select(['m.source_id', 'm.local_id', 'local.id as present'])
    .where('m.source', '=', SOURCE)
    .where('m.kind', '=', kind);
  if (after !== undefined) query = query.where('m.source_id', '>', after);
  return query.orderBy('m.source_id').limit(pageSize).execute();
}

export interface MappedObject {
  localId: number | null;
}

export interface MappingValues {
  localId: number | null;
  sourceStatus?: string | null | undefined;
  sourceUrl?: string | null | undefined;
  localUrl?: string | null | undefined;
  sourceParentId?: number | null | undefined;
}

/**
 * The import mappings of one run: which local row each WordPress object became. All are read
 * once when the run starts (a re-run over 100,000 items asks one query, not 100,000), looked up
 * in memory, and written in batches of upserts inside the run's transaction.
 */
export class ImportMappings {
  /** By kind, WordPress id → local id: a large blog's hundreds of thousands of comments in a few megabytes. */
  private readonly known = new Map<ImportedKind, IdMap>();
  private pending: Insertable<ImportMappingsTable>[] = [];

  private constructor(private readonly now: string) {}

  /**
   * Loads what earlier imports recorded. Objects deleted here since (a post removed by hand) are
   * forgotten, so that importing again brings them back instead of writing to a missing row.
   * Each kind is read in pages along the mappings' unique index, each row checked against its
   * own table: a re-run over a 100,000-item blog holds one page of rows at a time, not 270,000.
   */
  static async load(trx: Trx, now: string, pageSize = LOAD_PAGE): Promise<ImportMappings> {
    const mappings = new ImportMappings(now);
    for (const kind of Object.keys(LOCAL_TABLES) as ImportedKind[]) {
      for (let after: number | undefined, full = true; full; ) {
        const rows = await mappingsPage(trx, kind, after, pageSize);
        for (const row of rows) {
          // An attachment left at its original address has no local row, and needs none.
          if (row.local_id !== null && row.present === null) continue;
          mappings.remember(kind, row.source_id, row.local_id);
        }
        full = rows.length === pageSize;
        after = rows.at(-1)?.source_id;
      }
    }
    return mappings;
  }

  private remember(kind: ImportedKind, sourceId: number, localId: number | null): void {
    let byId = this.known.get(kind);
    if (!byId) this.known.set(kind, (byId = new IdMap()));
    byId.set(sourceId, localId);
  }

  /** The object an earlier import (or this one) made of WordPress's `kind` number `sourceId`. */
  find(kind: ImportedKind, sourceId: number): MappedObject | undefined {
    const byId = this.known.get(kind);
    if (!byId?.has(sourceId)) return undefined;
    return { localId: byId.get(sourceId)! };
  }

  /** Records (or updates) what an object became; written with the next batch. */
  async record(trx: Trx, kind: ImportedKind, sourceId: number, values: MappingValues): Promise<void> {
    this.remember(kind, sourceId, values.localId);
    this.pending.push({
      source: SOURCE,
      kind,
      source_id: sourceId,
      local_id: values.localId,
      source_status: detached(values.sourceStatus) ?? null,
      source_url: detached(values.sourceUrl) ?? null,
      local_url: detached(values.localUrl) ?? null,
      source_parent_id: values.sourceParentId ?? null,
      created_at: this.now,
      updated_at: this.now,
    });
    if (this.pending.length >= BATCH) await this.flush(trx);
  }

  /** Writes the recorded mappings not written yet. */
  async flush(trx: Trx): Promise<void> {
    if (this.pending.length === 0) return;
    // One object may be recorded twice in a batch (an item repeated in a file): the last wins.
    const rows = [...new Map(this.pending.map((row) => [`${row.kind}:${row.source_id}`, row])).values()];
    this.pending = [];
    await trx
      .insertInto('import_mappings')
      .values(rows)
      .onConflict((conflict) =>
        conflict.columns(['source', 'kind', 'source_id']).doUpdateSet((eb) => ({
          local_id: eb.ref('excluded.local_id'),
          source_status: eb.ref('excluded.source_status'),
          source_url: eb.ref('excluded.source_url'),
          local_url: eb.ref('excluded.local_url'),
          source_parent_id: eb.ref('excluded.source_parent_id'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}
