/**
 * Bold, italic and strikethrough are written as placeholders, one character each, and chosen
 * once the paragraph is whole (`resolveEmphasis`): "**" cannot close after « » and before a letter.
 */
export const EMPHASIS_MARKS = {
  strong: { open: '\u0002', close: '\u0003' },
  emphasis: { open: '\u0004', close: '\u0005' },
  strike: { open: '\u0006', close: '\u0007' },
} as const;
const EMPHASIS_SYNTAX: Record<string, { markdown: string; tag: string }> = {
  '\u0002': { markdown: '**', tag: '<strong>' },
  '\u0003': { markdown: '**', tag: '</strong>' },
  '\u0004': { markdown: '*', tag: '<em>' },
  '\u0005': { markdown: '*', tag: '</em>' },
  '\u0006': { markdown: '~~', tag: '<del>' },
  '\u0007': { markdown: '~~', tag: '</del>' },
};
const PLACEHOLDER = /[\u0002-\u0007]/;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const WORD = /[\p{L}\p{N}]/u;

/**
 * Writes the emphasis placeholders as Markdown markers, or as HTML tags where Markdown would not
 * see the markers: text starting (ending) with punctuation right after (before) a letter, as in
 * `mot**«x»**suite`, which CommonMark does not read as bold.
 */
export function resolveEmphasis(text: string): string {
  if (!PLACEHOLDER.test(text)) return text;
  const asHtml = new Set<number>();
  const opened: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 2 || code > 7) continue;
    if (code % 2 === 0) {
      opened.push(index);
      continue;
    }
    const start = opened.pop();
    if (start === undefined) continue;
    const outerBefore = neighbour(text, start - 1, -1);
    const innerFirst = neighbour(text, start + 1, 1);
    const innerLast = neighbour(text, index - 1, -1);
    const outerAfter = neighbour(text, index + 1, 1);
    if ((WORD.test(outerBefore) && PUNCTUATION.test(innerFirst)) || (PUNCTUATION.test(innerLast) && WORD.test(outerAfter))) {
      asHtml.add(start);
      asHtml.add(index);
    }
  }
  let result = '';
  for (let index = 0; index < text.length; index++) {
    const character = text[index] as string;
    const syntax = EMPHASIS_SYNTAX[character];
    result += syntax ? (asHtml.has(index) ? syntax.tag : syntax.markdown) : character;
  }
  return result;
}

/** The first character from `index` on, in `step` direction, that is not a placeholder. */
function neighbour(text: string, index: number, step: 1 | -1): string {
  for (let at = index; at >= 0 && at < text.length; at += step) {
    const code = text.charCodeAt(at);
    if (code < 2 || code > 7) return text[at] as string;
  }
  return '';
}
