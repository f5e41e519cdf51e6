/**
 * Text that XML 1.0 cannot carry, even escaped: C0 controls other than tab and line breaks,
 * U+FFFE, U+FFFF, and halves of surrogate pairs. One of them anywhere makes a feed unreadable
 * for every strict parser, so they are dropped wherever a feed takes text from a post.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function withoutNonXmlCharacters(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Character data: `>` is escaped too, so a `]]>` in a title cannot end anything. */
export function xmlText(text: string): string {
  return withoutNonXmlCharacters(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;');
}

/** `<name attr="…">text</name>`, or `<name attr="…"/>` without text; attributes left undefined are omitted. */
export function element(name: string, attributes: Record<string, string | number | undefined>, text?: string): string {
  let tag = `<${name}`;
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined) tag += ` ${key}="${xmlAttribute(String(value))}"`;
  }
  return text === undefined ? `${tag}/>` : `${tag}>${xmlText(text)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
