import fs from 'node:fs';
import path from 'node:path';
import { KiosqueError } from '../../errors.ts';
import type { Phrase } from '../../i18n/i18n.ts';
import { systemErrorReason } from '../../lib/system-errors.ts';

export interface SourceFile {
  absolute: string;
  /** Inside the imported folder, with forward slashes whatever the system. */
  relative: string;
}

export interface UnreadableFolder extends SourceFile {
  detail: Phrase | string;
}

const MARKDOWN_FILE = /\.(md|markdown)$/i;
// MDX (Astro, Eleventy) is JSX as much as Markdown: `{expressions}`, components and imports that
// Kiosque cannot run, and even a file without them does not read as Markdown reads it (`<`, `{`,
// HTML comments). Such files are listed so the report can say they were left out.
const MDX_FILE = /\.mdx$/i;
// Installed dependencies, built sites, templates, themes and data of Jekyll, Hugo, Eleventy and
// Astro hold Markdown files that are not content (package and theme READMEs, a theme's
// exampleSite, Hugo's archetypes whose `date: {{ .Date }}` is a template), wherever they are.
const SKIPPED_FOLDERS = new Set(['node_modules', 'vendor', '_site', '_layouts', '_includes', '_data', '_sass', '_plugins', 'archetypes', 'themes', 'layouts']);
// Beside `content/`, at a Hugo site's root, these hold assets, data and the built site; elsewhere a
// blog may well have a section of that name ("resources").
const SITE_ROOT_FOLDERS = new Set(['assets', 'data', 'i18n', 'public', 'resources', 'static']);

/**
 * The Markdown files of a folder and its subfolders, sorted by path, skipping hidden folders and
 * files and the folders of a site that are never content. Throws when the folder itself cannot be
 * read; a subfolder that cannot is listed apart, and so are the MDX files, which are not imported.
 */
export function listMarkdownFiles(root: string): { files: SourceFile[]; mdxFiles: SourceFile[]; unreadableFolders: UnreadableFolder[] } {
  try {
    if (!fs.statSync(root).isDirectory()) throw new Error('not a directory');
    fs.readdirSync(root);
  } catch (error) {
    throw new KiosqueError('import_source_missing', { path: root }, { cause: error });
  }
  const files: SourceFile[] = [];
  const mdxFiles: SourceFile[] = [];
  const unreadableFolders: UnreadableFolder[] = [];
  const pending = [root];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      unreadableFolders.push({ ...source(root, folder), detail: systemErrorReason(error) });
      continue;
    }
    const siteRoot = entries.some((entry) => entry.isDirectory() && entry.name === 'content');
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const absolute = path.join(folder, entry.name);
      // Linked folders are not followed: a link back to a parent would never end.
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !(siteRoot && SITE_ROOT_FOLDERS.has(entry.name))) pending.push(absolute);
        continue;
      }
      const list = MARKDOWN_FILE.test(entry.name) ? files : MDX_FILE.test(entry.name) ? mdxFiles : undefined;
      if (list && (entry.isFile() || isLinkToFile(absolute))) list.push(source(root, absolute));
    }
  }
  const byPath = (a: SourceFile, b: SourceFile) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0);
  return { files: files.sort(byPath), mdxFiles: mdxFiles.sort(byPath), unreadableFolders: unreadableFolders.sort(byPath) };
}

function source(root: string, absolute: string): SourceFile {
  return { absolute, relative: path.relative(root, absolute).split(path.sep).join('/') };
}

function isLinkToFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
