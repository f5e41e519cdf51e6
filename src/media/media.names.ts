import path from 'node:path';
import { slugify } from '../lib/slug.ts';

/**
 * How the library names its files: `<yyyy>/<mm>/<slug>[-<width>w]-<hash>.<ext>`, the hash being ten
 * hex digits of the stored file's SHA-256, so that a name never changes and can be cached for a year.
 */

const NAME_SLUG_LENGTH = 60;

/** What the library puts after the slug: the width of a copy, if any, and ten hex digits of its hash. */
const STORED_SUFFIX = /-(?:\d+w-)?[0-9a-f]{10}$/;

/** A whole name as the library writes it, with the hash apart. */
const STORED_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*-(?:\d+w-)?([0-9a-f]{10})\.([a-z0-9]+)$/;

/** The folder of the month new files go to. */
export function monthFolder(now: Date): string {
  return `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * The uploader's file name reduced to a slug: no directory, no extension, nothing but [a-z0-9-].
 * A name the library wrote itself (a file of an export's media folder, brought back by an import)
 * loses its width and hash, which the new key adds again: "photo-1600w-5bcebe8e79.jpg" is "photo".
 */
export function nameSlug(originalName: string): string {
  const lastPart = originalName.split(/[\\/]/).pop() ?? '';
  const withoutExtension = lastPart.replace(/\.[^.]*$/, '');
  const slug = slugify(withoutExtension).replace(STORED_SUFFIX, '').slice(0, NAME_SLUG_LENGTH).replace(/-+$/, '');
  return slug || 'image';
}

/**
 * The key a file the library once wrote keeps when it is brought back (a file of an export's media
 * folder): its own name, and its `<yyyy>/<mm>` folder when it sits in one, so that the addresses
 * the articles and the rest of the web use still lead to it. A name is the library's only when its
 * hash is the file's own and its extension the type read from its content; undefined otherwise.
 */
export function keptStoredKey(file: string, sha256: string, ext: string, now: Date): string | undefined {
  const name = path.basename(file);
  const match = STORED_NAME.exec(name);
  if (!match || match[1] !== sha256.slice(0, 10) || match[2] !== ext) return undefined;
  const month = path.basename(path.dirname(file));
  const year = path.basename(path.dirname(path.dirname(file)));
  const folder = /^\d{4}$/.test(year) && /^(?:0[1-9]|1[0-2])$/.test(month) ? `${year}/${month}` : monthFolder(now);
  return `${folder}/${name}`;
}
