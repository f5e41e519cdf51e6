import type { Nodes, Paragraph, Root } from 'mdast';
import type { Point } from 'unist';

/**
 * Parsing a body without reading its plain prose twice.
 *
 * Most of an article is paragraphs of plain prose, and reading Markdown (micromark, then the
 * syntax tree) costs more than all the rest of a rendering together. A paragraph whose every
 * character the parser would take as text, and whose lines can start nothing but a paragraph,
 * can only become a paragraph holding that text. Such paragraphs (`plainParagraphs`) are each
 * given to the parser as a one-letter stand-in, which keeps the document's block structure
 * exactly (a paragraph between blank lines ends a list, a quote or a table as the original
 * does), then put back in the tree with the positions the whole text would have given.
 *
 * The tree is the parser's own in every case: a stand-in the parser did not read as a paragraph
 * of its own (inside a fenced code block, an HTML comment left open) makes the whole body parsed
 * as written. markdown.prose.test.ts compares the two trees, positions included, over every
 * Markdown body the project holds and thousands of generated ones.
 */

// Anything the parser may read as more than text: escapes and entities, code, emphasis and
// strikethrough, links, images and footnotes, HTML and autolinks, table cells, directives (a
// colon before almost any character: ":name", ":30", ":é"), bare addresses (GFM autolinks: an
// "@", "www.", a scheme), NUL and CR (which the parser rewrites). French typography's colon,
// followed by a space, is prose.
const NOT_PROSE = /[\\`*_~[\]<>&|@\0\r]|:(?![ \t\u00a0\u202f\n]|$)|www\.|https?:\/\//i;
// What a line of a paragraph may start with: a letter, or a digit not marking a list item, or
// an opening quote or parenthesis. Anything else might open a block (a list, a heading, a
// quote, a thematic break or setext underline, a fence, a table, a directive, indented code).
const PROSE_START = /^(?:[\p{L}«"“‘'(¿¡]|\d(?!\d{0,8}[.)](?:[ \t]|$)))/u;
// Trailing spaces make a hard break or are dropped; either way the text is not the line.
const TRAILING_SPACE = /[ \t]$/;
const BLANK = /^[ \t]*$/;
/** What stands in for a paragraph of prose while the rest is parsed. */
const STAND_IN = 'p';

/** A paragraph of plain prose: the body's text from `start` to `end` (both offsets), and its lines. */
export interface ProseParagraph {
  start: number;
  end: number;
  firstLine: number;
  lastLine: number;
  /** Length of its last line, for the column where it ends. */
  lastLineLength: number;
}

/** The paragraphs of plain prose in `markdown`, in order (see above). */
export function plainParagraphs(markdown: string): ProseParagraph[] {
  const found: ProseParagraph[] = [];
  let offset = 0;
  let line = 1;
  let run: { start: number; firstLine: number; prose: boolean; lastEnd: number; lastLine: number; lastLength: number } | undefined;
  const close = () => {
    if (run?.prose && !NOT_PROSE.test(markdown.slice(run.start, run.lastEnd))) {
      found.push({ start: run.start, end: run.lastEnd, firstLine: run.firstLine, lastLine: run.lastLine, lastLineLength: run.lastLength });
    }
    run = undefined;
  };
  while (offset <= markdown.length) {
    const newline = markdown.indexOf('\n', offset);
    const end = newline < 0 ? markdown.length : newline;
    const text = markdown.slice(offset, end);
    if (BLANK.test(text)) close();
    else {
      run ??= { start: offset, firstLine: line, prose: true, lastEnd: end, lastLine: line, lastLength: 0 };
      run.prose &&= PROSE_START.test(text) && !TRAILING_SPACE.test(text);
      run.lastEnd = end;
      run.lastLine = line;
      run.lastLength = end - offset;
    }
    if (newline < 0) break;
    offset = newline + 1;
    line++;
  }
  close();
  return found;
}

/** Paragraphs of prose with nothing but blank lines between them, and the span they cover: one stand-in holds them all. */
interface ProseRun extends ProseParagraph {
  paragraphs: ProseParagraph[];
}

function proseRuns(markdown: string, paragraphs: readonly ProseParagraph[]): ProseRun[] {
  const runs: ProseRun[] = [];
  for (const paragraph of paragraphs) {
    const last = runs.at(-1);
    if (last && BLANK_LINES.test(markdown.slice(last.end, paragraph.start))) {
      last.paragraphs.push(paragraph);
      last.end = paragraph.end;
      last.lastLine = paragraph.lastLine;
      last.lastLineLength = paragraph.lastLineLength;
    } else runs.push({ ...paragraph, paragraphs: [paragraph] });
  }
  return runs;
}

const BLANK_LINES = /^[ \t\n]*$/;

/**
 * The syntax tree of `markdown` as `parse` reads it, with its paragraphs of plain prose not read
 * by `parse` (see above).
 */
export function parseProseAware(markdown: string, parse: (markdown: string) => Root): Root {
  const runs = proseRuns(markdown, plainParagraphs(markdown));
  if (runs.length === 0) return parse(markdown);
  let shortened = '';
  let from = 0;
  for (const run of runs) {
    shortened += markdown.slice(from, run.start) + STAND_IN;
    from = run.end;
  }
  shortened += markdown.slice(from);
  const tree = parse(shortened);
  return restoreProse(tree, markdown, runs) ? tree : parse(markdown);
}

/**
 * Puts the prose back in place of the stand-ins and moves every position to where it is in
 * `markdown`. False when some stand-in is not a paragraph of its own in the tree.
 */
function restoreProse(tree: Root, markdown: string, runs: readonly ProseRun[]): boolean {
  // Where each stand-in sits in the shortened text, and how far the text after it moves.
  let shift = 0;
  let lines = 0;
  const standIns = runs.map((run) => {
    const standIn = { run, at: run.start - shift, shift, lines };
    shift += run.end - run.start - STAND_IN.length;
    lines += run.lastLine - run.firstLine;
    return standIn;
  });
  const moved = (point: Point): Point => {
    const { offset } = point;
    if (offset === undefined) return point;
    // The last stand-in that starts at or before the point.
    let low = 0;
    let high = standIns.length - 1;
    let index = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (standIns[middle]!.at <= offset) {
        index = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    if (index < 0) return point;
    const { run, at, shift, lines } = standIns[index]!;
    if (offset === at) return { line: run.firstLine, column: 1, offset: run.start };
    if (offset === at + STAND_IN.length) return { line: run.lastLine, column: run.lastLineLength + 1, offset: run.end };
    return {
      line: point.line + lines + (run.lastLine - run.firstLine),
      column: point.column,
      offset: offset + shift + (run.end - run.start - STAND_IN.length),
    };
  };
  let restored = 0;
  const visit = (node: Nodes): boolean => {
    if (node.position) node.position = { start: moved(node.position.start), end: moved(node.position.end) };
    if (!('children' in node)) return true;
    const children = node.children as Nodes[];
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!;
      if (child.type === 'paragraph' && isStandIn(child)) {
        const run = standIns[restored]?.run;
        if (!run || moved(child.position!.start).offset !== run.start) return false;
        const paragraphs = run.paragraphs.map((paragraph) => proseNode(markdown, paragraph));
        children.splice(index, 1, ...paragraphs);
        index += paragraphs.length - 1;
        restored++;
      } else if (!visit(child)) return false;
    }
    return true;
  };
  return visit(tree) && restored === standIns.length;
}

/** The paragraph the parser makes of a paragraph of prose: its text, as written. */
function proseNode(markdown: string, paragraph: ProseParagraph): Paragraph {
  const position = () => ({
    start: { line: paragraph.firstLine, column: 1, offset: paragraph.start },
    end: { line: paragraph.lastLine, column: paragraph.lastLineLength + 1, offset: paragraph.end },
  });
  return { type: 'paragraph', children: [{ type: 'text', value: markdown.slice(paragraph.start, paragraph.end), position: position() }], position: position() };
}

function isStandIn(node: Paragraph): boolean {
  const [only] = node.children;
  return node.children.length === 1 && only!.type === 'text' && only.value === STAND_IN && node.position !== undefined;
}
