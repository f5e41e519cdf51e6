/**
 * Gutenberg's footnotes (WordPress 6.3+): a paragraph calls one with
 * `<sup data-fn="ID" class="fn"><a href="#ID">1</a></sup>`, a `<!-- wp:footnotes /-->` block marks
 * where WordPress lists them, and their texts are not in the content but in the post meta
 * `footnotes`, a JSON list of `{ "id", "content" }` whose content is HTML. They become GFM
 * footnotes (`[^1]` and `[^1]: …`), which the site numbers and lists at the end of the article.
 */

/** The texts of a post's footnotes (HTML) by id, from its `footnotes` meta; empty when it has none or it is unreadable. */
export function readFootnotes(meta: string | undefined): ReadonlyMap<string, string> {
  const footnotes = new Map<string, string>();
  if (!meta) return footnotes;
  let list: unknown;
  try {
    list = JSON.parse(meta);
  } catch {
    return footnotes;
  }
  if (!Array.isArray(list)) return footnotes;
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { id, content } = entry as Record<string, unknown>;
    if (typeof id === 'string' && typeof content === 'string' && !footnotes.has(id)) footnotes.set(id, content);
  }
  return footnotes;
}

/** A footnote's definition: its label, then its text, further lines indented to stay in the note. */
export function footnoteDefinition(label: string, markdown: string): string {
  return `[^${label}]: ${markdown.split('\n').map((line, index) => (index === 0 || line === '' ? line : `    ${line}`)).join('\n')}`;
}
