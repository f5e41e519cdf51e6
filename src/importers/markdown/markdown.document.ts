import fs from 'node:fs';
import { systemErrorReason } from '../../lib/system-errors.ts';
import type { SourceFile } from './markdown.files.ts';
import { splitFrontMatter, type FrontMatter } from './markdown.frontmatter.ts';
import { findBodyImages, resolveImageFile } from './markdown.images.ts';
import { mapFrontMatter, type MappedPost } from './markdown.mapping.ts';
import { importProblem, type ImportProblem } from './markdown.problems.ts';
import type { HugoSite } from './markdown.hugo.ts';
import type { JekyllSite } from './markdown.jekyll.ts';

/** One Markdown file, read and understood, not yet written anywhere. */
export interface ImportDocument {
  source: SourceFile;
  post: MappedPost;
  body: string;
  images: LocalImage[];
}

/** A local image reference and where its library URL will go. */
export interface LocalImage {
  written: string;
  /** Line in the Markdown file. */
  line: number;
  /** The file to copy; undefined when none was found, or it is not an image the library takes. */
  file: string | undefined;
  /** The destination's offsets in the body, or the post's main image. */
  place: { start: number; end: number } | 'cover';
}

export interface ReadingContext {
  importDir: string;
  timeZone: string;
  now: Date;
  hugo?: HugoSite | undefined;
  jekyll?: JekyllSite | undefined;
}

export type ReadResult =
  | { ok: true; document: ImportDocument }
  | { ok: false; problems: ImportProblem[] }
  /** Not a post: left out of the import, with a warning that says why. */
  | { ok: false; leftOut: ImportProblem };

/** A file's front matter and body, or why it cannot be read: articles and term files alike. */
export function readFrontMatterFile(source: SourceFile): { ok: true; frontMatter: FrontMatter } | { ok: false; problems: ImportProblem[] } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(source.absolute);
  } catch (error) {
    return { ok: false, problems: [importProblem(source.relative, { line: 1, code: 'file_unreadable', params: { detail: systemErrorReason(error) } })] };
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) return { ok: false, problems: [importProblem(source.relative, { line: firstBadLine(bytes), code: 'file_not_utf8', params: {} })] };
  const split = splitFrontMatter(text);
  return split.ok ? split : { ok: false, problems: [importProblem(source.relative, split.problem)] };
}

export function readMarkdownDocument(source: SourceFile, context: ReadingContext): ReadResult {
  const read = readFrontMatterFile(source);
  if (!read.ok) return read;
  const { frontMatter } = read;
  // Jekyll serves a file without front matter as it is, and a README or a CHANGELOG has none:
  // such a file is no post, and one without a title would stop the whole import.
  if (frontMatter.format === undefined) return { ok: false, leftOut: importProblem(source.relative, { line: 1, code: 'front_matter_missing', params: {} }) };
  const mapped = mapFrontMatter(frontMatter, { relativeFile: source.relative, timeZone: context.timeZone, now: context.now, hugo: context.hugo, jekyll: context.jekyll });
  if (!mapped.ok) return { ok: false, problems: mapped.problems.map((problem) => importProblem(source.relative, problem)) };

  const images: LocalImage[] = [];
  const cover = mapped.post.localImage;
  if (cover) {
    images.push({ written: cover.written, line: cover.line, file: resolveImageFile(cover.written, source.absolute, context.importDir), place: 'cover' });
  }
  for (const image of findBodyImages(frontMatter.body)) {
    images.push({
      written: image.written,
      line: frontMatter.bodyLine + image.line - 1,
      file: resolveImageFile(image.written, source.absolute, context.importDir),
      place: { start: image.start, end: image.end },
    });
  }
  return { ok: true, document: { source, post: mapped.post, body: frontMatter.body, images } };
}

// Fatal: a Latin-1 file read leniently would be imported with U+FFFD in place of its accents.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The line holding the first byte that is not UTF-8; a line feed is never part of a longer UTF-8 character, so lines are checked alone. */
function firstBadLine(bytes: Buffer): number {
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end === -1 ? bytes.length : end;
    if (decodeUtf8(bytes.subarray(start, stop)) === undefined) return line;
    start = stop + 1;
  }
  return 1;
}
