import type { Algorithm, Options } from '@node-rs/argon2';
import { newSecret } from './auth.crypto.ts';

/**
 * Passwords are argon2id hashes with OWASP's parameters (19 MiB, 2 passes). The native module is
 * loaded on first use: serving the public site never needs it.
 */

// Algorithm is a const enum in the typings, which isolated modules cannot read: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;
const OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** The shortest and longest password accepted when one is chosen. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

let argon2: Promise<typeof import('@node-rs/argon2')> | undefined;
let dummyHash: Promise<string> | undefined;

function loadArgon2(): Promise<typeof import('@node-rs/argon2')> {
  return (argon2 ??= import('@node-rs/argon2'));
}

export async function hashPassword(password: string): Promise<string> {
  const { hash } = await loadArgon2();
  return hash(password, OPTIONS);
}

/**
 * Whether the password matches the hash. Without a hash (unknown account, account without a
 * password) a dummy hash is checked all the same, so the answer takes as long and says nothing.
 */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  const { verify } = await loadArgon2();
  if (hash === null) {
    dummyHash ??= hashPassword(newSecret());
    await verify(await dummyHash, password);
    return false;
  }
  try {
    return await verify(hash, password);
  } catch {
    // A hash that is not argon2 (a damaged row) matches nothing.
    return false;
  }
}
