/**
 * SVG is code as much as it is a picture: opened on its own, or inlined by a theme, it can run
 * scripts and fetch other files. The library keeps only drawings, and refuses (rather than
 * rewrites) anything else, so what is served is byte for byte what its author checked.
 *
 * The checks read the text, not a parsed tree: a browser parses SVG as XML and an HTML page
 * inlines it as HTML, and a pattern that matches in either reading is refused. Comments and
 * CDATA are read too, which may refuse a harmless drawing but never lets a hidden one through.
 */

export type SvgRefusalReason = 'script' | 'event_handler' | 'foreign_object' | 'external_reference' | 'entity' | 'element';

export interface SvgRefusal {
  reason: SvgRefusalReason;
  /** The element that is not part of a drawing, for `element`. */
  element?: string;
}

const CHECKS: { reason: SvgRefusalReason; pattern: RegExp }[] = [
  // Entities can expand to gigabytes or read local files (XXE); a DOCTYPE's internal subset declares them.
  { reason: 'entity', pattern: /<!ENTITY|<!DOCTYPE[^>]*\[/i },
  { reason: 'script', pattern: /<([\w.-]+:)?(script|handler|listener)[\s>/]|(java|vb)script\s*:|data\s*:\s*text\/html/i },
  // An XHTML namespace anywhere lets HTML elements (iframe, img onerror…) in under any prefix.
  { reason: 'foreign_object', pattern: /<([\w.-]+:)?foreignObject|http:\/\/www\.w3\.org\/1999\/xhtml/i },
  // `"` and `/` count as separators: an HTML parser reads `<svg/onload=…>` and `x="1"onload=…`.
  { reason: 'event_handler', pattern: /[\s"'/]on[a-z]+\s*=|attributeName\s*=\s*["']?\s*on/i },
  // Only links inside the drawing itself (`#id`) are kept; an animation may not retarget a link.
  {
    reason: 'external_reference',
    pattern: /\bhref\s*=(?!\s*["']?\s*#)|url\((?!\s*["']?\s*#)|@import|<\?xml-stylesheet|attributeName\s*=\s*["']?\s*(xlink:)?href/i,
  },
];

const DRAWING_ELEMENTS = new Set(
  [
    'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'metadata', 'switch', 'view', 'a', 'style',
    'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'textPath', 'image',
    'linearGradient', 'radialGradient', 'stop', 'pattern', 'clipPath', 'mask', 'marker', 'filter',
    'animate', 'animateTransform', 'animateMotion', 'mpath', 'set',
  ].map((name) => name.toLowerCase()),
);

/** Prefixes drawing programs use for their own bookkeeping, which browsers ignore. */
const EDITOR_PREFIXES = new Set(['svg', 'sodipodi', 'inkscape', 'rdf', 'cc', 'dc', 'sketch', 'serif']);

/** Why an SVG file is not a plain drawing, or undefined when it is one. */
export function svgRefusal(content: string): SvgRefusal | undefined {
  for (const { reason, pattern } of CHECKS) {
    if (pattern.test(content)) return { reason };
  }
  for (const match of content.matchAll(/<([A-Za-z][\w:.-]*)/g)) {
    const name = match[1]!;
    if (!isDrawingElement(name)) return { reason: 'element', element: name };
  }
  return undefined;
}

function isDrawingElement(name: string): boolean {
  const colon = name.indexOf(':');
  if (colon === -1) return DRAWING_ELEMENTS.has(name.toLowerCase()) || /^fe[A-Z][A-Za-z]+$/.test(name);
  const prefix = name.slice(0, colon).toLowerCase();
  if (!EDITOR_PREFIXES.has(prefix)) return false;
  return prefix === 'svg' ? isDrawingElement(name.slice(colon + 1)) : true;
}
