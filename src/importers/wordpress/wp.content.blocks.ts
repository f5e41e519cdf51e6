import { wpautop } from './wp.content.autop.ts';

/**
 * Gutenberg content is HTML between block comments (`<!-- wp:name {"json"} -->` … `<!-- /wp:name -->`,
 * or `<!-- wp:name /-->`). The HTML inside a block is what WordPress shows, so the comments are
 * removed; a few blocks need their attributes (an embed's address), and text outside any block
 * is classic content ("freeform"), which the editor shows after wpautop.
 */

// Gutenberg's block grammar: 1 "/" of a closer, 2 namespace ("core/" when absent), 3 name, 4 JSON attributes, 5 "/" of a void block.
const DELIMITER = /^<!--\s+(\/)?wp:([a-z][a-z0-9_-]*\/)?([a-z][a-z0-9_-]*)\s+(?:(\{[\s\S]*\})\s+)?(\/)?-->$/;
// Deeper nesting than any editor makes is hostile: its delimiters are dropped, its content kept.
const MAX_DEPTH = 64;

export interface BlockProblem {
  code: 'block_dropped';
  detail: string;
}

/**
 * Void blocks that show nothing, or nothing the text needs. Any other void block (latest posts,
 * archives…) is drawn by PHP from the database: its content is not in the export, except a reusable
 * block's, which is an item of its own.
 * core/footnotes marks where WordPress lists the notes, which Kiosque lists at the end of the article.
 */
const SILENT_VOID = new Set(['core/footnotes', 'core/separator', 'core/spacer', 'core/more', 'core/nextpage', 'core/freeform']);

interface OpenBlock {
  name: string;
  attributes: Record<string, unknown>;
  /** Index in the output where the block's content starts. */
  start: number;
}

/**
 * The content of a reusable block (`<!-- wp:block {"ref":345} /-->`) by its id: the `wp_block`
 * item of the same export; undefined when the export has none by that id.
 */
export type ReusableBlocks = (ref: number) => string | undefined;

/** Turns block markup into plain HTML that the Markdown writer reads, reporting blocks whose content cannot be recovered. */
export function flattenBlocks(content: string, report: (problem: BlockProblem) => void, reusable?: ReusableBlocks, within: readonly number[] = []): string {
  const output: string[] = [];
  const open: OpenBlock[] = [];
  let position = 0;
  const pushText = (text: string) => {
    if (text === '') return;
    // Outside every block is classic-editor text, which WordPress showed through wpautop.
    output.push(open.length === 0 ? wpautop(text) : text);
  };
  // A comment ends at the first "-->" (WordPress escapes it inside attributes), so each comment
  // is cut out first and then matched whole: the pattern never scans past it.
  let from = 0;
  for (let start = content.indexOf('<!--'); start !== -1; start = content.indexOf('<!--', from)) {
    const end = content.indexOf('-->', start + 4);
    if (end === -1) break;
    from = end + 3;
    const comment = content.slice(start, from);
    const match = comment.includes('wp:') ? DELIMITER.exec(comment) : null;
    // Other comments stay in the text (the HTML reader drops them).
    if (!match) continue;
    pushText(content.slice(position, start));
    position = from;
    const [, closer, namespace, shortName, json, isVoid] = match;
    const name = `${namespace ?? 'core/'}${shortName}`;
    if (isVoid) {
      const attributes = parseAttributes(json);
      const ref = name === 'core/block' ? attributes.ref : undefined;
      // A reusable block holding itself, however deep, is shown once.
      const inlined = typeof ref === 'number' && !within.includes(ref) ? reusable?.(ref) : undefined;
      if (inlined !== undefined) output.push(`${flattenBlocks(inlined, report, reusable, [...within, ref as number])}\n`);
      else if (!SILENT_VOID.has(name)) report({ code: 'block_dropped', detail: describe(name, attributes) });
    } else if (!closer) {
      if (open.length < MAX_DEPTH) open.push({ name, attributes: parseAttributes(json), start: output.length });
    } else {
      let index = open.length - 1;
      while (index >= 0 && (open[index] as OpenBlock).name !== name) index--;
      // A closer without its opener (the excerpt break splits a post in two) is only dropped.
      if (index === -1) continue;
      const block = open[index] as OpenBlock;
      open.length = index;
      const inner = output.splice(block.start).join('');
      output.push(renderBlock(block, inner));
    }
  }
  pushText(content.slice(position));
  return output.join('');
}

function renderBlock(block: OpenBlock, inner: string): string {
  if (block.name === 'core/embed' || block.name.startsWith('core-embed/')) {
    const url = typeof block.attributes.url === 'string' ? block.attributes.url : wrapperText(inner);
    const caption = /<figcaption[^>]*>([\s\S]*?)<\/figcaption>/i.exec(inner)?.[1] ?? '';
    return `<figure class="wp-block-embed"><wp-embed url="${url.replace(/"/g, '&quot;').replace(/</g, '&lt;')}"></wp-embed><figcaption>${caption}</figcaption></figure>`;
  }
  if (block.name === 'core/more' || block.name === 'core/nextpage') return '';
  // A block that closes on its own line must stay apart from the next one's text.
  return `${inner}\n`;
}

/** The address a legacy embed block holds in its wrapper when its attributes lack it. */
function wrapperText(inner: string): string {
  const wrapper = /<div class="wp-block-embed__wrapper">([\s\S]*?)<\/div>/i.exec(inner)?.[1] ?? '';
  return wrapper.replace(/<[^>]*>/g, '').trim();
}

function parseAttributes(json: string | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function describe(name: string, attributes: Record<string, unknown>): string {
  const ref = attributes.ref;
  return typeof ref === 'number' ? `${name} (ref ${ref})` : name;
}
