import net from 'node:net';
import type { Db } from '../db/db.ts';

/**
 * Sign-in throttling, per account and per address, in the database so that every instance counts
 * the same failures. The first failures are free (people mistype); after that each failure doubles
 * the wait, up to a quarter of an hour. An unknown account is counted exactly like a known one, so
 * the answers never tell whether an address has an account.
 */

const FREE_FAILURES = 5;
const FIRST_DELAY_SECONDS = 2;
const MAX_DELAY_SECONDS = 15 * 60;
/** A day without failures and the count starts over. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

/** Seconds to wait after the n-th failure in a row: 0 for the first five, then 2, 4, 8… up to 900. */
export function delayAfterFailures(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES - 1));
}

/**
 * An IPv6 client usually holds a whole /64: counting single addresses would give it billions of
 * tries. IPv4 (also when mapped into IPv6) counts per address.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (net.isIPv6(ip)) return expandIPv6(ip).slice(0, 4).join(':') + '::/64';
  return ip;
}

function expandIPv6(ip: string): string[] {
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}

/** The counters a sign-in attempt is checked against and charged to. */
export function throttleKeys(email: string, ip: string): { account: string; address: string } {
  return { account: `account:${email}`, address: `address:${addressKey(ip)}` };
}

/** Seconds before another attempt is heard (0: now). */
export async function secondsToWait(db: Db, keys: readonly string[], now: Date): Promise<number> {
  const rows = await db.kysely.selectFrom('sign_in_throttle').select('blocked_until').where('key', 'in', keys).execute();
  const until = Math.max(0, ...rows.map((row) => Date.parse(row.blocked_until)));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** Counts one more failure on each key and sets the wait that follows it. */
export async function recordSignInFailure(db: Db, keys: readonly string[], now: Date): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('sign_in_throttle').selectAll().where('key', 'in', keys).execute();
    for (const key of keys) {
      const row = rows.find((r) => r.key === key);
      const recent = row !== undefined && now.getTime() - Date.parse(row.last_failure_at) < FORGET_AFTER_MS;
      const failures = recent ? row.failures + 1 : 1;
      const values = {
        failures,
        last_failure_at: now.toISOString(),
        blocked_until: new Date(now.getTime() + delayAfterFailures(failures) * 1000).toISOString(),
      };
      await trx
        .insertInto('sign_in_throttle')
        .values({ key, ...values })
        .onConflict((oc) => oc.column('key').doUpdateSet(values))
        .execute();
    }
  });
}

/** A successful sign-in clears the account's count; the address keeps its own (one good account must not reset an attacker's). */
export async function clearSignInFailures(db: Db, key: string): Promise<void> {
  await db.kysely.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}
