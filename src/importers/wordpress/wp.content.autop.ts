/**
 * WordPress's wpautop, which themes run on classic-editor content when it is shown: the stored
 * text has bare line breaks where the reader sees paragraphs. Its rules, in WordPress's order:
 * a blank line separates paragraphs, a single line break is a <br>, except next to block-level
 * tags, and nothing inside <pre> is touched. Two <br>s in a row count as a blank line.
 */

const BLOCKS =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote' +
  '|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure' +
  '|figcaption|details|menu|summary)';

const DOUBLE_BREAK = /<br\s*\/?>\s*<br\s*\/?>/gi;
const BLOCK_OPEN = new RegExp(`(<${BLOCKS}[\\s/>])`, 'gi');
const BLOCK_CLOSE = new RegExp(`(</${BLOCKS}>)`, 'gi');
const HR = /<hr\s*?\/?>/gi;
const TAG_WITH_NEWLINE = /<[^<>]*\n[^<>]*>/g;
const MULTILINE_TAG = /<[^<>]*\n[^<>]*>/;
const PARAGRAPH_SPLIT = /\n\s*\n/;
const EMPTY_PARAGRAPH = /<p>\s*<\/p>/g;
const PARAGRAPH_AROUND_BLOCK_TAG = new RegExp(`<p>\\s*(</?${BLOCKS}[^>]*>)\\s*</p>`, 'gi');
const PARAGRAPH_AROUND_LIST_ITEM = /<p>(<li.+?)<\/p>/g;
const PARAGRAPH_BEFORE_BLOCK_TAG = new RegExp(`<p>\\s*(</?${BLOCKS}[^>]*>)`, 'gi');
const PARAGRAPH_AFTER_BLOCK_TAG = new RegExp(`(</?${BLOCKS}[^>]*>)\\s*</p>`, 'gi');
const BREAK_AFTER_BLOCK_TAG = new RegExp(`(</?${BLOCKS}[^>]*>)\\s*<br />`, 'gi');
const BREAK_BEFORE_BLOCK_TAG = /<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)/gi;
const PRE = /<pre[\s>][\s\S]*?<\/pre>/gi;
const PRE_PLACEHOLDER = /<pre wp-pre-tag-(\d+)><\/pre>/g;
const TEXT_SENSITIVE = /<(script|style|svg)[\s>][\s\S]*?<\/\1>/gi;

/** Adds the <p> and <br> that WordPress adds to classic content when showing it. */
export function wpautop(content: string): string {
  if (content.trim() === '') return '';
  let text = `${content}\n`;
  const preBlocks: string[] = [];
  if (text.includes('<pre')) {
    text = text.replace(PRE, (pre) => `<pre wp-pre-tag-${preBlocks.push(pre) - 1}></pre>`);
  }
  if (text.includes('<br')) text = text.replace(DOUBLE_BREAK, '\n\n');
  text = text
    .replace(BLOCK_OPEN, '\n\n$1')
    .replace(BLOCK_CLOSE, '$1\n\n')
    .replace(HR, '<hr />\n\n')
    .replace(/\r\n?/g, '\n')
    .replace(/\n\n+/g, '\n\n');
  // A line break inside a tag is only attribute spacing: it must not become a <br>.
  if (MULTILINE_TAG.test(text)) text = text.replace(TAG_WITH_NEWLINE, (tag) => tag.replace(/\s*\n\s*/g, ' '));
  text = text
    .split(PARAGRAPH_SPLIT)
    .filter((piece) => piece.trim() !== '')
    .map((piece) => `<p>${piece.replace(/^\n+|\n+$/g, '')}</p>\n`)
    .join('')
    .replace(EMPTY_PARAGRAPH, '')
    .replace(PARAGRAPH_AROUND_BLOCK_TAG, '$1')
    .replace(PARAGRAPH_AROUND_LIST_ITEM, '$1');
  if (text.includes('<blockquote')) text = text.replace(/<p><blockquote([^>]*)>/gi, '<blockquote$1><p>').replace(/<\/blockquote><\/p>/g, '</p></blockquote>');
  text = text
    .replace(PARAGRAPH_BEFORE_BLOCK_TAG, '$1')
    .replace(PARAGRAPH_AFTER_BLOCK_TAG, '$1');
  // Line breaks inside scripts, styles and drawings are code, not text.
  const kept: string[] = [];
  if (/<(?:script|style|svg)[\s>]/i.test(text)) text = text.replace(TEXT_SENSITIVE, (block) => `<wp-kept-${kept.push(block) - 1}>`);
  if (text.includes('<br')) text = text.replace(/<br>|<br\/>/gi, '<br />');
  text = lineBreaks(text)
    .replace(BREAK_AFTER_BLOCK_TAG, '$1')
    .replace(BREAK_BEFORE_BLOCK_TAG, '$1')
    .replace(/\n<\/p>$/, '</p>');
  if (kept.length > 0) text = text.replace(/<wp-kept-(\d+)>/g, (_, index: string) => kept[Number(index)] ?? '');
  return preBlocks.length > 0 ? text.replace(PRE_PLACEHOLDER, (_, index: string) => preBlocks[Number(index)] ?? '') : text;
}

/**
 * Every remaining line break becomes "<br />" plus the break, trailing spaces dropped, unless the
 * line already ends with one (WordPress: `(?<!<br />)\s*\n`). Cut by hand: the pattern tried a
 * match at every space of the text.
 */
function lineBreaks(text: string): string {
  const lines = text.split('\n');
  const last = lines.length - 1;
  for (let index = 0; index < last; index++) {
    const line = withoutTrailingSpace(lines[index] as string);
    lines[index] = line.endsWith('<br />') ? line : `${line}<br />`;
  }
  return lines.join('\n');
}

// PHP's \s: space, tab, carriage return, form feed, vertical tab; not JavaScript's non-breaking space.
function withoutTrailingSpace(line: string): string {
  let end = line.length;
  while (end > 0 && [32, 9, 13, 12, 11].includes(line.charCodeAt(end - 1))) end--;
  return end === line.length ? line : line.slice(0, end);
}
