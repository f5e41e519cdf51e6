import fs from 'node:fs';
import path from 'node:path';
import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../../db/schema.ts';
import { MEDIA_URL_PREFIX, type MediaProblem } from '../../media/media.service.ts';
import { ImportImages } from '../markdown/markdown.media.ts';
import { originalMediaUrl } from './wp.content.media.ts';
import { detached } from './wp.fields.ts';

type Trx = Transaction<DatabaseSchema>;

const UPLOADS = /\/wp-content\/uploads\/([^?#]+)/;

/** Why a file of the uploads folder was not brought into the media library. */
export type WpMediaProblem = MediaProblem | 'outside';

/** An attachment item, as featured images and old addresses need it. */
export interface ImportedAttachment {
  /** The file's address on the old blog (wp:attachment_url). */
  url: string;
  /** Its address now: /media/… once copied, else the original. */
  localUrl: string;
  mediaId: number | null;
  alt: string;
  caption: string;
  /** The attachment page's address (the item's link) and the post it was uploaded to. */
  link: string;
  parentId: number;
  /** File names of the sizes WordPress made of it ('photo-300x200.jpg'), whose old addresses lead to it too. */
  resizedCopies: string[];
}

/**
 * The old blog's uploaded files. With an uploads folder (`--media`), each file an import refers
 * to is found there by its path after wp-content/uploads/, copied once into the media library, and
 * its addresses rewritten; without one, or when a file is missing, the original address is kept
 * and listed for the report.
 */
export class WpMedia {
  private readonly images: ImportImages;
  private readonly root: string | undefined;
  /** Path after wp-content/uploads/ → the file's /media/… address. */
  private readonly copied = new Map<string, { url: string; mediaId: number | null }>();
  private readonly failed = new Set<string>();
  /** Files a dry run counted, once each. */
  private readonly counted = new Set<string>();
  /** Uploads addresses left at the old blog, in the order they were met. */
  readonly remote = new Set<string>();
  readonly attachments = new Map<number, ImportedAttachment>();
  /**
   * Uploads addresses of resized copies the content named (`photo-1024x768.jpg`), once each: the
   * content now shows the original, and their old addresses must lead to it too, even when neither
   * the folder nor the attachment's metadata knows that size (a theme's, added after the upload).
   */
  readonly resizedReferences = new Set<string>();

  constructor(
    dataDir: string,
    uploadsDir: string | undefined,
    private readonly dryRun: boolean,
  ) {
    this.images = new ImportImages(dataDir);
    this.root = uploadsDir === undefined ? undefined : fs.realpathSync(uploadsDir);
  }

  /** Images newly added to the media library (or that a dry run would add). */
  get copiedCount(): number {
    return this.images.copied;
  }

  /** Where an uploads address points inside the uploads folder ('2024/05/photo.jpg'), if it is one. */
  static uploadsPath(url: string): string | undefined {
    const match = UPLOADS.exec(url);
    if (!match) return undefined;
    try {
      return decodeURIComponent(match[1]!);
    } catch {
      return match[1];
    }
  }

  /** The library address of an uploads file brought in earlier in this run: what content conversion rewrites to. */
  readonly mediaUrl = (url: string): string | undefined => {
    const relative = WpMedia.uploadsPath(url);
    return relative === undefined ? undefined : this.copied.get(relative)?.url;
  };

  /**
   * Brings in the file behind an uploads address, once per run, and gives its new address; or
   * keeps the address (listed in the report) and says why when there is a reason to tell.
   */
  async bring(trx: Trx, url: string): Promise<{ url: string; mediaId: number | null; problem?: WpMediaProblem }> {
    const relative = WpMedia.uploadsPath(url);
    if (relative === undefined) return { url, mediaId: null };
    const outcome = await this.tryBring(trx, relative);
    if (outcome && 'problem' in outcome) {
      this.failed.add(detached(relative));
      this.remote.add(detached(url));
      return { url, mediaId: null, problem: outcome.problem };
    }
    if (!outcome && (this.root === undefined || this.failed.has(relative))) this.remote.add(detached(url));
    return outcome ?? { url, mediaId: null };
  }

  /**
   * An uploads address a post's content names. A resized copy ("photo-300x200.jpg") is brought
   * as its original when the folder has it: the library makes its own sizes, and the original
   * is the file the attachment (and a featured image) already brought. Says whether a file was
   * newly brought, so the content is converted again with its address.
   */
  async bringReferenced(trx: Trx, url: string): Promise<{ copied: boolean; problem?: WpMediaProblem }> {
    const relative = WpMedia.uploadsPath(url);
    if (relative === undefined) return { copied: false };
    const original = WpMedia.uploadsPath(originalMediaUrl(url))!;
    if (original !== relative) this.resizedReferences.add(detached(url));
    if (this.copied.has(relative) || this.copied.has(original)) return { copied: false };
    if (original !== relative && !this.failed.has(original)) {
      const outcome = await this.tryBring(trx, original);
      if (outcome && !('problem' in outcome)) return { copied: true };
    }
    const brought = await this.bring(trx, url);
    return brought.problem ? { copied: false, problem: brought.problem } : { copied: this.copied.has(relative) };
  }

  /** undefined: nothing to bring (no uploads folder, a file that failed before). */
  private async tryBring(trx: Trx, relative: string): Promise<{ url: string; mediaId: number | null } | { problem: WpMediaProblem } | undefined> {
    const known = this.copied.get(relative);
    if (known) return known;
    if (this.root === undefined || this.failed.has(relative)) return undefined;
    const file = this.fileOf(relative);
    const problem = file === undefined ? 'outside' : this.images.check(file);
    if (problem || file === undefined) return { problem: problem ?? 'missing' };
    if (this.dryRun) {
      if (!this.counted.has(relative)) await this.images.countIfNew(trx, file);
      this.counted.add(detached(relative));
      // An address in the library stands for the copy a real run would make, so that the content
      // and the old addresses' redirects are counted as that run will count them.
      const planned = { url: `${MEDIA_URL_PREFIX}${relative}`, mediaId: null };
      this.copied.set(detached(relative), planned);
      return planned;
    }
    const outcome = await this.images.store(trx, file);
    if (!outcome.ok) return { problem: outcome.problem };
    const row = await trx.selectFrom('media').select('id').where('storage_key', '=', outcome.url.slice(MEDIA_URL_PREFIX.length)).executeTakeFirst();
    const copied = { url: outcome.url, mediaId: row?.id ?? null };
    this.copied.set(detached(relative), copied);
    return copied;
  }

  /**
   * The file in the uploads folder, never outside it: an export can name any path
   * ('../../etc/passwd'), and a link inside the folder can point anywhere.
   */
  private fileOf(relative: string): string | undefined {
    const root = this.root!;
    const candidate = path.resolve(root, relative);
    if (!candidate.startsWith(root + path.sep)) return undefined;
    try {
      const real = fs.realpathSync(candidate);
      return real.startsWith(root + path.sep) ? real : undefined;
    } catch {
      // Missing: the library's check says so.
      return candidate;
    }
  }

  /**
   * The files earlier imports brought into the library, by their uploads path: importing again,
   * with or without the uploads folder, keeps their library addresses instead of going back to the
   * old blog's (and copies nothing twice).
   */
  async rememberEarlierCopies(trx: Trx): Promise<void> {
    const rows = await trx
      .selectFrom('import_mappings')
      .innerJoin('media', 'media.id', 'import_mappings.local_id')
      .select(['import_mappings.source_url', 'media.id', 'media.storage_key'])
      .where('import_mappings.source', '=', 'wordpress')
      .where('import_mappings.kind', '=', 'attachment')
      .execute();
    for (const row of rows) {
      const relative = row.source_url === null ? undefined : WpMedia.uploadsPath(row.source_url);
      if (relative !== undefined) this.copied.set(relative, { url: MEDIA_URL_PREFIX + row.storage_key, mediaId: row.id });
    }
  }

  /** Removes the files copied by a run whose transaction was rolled back. */
  discard(): void {
    this.images.discardCopies();
  }
}
