import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import type { Translate } from '../../i18n/i18n.ts';
import { SKIP, walkElements } from './markdown.walk.ts';

/**
 * A figure as writers type it in French or English: "251", "4,65", "45 000 €", "+ 42 %",
 * "– 6 %", "-1%", "$1,200.50". Dates ("2024-03-01") and codes do not match.
 */
const NUMBER = /^[+\-–−]?\s?[$€£]?\s?\d+(?:[\s,.]\d{3})*(?:[.,]\d+)?\s?(?:%|‰|€|\$|£|[kM]€|Mds?€|Mrds?€|G€|[kM]\$|pts?|°C?|°F)?$/u;

export function looksNumeric(cell: string): boolean {
  return NUMBER.test(cell.trim().replace(/\s+/gu, ' '));
}

/** Puts the label of `:::table[…]` as the caption of the first table inside. */
export function captionTable(content: ElementContent[], caption: ElementContent[] | undefined): ElementContent[] {
  const table = content.find((node): node is Element => node.type === 'element' && node.tagName === 'table');
  if (table && caption) table.children.unshift(h('caption', caption));
  return content;
}

/**
 * Makes every table readable on phones and by keyboard (a focusable scrolling region), right-aligns
 * numeric columns and turns GFM alignment into classes, since the sanitiser drops `style` and
 * `align` is obsolete. Each region is named after its caption, else its column headings, and the
 * names are kept distinct: landmarks with the same name cannot be told apart.
 */
export function enhanceTables(tree: Root, t: Translate): void {
  const used = new Map<string, number>();
  walkElements(tree, (table, index, parent) => {
    if (table.tagName !== 'table') return;
    markColumns(table);
    const base = regionName(table, t);
    const seen = (used.get(base) ?? 0) + 1;
    used.set(base, seen);
    parent.children[index] = h(
      'div',
      { className: ['table-wrap'], role: 'region', tabIndex: 0, ariaLabel: seen > 1 ? `${base} (${seen})` : base },
      [table],
    );
    return SKIP;
  });
}

function regionName(table: Element, t: Translate): string {
  const caption = table.children.find((node) => node.type === 'element' && node.tagName === 'caption');
  if (caption) return squash(toString(caption));
  const header = rowsOf(table)[0];
  const columns = header ? header.cells.map((cell) => squash(toString(cell))).filter(Boolean).join(', ') : '';
  return t('markdown.table.unnamed', { columns: columns || '—' });
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function markColumns(table: Element): void {
  const rows = rowsOf(table);
  // Merged cells shift columns; such tables come from hand-written HTML and keep their layout.
  if (rows.some(({ cells }) => cells.some((cell) => cell.properties.colSpan || cell.properties.rowSpan))) return;
  const width = Math.max(0, ...rows.map(({ cells }) => cells.length));
  for (let column = 0; column < width; column++) {
    const bodyCells = rows.filter((row) => !row.head).map(({ cells }) => cells[column]);
    const values = bodyCells.map((cell) => (cell ? toString(cell).trim() : '')).filter(Boolean);
    const numeric = values.length > 0 && values.every(looksNumeric);
    for (const { cells } of rows) {
      const cell = cells[column];
      if (cell) classifyCell(cell, numeric);
    }
  }
}

function classifyCell(cell: Element, numeric: boolean): void {
  const classes: string[] = [];
  if (numeric) classes.push('num');
  const align = cell.properties.align;
  if (align === 'left' || align === 'center' || align === 'right') classes.push(`align-${align}`);
  delete cell.properties.align;
  if (classes.length > 0) cell.properties.className = classes;
}

interface TableRow {
  head: boolean;
  cells: Element[];
}

function rowsOf(table: Element): TableRow[] {
  const rows: TableRow[] = [];
  const collect = (parent: Element, head: boolean) => {
    for (const node of parent.children) {
      if (node.type !== 'element') continue;
      if (node.tagName === 'tr') {
        rows.push({ head, cells: node.children.filter(isCell) });
      } else if (node.tagName === 'thead' || node.tagName === 'tbody' || node.tagName === 'tfoot') {
        collect(node, node.tagName === 'thead');
      }
    }
  };
  collect(table, false);
  return rows;
}

function isCell(node: ElementContent): node is Element {
  return node.type === 'element' && (node.tagName === 'td' || node.tagName === 'th');
}
