import type { RedirectRow } from '../db/schema.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { RedirectStatus } from './redirects.rules.ts';
import type { ImportLine, ImportProblem } from './redirects.service.ts';

/**
 * Redirects as CSV (RFC 4180: commas, double quotes, CRLF or LF; a file from a French spreadsheet
 * may use semicolons). Columns `from,to,status[,note]`, header optional. Also read as they come:
 * the export of WordPress's Redirection plugin (`source,target,regex,code,type,hits,title,status`,
 * with or without its header; simple regular expressions become `*` patterns, disabled rules are
 * skipped) and the `source URL,target URL,regex,http code` files made from Yoast's redirects.
 */

export interface CsvRow {
  line: number;
  fields: string[];
}

/** The rows of a CSV text, each with the line it starts on; blank lines are left out. */
export function parseCsv(text: string): { rows: CsvRow[] } | { problem: { line: number } } {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const separator = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const rows: CsvRow[] = [];
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let ended = false;
    while (i < source.length && !ended) {
      const c = source[i]!;
      if (quoted) {
        if (c === '"' && source[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (c === '"') {
          quoted = false;
          i++;
        } else {
          if (c === '\n') line++;
          field += c;
          i++;
        }
      } else if (c === '"' && field.trim() === '') {
        quoted = true;
        field = '';
        i++;
      } else if (c === separator) {
        fields.push(field);
        field = '';
        i++;
      } else if (c === '\n' || (c === '\r' && source[i + 1] === '\n')) {
        i += c === '\r' ? 2 : 1;
        line++;
        ended = true;
      } else {
        field += c;
        i++;
      }
    }
    if (quoted) return { problem: { line: start } };
    fields.push(field);
    if (fields.some((value) => value.trim() !== '')) rows.push({ line: start, fields: fields.map((value) => value.trim()) });
  }
  return { rows };
}

interface Columns {
  from: number;
  to: number | undefined;
  status: number | undefined;
  regex: number | undefined;
  note: number | undefined;
  /** The Redirection plugin's active/disabled column. */
  enabled: number | undefined;
}

const HEADER_NAMES = new Set(['from', 'source', 'source url']);

function columnsOf(header: string[]): Columns | undefined {
  const names = header.map((name) => name.toLowerCase());
  const at = (...wanted: string[]) => {
    for (const name of wanted) {
      const index = names.indexOf(name);
      if (index !== -1) return index;
    }
    return undefined;
  };
  const from = at('from', 'source', 'source url');
  if (from === undefined) return undefined;
  const code = at('code', 'http code');
  return {
    from,
    to: at('to', 'target', 'target url'),
    status: code ?? at('status'),
    regex: at('regex'),
    note: at('note', 'title'),
    enabled: code === undefined ? undefined : at('status'),
  };
}

const KIOSQUE_COLUMNS: Columns = { from: 0, to: 1, status: 2, regex: undefined, note: 3, enabled: undefined };
/** Redirection's export without its header: source, target, regex, code, type, hits, title, status. */
const REDIRECTION_COLUMNS: Columns = { from: 0, to: 1, status: 3, regex: 2, note: 6, enabled: 7 };

export interface InterpretedImport {
  lines: ImportLine[];
  problems: ImportProblem[];
  skipped: number;
}

/** The rules a CSV file describes, with a problem per line that cannot be one. */
export function interpretCsv(text: string, t: Translate): InterpretedImport {
  const parsed = parseCsv(text);
  if ('problem' in parsed) {
    const { line } = parsed.problem;
    return { lines: [], problems: [{ line, field: 'body', message: t('redirects.import.line', { line, field: 'CSV', reason: t('redirects.csv.quote') }) }], skipped: 0 };
  }
  const result: InterpretedImport = { lines: [], problems: [], skipped: 0 };
  let rows = parsed.rows;
  let columns: Columns;
  const first = rows[0];
  if (first && first.fields.some((name) => HEADER_NAMES.has(name.toLowerCase()))) {
    const named = columnsOf(first.fields);
    if (!named) {
      result.problems.push({ line: first.line, field: 'from', message: t('redirects.import.line', { line: first.line, field: 'CSV', reason: t('redirects.csv.header') }) });
      return result;
    }
    columns = named;
    rows = rows.slice(1);
  } else {
    columns = first && first.fields.length >= 4 && /^[01]$/.test(first.fields[2] ?? '') ? REDIRECTION_COLUMNS : KIOSQUE_COLUMNS;
  }
  for (const row of rows) {
    const value = (index: number | undefined) => (index === undefined ? '' : (row.fields[index] ?? ''));
    const refuse = (field: string, reason: string) => result.problems.push({ line: row.line, field, message: t('redirects.import.line', { line: row.line, field, reason }) });
    if (value(columns.enabled).toLowerCase() === 'disabled') {
      result.skipped++;
      continue;
    }
    let from = value(columns.from);
    if (value(columns.regex) === '1') {
      const converted = patternFromRegex(from);
      if (converted === undefined) {
        refuse('from', t('redirects.csv.regex'));
        continue;
      }
      from = converted;
    }
    const statusText = value(columns.status);
    const status = statusText === '' ? 301 : Number(statusText);
    if (status !== 301 && status !== 302 && status !== 410) {
      refuse('status', t('redirects.error.status'));
      continue;
    }
    const to = value(columns.to);
    result.lines.push({ line: row.line, input: { from, to: to === '' ? null : to, status: status as RedirectStatus, note: unguarded(value(columns.note)) } });
  }
  return result;
}

/**
 * A `*` pattern for the regular expressions people actually write in the Redirection plugin:
 * literal text (escaped or not) and `(.*)` / `(.+)` groups, anchored with `^`; without a final
 * `$` the expression matches addresses that go on, so a final `*` is added. Anything else
 * (classes, alternatives, quantifiers) is refused rather than guessed.
 */
export function patternFromRegex(regex: string): string | undefined {
  let body = regex.startsWith('^') ? regex.slice(1) : regex;
  if (!body.startsWith('/') && !body.startsWith('\\/')) return undefined;
  const anchored = body.endsWith('$') && !body.endsWith('\\$');
  if (anchored) body = body.slice(0, -1);
  let pattern = '';
  for (let i = 0; i < body.length; i++) {
    const rest = body.slice(i);
    const group = /^\(\.[*+]\)/.exec(rest);
    if (group) {
      pattern += '*';
      i += group[0].length - 1;
    } else if (body[i] === '\\' && i + 1 < body.length && /[^\w]/.test(body[i + 1]!)) {
      pattern += body[i + 1];
      i++;
    } else if ('[](){}|+?*^$\\'.includes(body[i]!)) {
      return undefined;
    } else {
      pattern += body[i];
    }
  }
  if (!anchored && !pattern.endsWith('*')) pattern += '*';
  return pattern;
}

/** Spreadsheets run a cell that begins with = + - @ as a formula: the export guards notes with a quote, the import takes it off. */
function guarded(note: string): string {
  return /^[=+\-@]/.test(note) ? `'${note}` : note;
}

function unguarded(note: string): string {
  return /^'[=+\-@]/.test(note) ? note.slice(1) : note;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The rules as a CSV file the import reads back (`kind`, `origin`, `hits` are for reading only). */
export function rulesToCsv(rows: readonly RedirectRow[]): string {
  const lines = ['from,to,status,note,kind,origin,hits'];
  for (const row of rows) {
    lines.push([row.from_path, row.to_path ?? '', String(row.status_code), guarded(row.note), row.kind, row.origin, String(row.hits)].map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
