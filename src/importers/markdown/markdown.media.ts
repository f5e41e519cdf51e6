import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../../db/schema.ts';
import {
  detectImageType,
  importMediaFile,
  MAX_MEDIA_BYTES,
  MEDIA_URL_PREFIX,
  mediaRoot,
  MediaRejected,
  type MediaProblem,
} from '../../media/media.service.ts';
import { isInMediaLibrary } from './markdown.queries.ts';

type Executor = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

export type ImageOutcome = { ok: true; url: string } | { ok: false; problem: MediaProblem };

/**
 * The images of one import run. Each file is checked, and later copied, once however many
 * posts use it. Checking reads only a file's first bytes, so that a run with errors, or a dry
 * run, copies nothing; the library's own checks still apply when copying (SVG safety is only
 * judged there).
 */
export class ImportImages {
  private readonly checked = new Map<string, MediaProblem | undefined>();
  private readonly stored = new Map<string, ImageOutcome>();
  private readonly counted = new Set<string>();
  private readonly createdFiles: string[] = [];
  /** Images newly added to the library by this run (or that a dry run would add). */
  copied = 0;

  constructor(private readonly dataDir: string) {}

  /** Whether a found file looks like an image the library accepts; undefined when it does. */
  check(file: string): MediaProblem | undefined {
    if (!this.checked.has(file)) this.checked.set(file, firstLook(file));
    return this.checked.get(file);
  }

  /** Copies the file into the library (inside the import's transaction) and gives its URL. */
  async store(trx: Executor, file: string): Promise<ImageOutcome> {
    const known = this.stored.get(file);
    if (known) return known;
    let outcome: ImageOutcome;
    try {
      const media = await importMediaFile(trx, this.dataDir, file);
      if (media.created) {
        this.copied++;
        for (const key of [media.url.slice(MEDIA_URL_PREFIX.length), ...media.copyKeys]) this.createdFiles.push(path.join(mediaRoot(this.dataDir), key));
      }
      outcome = { ok: true, url: media.url };
    } catch (error) {
      if (!(error instanceof MediaRejected)) throw error;
      outcome = { ok: false, problem: error.problem };
    }
    this.stored.set(file, outcome);
    return outcome;
  }

  /** Counts, for a dry run, whether the file would be a new image in the library. */
  async countIfNew(db: Executor, file: string): Promise<void> {
    const sha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    if (this.counted.has(sha256)) return;
    this.counted.add(sha256);
    if (!(await isInMediaLibrary(db, sha256))) this.copied++;
  }

  /**
   * Removes the files this run added to the library: when the transaction is rolled back their
   * rows vanish, and files without rows would be orphans nobody can see or delete.
   */
  discardCopies(): void {
    for (const file of this.createdFiles) fs.rmSync(file, { force: true });
    this.createdFiles.length = 0;
    this.copied = 0;
  }
}

function firstLook(file: string): MediaProblem | undefined {
  let descriptor: number | undefined;
  try {
    if (fs.statSync(file).size > MAX_MEDIA_BYTES) return 'too_large';
    descriptor = fs.openSync(file, 'r');
    const head = Buffer.alloc(512);
    const length = fs.readSync(descriptor, head, 0, head.length, 0);
    return detectImageType(head.subarray(0, length)) ? undefined : 'unsupported';
  } catch {
    return 'missing';
  } finally {
    if (descriptor !== undefined) fs.closeSync(descriptor);
  }
}
