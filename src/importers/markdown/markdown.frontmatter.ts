import { parse as parseTomlText, TomlError } from 'smol-toml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { FileProblem } from './markdown.problems.ts';

/**
 * Splits a Markdown file into its front matter and its body, the way static site generators
 * write them: YAML between `---` lines (Jekyll, Eleventy, Astro, Hugo), TOML between `+++`
 * lines (Hugo), or a JSON object opening the file (Hugo). Lines reported are lines of the file.
 */

export type FrontMatterFormat = 'YAML' | 'TOML' | 'JSON';

export interface FrontMatter {
  /** Undefined when the file has no front matter at all (an empty one is YAML, TOML or JSON). */
  format: FrontMatterFormat | undefined;
  fields: Record<string, unknown>;
  /** The file line of a top-level field, when it can be found. */
  lineOf(field: string): number | undefined;
  /** The file line of an item of a top-level list (YAML only: the other formats keep no positions). */
  lineOfItem(field: string, index: number): number | undefined;
  body: string;
  /** The file line on which the body starts. */
  bodyLine: number;
}

export type FrontMatterResult = { ok: true; frontMatter: FrontMatter } | { ok: false; problem: FileProblem };

export function splitFrontMatter(source: string): FrontMatterResult {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const opening = lines[0]?.trimEnd();
  if (opening === '---') return fenced(lines, 'YAML', ['---', '...'], parseYaml);
  if (opening === '+++') return fenced(lines, 'TOML', ['+++'], parseToml);
  if (text.startsWith('{')) return jsonFrontMatter(text);
  return { ok: true, frontMatter: { format: undefined, fields: {}, lineOf: () => undefined, lineOfItem: () => undefined, body: text, bodyLine: 1 } };
}

type Parsed =
  | { ok: true; fields: Record<string, unknown>; lineOf: (field: string) => number | undefined; lineOfItem?: (field: string, index: number) => number | undefined }
  | { ok: false; problem: FileProblem };

/** Parses the text between the fences; lines it reports count from the first line after the opening fence. */
type FencedParser = (text: string, lines: string[]) => Parsed;

function fenced(lines: string[], format: FrontMatterFormat, closings: string[], parse: FencedParser): FrontMatterResult {
  const closing = lines.findIndex((line, index) => index > 0 && closings.includes(line.trimEnd()));
  if (closing === -1) return { ok: false, problem: { line: 1, code: 'front_matter_unclosed', params: { format, fence: closings[0]! } } };
  const inner = lines.slice(1, closing);
  const parsed = parse(inner.join('\n'), inner);
  // The opening fence is line 1 of the file, so line n of the front matter is line n + 1.
  if (!parsed.ok) return { ok: false, problem: { ...parsed.problem, line: parsed.problem.line + 1 } };
  return {
    ok: true,
    frontMatter: {
      format,
      fields: parsed.fields,
      lineOf: (field) => {
        const line = parsed.lineOf(field);
        return line === undefined ? undefined : line + 1;
      },
      lineOfItem: (field, index) => {
        const line = parsed.lineOfItem?.(field, index);
        return line === undefined ? undefined : line + 1;
      },
      body: lines.slice(closing + 1).join('\n'),
      bodyLine: closing + 2,
    },
  };
}

function parseYaml(text: string): Parsed {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const error = document.errors[0];
  if (error) {
    return { ok: false, problem: { line: lineCounter.linePos(error.pos[0]).line, code: 'front_matter_invalid', params: { format: 'YAML', detail: error.message } } };
  }
  if (document.contents === null) return { ok: true, fields: {}, lineOf: () => undefined };
  if (!isMap(document.contents)) return { ok: false, problem: { line: 1, code: 'front_matter_not_fields', params: { format: 'YAML' } } };

  const keyLines = new Map<string, number>();
  const itemLines = new Map<string, number[]>();
  for (const pair of document.contents.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    keyLines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line);
    if (isSeq(pair.value)) {
      const lines = pair.value.items.map((item) => (item && typeof item === 'object' && 'range' in item && item.range ? lineCounter.linePos(item.range[0]).line : 0));
      itemLines.set(String(pair.key.value), lines);
    }
  }
  let fields: unknown;
  try {
    fields = document.toJS();
  } catch (cause) {
    // Too many aliases (a "billion laughs" document) is refused here rather than expanded.
    const detail = cause instanceof Error ? cause.message : String(cause);
    return { ok: false, problem: { line: 1, code: 'front_matter_invalid', params: { format: 'YAML', detail } } };
  }
  return {
    ok: true,
    fields: fields as Record<string, unknown>,
    lineOf: (field) => keyLines.get(field),
    lineOfItem: (field, index) => itemLines.get(field)?.[index] || undefined,
  };
}

function parseToml(text: string, lines: string[]): Parsed {
  try {
    return { ok: true, fields: parseTomlText(text), lineOf: (field) => tomlKeyLine(lines, field) };
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const detail = error.message.split('\n')[0]!.replace(/^Invalid TOML document:\s*/, '');
    return { ok: false, problem: { line: error.line, code: 'front_matter_invalid', params: { format: 'TOML', detail } } };
  }
}

/**
 * smol-toml keeps no positions, so a key is looked for in the text: as `key = …` before the
 * first table (top-level keys must come first in TOML), or as a `[key]` table header.
 */
function tomlKeyLine(lines: string[], field: string): number | undefined {
  const name = `(?:${escapeRegex(field)}|"${escapeRegex(field)}"|'${escapeRegex(field)}')`;
  const assignment = new RegExp(`^\\s*${name}\\s*=`);
  const header = new RegExp(`^\\s*\\[\\[?\\s*${name}\\s*\\]`);
  let inTable = false;
  for (const [index, line] of lines.entries()) {
    if (header.test(line)) return index + 1;
    if (/^\s*\[/.test(line)) inTable = true;
    else if (!inTable && assignment.test(line)) return index + 1;
  }
  return undefined;
}

function jsonFrontMatter(text: string): FrontMatterResult {
  const end = endOfJsonObject(text);
  if (end === -1) return { ok: false, problem: { line: 1, code: 'front_matter_unclosed', params: { format: 'JSON', fence: '}' } } };
  const json = text.slice(0, end + 1);
  let fields: unknown;
  try {
    fields = JSON.parse(json);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = Number(/at position (\d+)/.exec(message)?.[1] ?? 0);
    const detail = message.replace(/\s*in JSON at position[\s\S]*$/, '');
    return { ok: false, problem: { line: lineAt(json, position), code: 'front_matter_invalid', params: { format: 'JSON', detail } } };
  }
  const jsonLines = json.split('\n');
  const lineOf = (field: string) => {
    // A rough search (JSON.parse keeps no positions): the first line naming the key.
    const key = new RegExp(`^\\s*\\{?\\s*${escapeRegex(JSON.stringify(field))}\\s*:`);
    const index = jsonLines.findIndex((line) => key.test(line));
    return index === -1 ? undefined : index + 1;
  };
  // What follows the closing brace on its line is not body text.
  const bodyStart = text.indexOf('\n', end);
  return {
    ok: true,
    frontMatter: {
      format: 'JSON',
      fields: fields as Record<string, unknown>,
      lineOf,
      lineOfItem: () => undefined,
      body: bodyStart === -1 ? '' : text.slice(bodyStart + 1),
      bodyLine: jsonLines.length + 1,
    },
  };
}

/** Index of the brace closing the object that opens `text`, skipping braces inside strings; -1 if none. */
function endOfJsonObject(text: string): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return index;
  }
  return -1;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index++) if (text[index] === '\n') line++;
  return line;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
