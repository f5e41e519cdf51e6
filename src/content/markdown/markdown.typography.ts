import type { Element, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Locale } from '../../i18n/i18n.ts';
import { englishTypography, frenchTypography } from '../../lib/typography.ts';

// Text in these is literal: code, keyboard input, program output, variables.
const LITERAL = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'script', 'style']);

/** Applies the locale's typography to prose text, never to code or to a link that shows its address. */
export function applyTypography(tree: Root, locale: Locale): void {
  const fix = locale === 'fr' ? frenchTypography : englishTypography;
  const walk = (children: RootContent[]) => {
    for (const node of children) {
      if (node.type === 'text') node.value = fix(node.value);
      else if (node.type === 'element' && !isLiteral(node)) walk(node.children);
    }
  };
  walk(tree.children);
}

function isLiteral(element: Element): boolean {
  if (LITERAL.has(element.tagName)) return true;
  if (element.tagName !== 'a') return false;
  const text = toString(element).trim();
  return /^(?:https?:\/\/|www\.|mailto:)/i.test(text) || text === element.properties.href;
}
