import type { MessageKey, Phrase } from '../i18n/i18n.ts';

/**
 * Why the system refused to read or write a file or folder, or to use an address, in words:
 * "permission denied" rather than "EACCES", for the sentences that name them (`systemError.*` messages).
 */

const REASONS: Record<string, MessageKey> = {
  ENOENT: 'systemError.notFound',
  EACCES: 'systemError.denied',
  EPERM: 'systemError.denied',
  EISDIR: 'systemError.isFolder',
  ENOTDIR: 'systemError.notFolder',
  ENOSPC: 'systemError.diskFull',
  EDQUOT: 'systemError.diskFull',
  EROFS: 'systemError.readOnly',
  EEXIST: 'systemError.exists',
  ENAMETOOLONG: 'systemError.nameTooLong',
  ELOOP: 'systemError.linkLoop',
  EMFILE: 'systemError.tooManyOpen',
  ENFILE: 'systemError.tooManyOpen',
  EBUSY: 'systemError.busy',
  EIO: 'systemError.io',
  // Addresses a server is told to listen on.
  EADDRNOTAVAIL: 'systemError.addressNotHere',
  ENOTFOUND: 'systemError.unknownHost',
  EAI_AGAIN: 'systemError.unknownHost',
};

/**
 * The reason of a failed file or socket operation: a phrase of the catalogs for the system's
 * usual codes, else the code itself ("EXDEV"), else the error's own message.
 */
export function systemErrorReason(error: unknown): Phrase | string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') {
    const key = REASONS[code];
    return key ? { key } : code;
  }
  return error instanceof Error ? error.message : String(error);
}
