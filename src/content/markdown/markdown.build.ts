import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { Locale, Translate } from '../../i18n/i18n.ts';
import { componentOf, splitLabel, type ComponentSpec } from './markdown.components.ts';
import { videoEmbed } from './markdown.embeds.ts';
import type { IdRegistry } from './markdown.ids.ts';
import { captionTable } from './markdown.tables.ts';

export interface BuildContext {
  locale: Locale;
  t: Translate;
  ids: IdRegistry;
}

/**
 * Replaces the sanitised component markers by their final markup. Children are built first, so a
 * video inside a pull-quote is ready when the pull-quote is.
 */
export function buildComponents(tree: Root, context: BuildContext): void {
  buildChildren(tree, context);
}

function buildChildren(parent: Root | Element, context: BuildContext): void {
  const built: ElementContent[] = [];
  for (const child of parent.children) {
    if (child.type !== 'element') {
      built.push(child as ElementContent);
      continue;
    }
    buildChildren(child, context);
    const spec = componentOf(child);
    built.push(...(spec ? build(spec, child, context) : [child]));
  }
  parent.children = built;
}

function build(spec: ComponentSpec, marker: Element, context: BuildContext): ElementContent[] {
  const { label, content } = splitLabel(marker);
  switch (spec.kind) {
    // Labels are read by the container around them.
    case 'label':
      return [marker];
    case 'pullquote':
      return [pullquote(content, label)];
    case 'captionedTable':
      return captionTable(content, label);
    case 'sources':
      return [sources(content, label, context)];
    case 'readMore':
      return [readMore(spec.href, content, context.t)];
    case 'video':
      return [videoEmbed(spec.video, spec.title, context.locale)];
  }
}

// A figure, not an aside: axe reports complementary landmarks nested in the article's own.
function pullquote(content: ElementContent[], attribution: ElementContent[] | undefined): Element {
  return h('figure', { className: ['pullquote'] }, [
    h('blockquote', content),
    ...(attribution ? [h('figcaption', attribution)] : []),
  ]);
}

function sources(content: ElementContent[], title: ElementContent[] | undefined, context: BuildContext): Element {
  const id = context.ids.claim('sources', 'sources');
  return h('section', { className: ['sources'], ariaLabelledBy: id }, [
    h('h2', { id }, title ?? context.t('markdown.sources')),
    ...content,
  ]);
}

function readMore(href: string, label: ElementContent[], t: Translate): Element {
  return h('p', { className: ['read-more'] }, [h('a', { href }, label.length > 0 ? label : t('markdown.readMore'))]);
}
