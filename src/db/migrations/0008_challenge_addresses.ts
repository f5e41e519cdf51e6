import type { Kysely } from 'kysely';
import type { MigrationContext } from './migrations.ts';

/**
 * A passkey sign-in starts with a challenge that anyone may ask for, before any account is
 * named. Each challenge now records the address (the throttle's key: an IPv4 address or an IPv6
 * /64) that asked for it, so one address can only hold a few open at once instead of filling the
 * table for the five minutes they live.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema.alterTable('auth_challenges').addColumn('address', 'text').execute();
  await db.schema.createIndex('auth_challenges_address').on('auth_challenges').columns(['purpose', 'address']).execute();
}
