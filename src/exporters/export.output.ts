import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { KiosqueError } from '../errors.ts';
import { systemErrorReason } from '../lib/system-errors.ts';

/**
 * Where an export goes. Everything is written under a temporary name beside the target and
 * renamed into place only once complete, so an interrupted or failed export never leaves half a
 * file (or half a folder) where a complete one is expected, and never damages what was there.
 */

export interface OutputOptions {
  /** Replace an existing file, or a folder that is not empty. */
  force?: boolean;
}

// Text is gathered into blocks of this size before each write: one system call per block, not per item.
const BLOCK_CHARS = 64 * 1024;

/** Temporary files and folders of exports under way, for `removeUnfinishedExports`. */
const unfinished = new Set<string>();

/** Removes what exports under way have written so far: for a command stopped by Ctrl-C or SIGTERM. */
export function removeUnfinishedExports(): void {
  for (const temporary of unfinished) fs.rmSync(temporary, { recursive: true, force: true });
  unfinished.clear();
}

/** A text file written in blocks as it is produced, renamed into place by `commit`. */
export class ExportFile {
  private pending: string[] = [];
  private pendingChars = 0;
  bytes = 0;

  private constructor(
    readonly target: string,
    private readonly temporary: string,
    private readonly handle: fs.promises.FileHandle,
  ) {}

  static async open(target: string, options: OutputOptions = {}): Promise<ExportFile> {
    const absolute = path.resolve(target);
    const existing = statOf(absolute);
    if (existing?.isDirectory()) throw new KiosqueError('export_target_is_folder', { path: absolute });
    if (existing && !options.force) throw new KiosqueError('export_target_exists', { path: absolute });
    const temporary = temporaryName(absolute);
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(temporary, 'wx');
    } catch (error) {
      throw unwritable(absolute, error);
    }
    unfinished.add(temporary);
    return new ExportFile(absolute, temporary, handle);
  }

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= BLOCK_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const block = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingChars = 0;
    await this.handle.write(block);
    this.bytes += block.length;
  }

  /** Writes what remains, and puts the complete file in place of the target. */
  async commit(): Promise<void> {
    try {
      await this.flush();
      await this.handle.sync();
      await this.handle.close();
      fs.renameSync(this.temporary, this.target);
      unfinished.delete(this.temporary);
    } catch (error) {
      await this.discard();
      throw unwritable(this.target, error);
    }
  }

  /** Removes the temporary file; the target is left as it was. */
  async discard(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    fs.rmSync(this.temporary, { force: true });
    unfinished.delete(this.temporary);
  }
}

/** A folder filled under a temporary name, then put in place of the target by `commit`. */
export class ExportFolder {
  /** Bytes written so far, copies included. */
  bytes = 0;

  private constructor(
    readonly target: string,
    /** Where files are written until `commit`. */
    readonly root: string,
  ) {}

  static open(target: string, options: OutputOptions = {}): ExportFolder {
    const absolute = path.resolve(target);
    const existing = statOf(absolute);
    // --force replaces a folder with a folder, never a file: that file is not an earlier export.
    if (existing && !existing.isDirectory()) throw new KiosqueError('export_target_is_file', { path: absolute });
    if (existing && !options.force && fs.readdirSync(absolute).length > 0) throw new KiosqueError('export_folder_not_empty', { path: absolute });
    const root = temporaryName(absolute);
    try {
      fs.mkdirSync(root);
    } catch (error) {
      throw unwritable(absolute, error);
    }
    unfinished.add(root);
    return new ExportFolder(absolute, root);
  }

  /** Writes a text file at a path relative to the folder, making its subfolders. */
  writeText(relative: string, text: string): void {
    const file = this.pathOf(relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text, { flag: 'wx' });
    this.bytes += Buffer.byteLength(text);
  }

  copyFile(source: string, relative: string): void {
    const file = this.pathOf(relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.copyFileSync(source, file, fs.constants.COPYFILE_EXCL);
    this.bytes += fs.statSync(file).size;
  }

  private pathOf(relative: string): string {
    const file = path.resolve(this.root, relative);
    // Paths come from slugs and storage keys, which cannot climb; this keeps it so whatever they become.
    if (!file.startsWith(this.root + path.sep)) throw new Error(`Export path outside its folder: ${relative}`);
    return file;
  }

  /** Puts the complete folder in place of the target; a replaced folder is removed only after. */
  commit(): void {
    const previous = fs.existsSync(this.target) ? temporaryName(this.target) : undefined;
    try {
      if (previous) fs.renameSync(this.target, previous);
      fs.renameSync(this.root, this.target);
      unfinished.delete(this.root);
    } catch (error) {
      if (previous && !fs.existsSync(this.target)) fs.renameSync(previous, this.target);
      this.discard();
      throw unwritable(this.target, error);
    }
    if (previous) fs.rmSync(previous, { recursive: true, force: true });
  }

  discard(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
    unfinished.delete(this.root);
  }
}

function temporaryName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.part`);
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function unwritable(target: string, error: unknown): KiosqueError {
  return new KiosqueError('export_target_unwritable', { path: target, detail: systemErrorReason(error) }, { cause: error });
}
