import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The few primitives every secret of the newsroom goes through. A secret handed to a person
 * (cookie, invitation link, API token, recovery code) is random and kept only as its SHA-256
 * digest: a copy of the database cannot be replayed.
 */

/** A new random secret, URL-safe. 32 bytes are out of reach of guessing. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 (hex) of a secret: what the database keeps instead of it. */
export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares two secrets in constant time. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
