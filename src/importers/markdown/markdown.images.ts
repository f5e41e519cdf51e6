import fs from 'node:fs';
import path from 'node:path';
import type { Definition, Image, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** An image the body refers to by a local path, and where that path is written. */
export interface BodyImage {
  /** The destination as Markdown reads it (escapes resolved). */
  written: string;
  /** 1-based line in the body. */
  line: number;
  /** Offsets in the body of the destination as typed, `<…>` included, for rewriting it. */
  start: number;
  end: number;
}

// GFM so that footnote definitions (`[^1]: …`) are not taken for link definitions.
const parser = unified().use(remarkParse).use(remarkGfm);

// The destination after `](`: `<anything but newlines>`, or text without spaces whose
// parentheses are balanced one level deep, as CommonMark allows.
const INLINE_DESTINATION = /\]\(\s*(<(?:[^<>\n\\]|\\.)*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+)/g;
const DEFINITION_DESTINATION = /\]:\s*(<(?:[^<>\n\\]|\\.)*>|\S+)/;

/**
 * Local images of a Markdown body: `![alt](path "title")`, and the definitions that
 * `![alt][label]` images use. Parsing (rather than a regular expression over the text) leaves
 * examples inside code blocks alone.
 */
export function findBodyImages(body: string): BodyImage[] {
  const tree = parser.parse(body) as Root;
  const inline: Image[] = [];
  const definitions: Definition[] = [];
  const referencedByImages = new Set<string>();
  visit(tree, (node) => {
    if (node.type === 'image') inline.push(node);
    else if (node.type === 'definition') definitions.push(node);
    else if (node.type === 'imageReference') referencedByImages.add(node.identifier);
  });

  const found: BodyImage[] = [];
  for (const image of inline) {
    if (!isLocalReference(image.url)) continue;
    const located = locate(body, image, (slice) => [...slice.matchAll(INLINE_DESTINATION)]);
    if (located) found.push(located);
  }
  for (const definition of definitions) {
    if (!referencedByImages.has(definition.identifier) || !isLocalReference(definition.url)) continue;
    const located = locate(body, definition, (slice) => {
      const match = DEFINITION_DESTINATION.exec(slice);
      return match ? [match] : [];
    });
    if (located) found.push(located);
  }
  return found.sort((a, b) => a.start - b.start);
}

function locate(body: string, node: Image | Definition, destinations: (slice: string) => RegExpMatchArray[]): BodyImage | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const slice = body.slice(start, end);
  // The alt text may itself contain "](", so the destination is the one that reads as the node's URL.
  for (const match of destinations(slice)) {
    const typed = match[1]!;
    if (readDestination(typed) !== node.url) continue;
    const offset = start + match.index! + match[0].length - typed.length;
    return { written: node.url, line: node.position!.start.line, start: offset, end: offset + typed.length };
  }
  return undefined;
}

function readDestination(typed: string): string {
  const inner = typed.startsWith('<') ? typed.slice(1, -1) : typed;
  return inner.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Whether a reference points at a file next to the Markdown rather than at the web. */
export function isLocalReference(reference: string): boolean {
  const trimmed = reference.trim();
  return trimmed !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !trimmed.startsWith('//') && !trimmed.startsWith('#');
}

/**
 * The file a local image reference names. Relative paths start from the Markdown file; paths
 * from the root start from the imported folder, or its `static/` (Hugo) or `public/` (Astro,
 * Eleventy) folder, where those generators keep files served as they are, or, for a Hugo
 * `content/` folder imported alone, its site's `static/`.
 */
export function resolveImageFile(reference: string, markdownFile: string, importDir: string): string | undefined {
  const withoutQuery = reference.replace(/[?#].*$/, '');
  const spellings = [...new Set([reference, withoutQuery, decodePath(withoutQuery)])];
  const servedFolders = ['', 'static', 'public'].map((folder) => path.join(importDir, folder));
  if (path.basename(importDir) === 'content') servedFolders.push(path.join(path.dirname(importDir), 'static'));
  for (const spelling of spellings) {
    const candidates = spelling.startsWith('/')
      ? servedFolders.map((folder) => path.join(folder, spelling))
      : [path.resolve(path.dirname(markdownFile), spelling)];
    const found = candidates.find(isFile);
    if (found) return found;
  }
  return undefined;
}

function decodePath(reference: string): string {
  try {
    return decodeURIComponent(reference);
  } catch {
    return reference;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The body with each image destination replaced, given in body order. */
export function rewriteDestinations(body: string, replacements: { start: number; end: number; url: string }[]): string {
  let result = '';
  let last = 0;
  for (const { start, end, url } of replacements) {
    result += body.slice(last, start) + url;
    last = end;
  }
  return result + body.slice(last);
}
