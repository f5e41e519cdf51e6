import type { Element, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import { withoutNonXmlCharacters } from './feeds.xml.ts';

/**
 * An article's HTML as a feed reader shows it: away from the site, a relative address points
 * nowhere, so every link, image and srcset candidate is made absolute (a `#section` link goes to
 * that section of the article). Click-to-load video frames, whose player lives in a `srcdoc` that
 * readers strip, are dropped: the figure's caption links to the video. Heading anchors (`#`) go too.
 * Loaded on first use, like the Markdown pipeline it shares its parser with.
 */

const processor = unified().use(rehypeParse, { fragment: true }).use(rehypeStringify);

const URL_PROPERTIES = ['href', 'src', 'poster', 'cite'] as const;

export function feedArticleHtml(html: string, articleUrl: string): string {
  const tree = processor.parse(withoutNonXmlCharacters(html)) as Root;
  visit(tree, 'element', (node, index, parent) => {
    if (parent && index !== undefined && (node.tagName === 'iframe' || isHeadingAnchor(node))) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    for (const name of URL_PROPERTIES) {
      const value = node.properties[name];
      if (typeof value === 'string') node.properties[name] = absolute(value, articleUrl);
    }
    const srcSet = node.properties.srcSet;
    if (Array.isArray(srcSet) || typeof srcSet === 'string') {
      const candidates = Array.isArray(srcSet) ? srcSet.map(String) : srcSet.split(',');
      node.properties.srcSet = candidates.map((candidate) => absoluteCandidate(candidate, articleUrl)).join(', ');
    }
    return undefined;
  });
  return processor.stringify(tree);
}

function isHeadingAnchor(node: Element): boolean {
  const className = node.properties.className;
  return node.tagName === 'a' && Array.isArray(className) && className.includes('anchor');
}

function absolute(address: string, base: string): string {
  try {
    return new URL(address, base).href;
  } catch {
    return address;
  }
}

/** A srcset candidate: an address, then an optional width or density descriptor. */
function absoluteCandidate(candidate: string, base: string): string {
  const [address = '', ...descriptors] = candidate.trim().split(/\s+/);
  return [absolute(address, base), ...descriptors].join(' ');
}
