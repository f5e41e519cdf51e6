import type { Element, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Locale } from '../../i18n/i18n.ts';
import { englishTypography, frenchTypography, NARROW_NBSP } from '../../lib/typography.ts';
import { showsItsAddress } from './markdown.links.ts';

// Text in these is literal: code, keyboard input, program output, variables.
const LITERAL = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'script', 'style']);

/**
 * "?", "!" or ";" that opens a text right after emphasis or a link ("*vraiment*?"): the text rules
 * see no letter before it, since the word ends in the element before.
 */
const PUNCTUATION_AFTER_ELEMENT = /^[!?;](?=$|[\s»”"')\]!?…])/u;
const ENDS_WITH_LETTER = /\p{L}$/u;

/** Applies the locale's typography to prose text, never to code or to a link that shows its address. */
export function applyTypography(tree: Root, locale: Locale): void {
  const french = locale === 'fr';
  const fix = french ? frenchTypography : englishTypography;
  const walk = (children: RootContent[]) => {
    let previous: RootContent | undefined;
    for (const node of children) {
      if (node.type === 'text') {
        if (french && previous?.type === 'element' && PUNCTUATION_AFTER_ELEMENT.test(node.value) && ENDS_WITH_LETTER.test(toString(previous))) {
          node.value = NARROW_NBSP + node.value;
        }
        node.value = fix(node.value);
      } else if (node.type === 'element' && !isLiteral(node)) walk(node.children);
      previous = node;
    }
  };
  walk(tree.children);
}

function isLiteral(element: Element): boolean {
  if (LITERAL.has(element.tagName)) return true;
  return element.tagName === 'a' && showsItsAddress(element);
}
