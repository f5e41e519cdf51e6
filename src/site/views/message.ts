import type { Child, Html } from '../jsx/jsx-runtime.ts';

/**
 * Puts an element (a link, a `<time>`) where `{name}` stands in a translated message, so word
 * order stays the translator's: "Par {author}", "Publié le {date}".
 */
export function fillMessage(message: string, name: string, element: Html): Child[] {
  const placeholder = '{' + name + '}';
  const at = message.indexOf(placeholder);
  if (at < 0) return [message, ' ', element];
  return [message.slice(0, at), element, message.slice(at + placeholder.length)];
}
