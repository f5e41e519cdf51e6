import type { Root } from 'hast';
import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import { walkElements } from './markdown.walk.ts';

type AttributeList = NonNullable<SanitizeSchema['attributes']>[string];

// Removed from GitHub's defaults: form plumbing (`action`, `method`…), which has no place in an
// article, `picture`/`source` because `srcset` URLs escape the protocol check, and `tabIndex`,
// which would let an article steal keyboard focus order.
const DROPPED_ATTRIBUTES = new Set([
  'accept',
  'acceptCharset',
  'accessKey',
  'action',
  'encType',
  'method',
  'tabIndex',
  'longDesc',
  'itemType',
]);
const DROPPED_TAGS = new Set(['picture', 'source']);
const ADDED_TAGS = ['abbr', 'caption', 'cite', 'dfn', 'figcaption', 'figure', 'mark', 'small', 'time', 'u', 'wbr'];

function withoutDropped(list: AttributeList | undefined): AttributeList {
  return (list ?? []).filter((entry) => !DROPPED_ATTRIBUTES.has(typeof entry === 'string' ? entry : entry[0]));
}

const attributes = Object.fromEntries(
  Object.entries(defaultSchema.attributes ?? {})
    .filter(([tag]) => !DROPPED_TAGS.has(tag))
    .map(([tag, list]) => [tag, withoutDropped(list)]),
);

/**
 * What writers' HTML may keep: GitHub's schema, narrowed. It never allows iframe, srcdoc, class
 * or style, so the trusted components (videos, table wrappers…) are only built after it runs.
 */
export const articleSanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []).filter((tag) => !DROPPED_TAGS.has(tag)), ...ADDED_TAGS],
  attributes,
  // Task-list checkboxes are the only inputs an article has; elsewhere `required` would turn a
  // pasted form field into a stray checkbox.
  ancestors: { ...defaultSchema.ancestors, input: ['li'] },
  // Removed with their content: what is inside is code or a fallback, never prose.
  strip: ['script', 'style', 'template', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes'],
  protocols: {
    cite: ['http', 'https'],
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https'],
  },
};

// A scheme and its colon, as a URL starts: "https:", "Https:", "MAILTO:".
const SCHEME = /^[A-Za-z][A-Za-z\d+.-]*:/;
const URL_PROPERTIES = ['href', 'src', 'cite'] as const;

/**
 * Writes the schemes of addresses in lower case, before sanitising. A scheme is the same in any
 * case ("Https://" as a phone's keyboard capitalises it), but the sanitiser compares it as
 * written and would drop the address of such a link; "JAVASCRIPT:" stays refused as "javascript:".
 */
export function lowercaseSchemes(tree: Root): void {
  walkElements(tree, (element) => {
    for (const name of URL_PROPERTIES) {
      const value = element.properties[name];
      if (typeof value !== 'string') continue;
      const scheme = SCHEME.exec(value)?.[0];
      if (scheme && scheme !== scheme.toLowerCase()) element.properties[name] = scheme.toLowerCase() + value.slice(scheme.length);
    }
  });
}
