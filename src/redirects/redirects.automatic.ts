import type { Executor } from '../content/content.admin.ts';
import { batches } from '../lib/batches.ts';

/**
 * The 301s and 410s left behind when a public address changes, listed as 'automatic' rules in
 * the redirect manager. There are no chains: when a post moves again, the older addresses (and
 * any rule a person wrote to them) are pointed straight at the newest one, and an address that
 * comes back to life stops redirecting.
 */

/** A post that readers could see has moved from `from` to `to`. */
export async function leaveRedirect(trx: Executor, from: string, to: string, now: string): Promise<void> {
  if (from === to) return;
  // In this order: the new address must not redirect anywhere (not even back to the old one),
  // then every address that led to the old one leads to the new one directly.
  await addressIsLive(trx, to);
  await trx
    .insertInto('redirects')
    .values({ from_path: from, to_path: to, status_code: 301, kind: 'exact', origin: 'automatic', created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('from_path').doUpdateSet({ to_path: to, status_code: 301, kind: 'exact', origin: 'automatic', updated_at: now }))
    .execute();
  await trx.updateTable('redirects').set({ to_path: to, updated_at: now }).where('to_path', '=', from).execute();
}

/** Readers can see something at this address again: an older redirect or 410 from it no longer holds. */
export async function addressIsLive(trx: Executor, path: string): Promise<void> {
  await trx.deleteFrom('redirects').where('from_path', '=', path).execute();
}

/** The post at this address is gone for good: it answers 410, and so do the addresses that led to it. */
export async function markGone(trx: Executor, path: string, now: string): Promise<void> {
  await trx
    .insertInto('redirects')
    .values({ from_path: path, to_path: null, status_code: 410, kind: 'exact', origin: 'automatic', created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('from_path').doUpdateSet({ to_path: null, status_code: 410, kind: 'exact', origin: 'automatic', updated_at: now }))
    .execute();
  await trx.updateTable('redirects').set({ to_path: null, status_code: 410, updated_at: now }).where('to_path', '=', path).execute();
}

const CHUNK = 500;

/**
 * Many moves at once (a new permalink pattern, thousands of posts): the same rules as
 * `leaveRedirect`, in a few statements per 500 posts rather than three per post.
 */
export async function leaveRedirects(trx: Executor, moves: readonly { from: string; to: string }[], now: string): Promise<void> {
  const live = new Set(moves.map((move) => move.to));
  // An old address that is another post's new one is live, not a redirect.
  const real = moves.filter((move) => move.from !== move.to && !live.has(move.from));
  for (const part of batches(live, CHUNK)) await trx.deleteFrom('redirects').where('from_path', 'in', part).execute();
  for (const part of batches(real, CHUNK)) {
    await trx
      .insertInto('redirects')
      .values(part.map((move) => ({ from_path: move.from, to_path: move.to, status_code: 301, kind: 'exact' as const, origin: 'automatic' as const, created_at: now, updated_at: now })))
      .onConflict((oc) => oc.column('from_path').doUpdateSet((eb) => ({ to_path: eb.ref('excluded.to_path'), status_code: 301, kind: 'exact', origin: 'automatic', updated_at: now })))
      .execute();
  }
  const target = new Map(real.map((move) => [move.from, move.to]));
  for (const part of batches(target.keys(), CHUNK)) {
    const older = await trx.selectFrom('redirects').select(['id', 'to_path']).where('to_path', 'in', part).execute();
    for (const row of older) await trx.updateTable('redirects').set({ to_path: target.get(row.to_path!)!, updated_at: now }).where('id', '=', row.id).execute();
  }
}
