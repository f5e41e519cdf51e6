import type { HtmlElement } from './wp.content.html.ts';

interface Row {
  head: boolean;
  cells: HtmlElement[];
}

type Alignment = 'left' | 'center' | 'right' | undefined;

/**
 * A GFM table. Markdown tables need a header row: the table's <thead> row, else its first row.
 * Merged cells cannot be written in GFM: a cell spanning columns is followed by empty cells so
 * the columns stay in place. `cell` writes a cell's content on one line (pipes escaped).
 */
export function tableMarkdown(table: HtmlElement, cell: (cell: HtmlElement) => string): string {
  const rows = rowsOf(table).filter((row) => row.cells.length > 0);
  if (rows.length === 0) return '';
  const headIndex = Math.max(0, rows.findIndex((row) => row.head));
  const ordered = [rows[headIndex] as Row, ...rows.filter((_, index) => index !== headIndex)];
  const written = ordered.map((row) => row.cells.flatMap((element) => {
    const span = Math.min(50, Math.max(1, Number.parseInt(element.attributes.colspan ?? '1', 10) || 1));
    return [cell(element), ...Array.from({ length: span - 1 }, () => '')];
  }));
  const width = Math.max(...written.map((row) => row.length));
  const alignments = Array.from({ length: width }, (_, column) => alignmentOf(ordered.map((row) => row.cells[column])));
  const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, column) => cells[column] ?? '').join(' | ')} |`;
  const separator = `| ${alignments.map(delimiter).join(' | ')} |`;
  return [line(written[0] as string[]), separator, ...written.slice(1).map(line)].join('\n');
}

function rowsOf(table: HtmlElement): Row[] {
  const rows: Row[] = [];
  const visit = (parent: HtmlElement, head: boolean) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      if (child.name === 'tr') {
        const cells = child.children.filter((cell): cell is HtmlElement => cell.type === 'element' && (cell.name === 'td' || cell.name === 'th'));
        rows.push({ head, cells });
      } else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
        visit(child, child.name === 'thead');
      }
    }
  };
  visit(table, false);
  return rows;
}

/** A column's alignment, from its first cell that states one (align, text-align or Gutenberg's class). */
function alignmentOf(cells: (HtmlElement | undefined)[]): Alignment {
  for (const element of cells) {
    if (!element) continue;
    const stated =
      element.attributes.align ??
      /text-align\s*:\s*(left|center|right)/i.exec(element.attributes.style ?? '')?.[1] ??
      /has-text-align-(left|center|right)/.exec(element.attributes.class ?? '')?.[1];
    const value = stated?.toLowerCase();
    if (value === 'left' || value === 'center' || value === 'right') return value;
  }
  return undefined;
}

function delimiter(alignment: Alignment): string {
  switch (alignment) {
    case 'left':
      return ':---';
    case 'center':
      return ':---:';
    case 'right':
      return '---:';
    default:
      return '---';
  }
}
