import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WxrSyntaxError } from './wxr.errors.ts';
import type { WxrEntry, WxrItem } from './wxr.model.ts';
import { readWxr } from './wxr.reader.ts';

/** Control characters XML forbids, which WordPress stores and exports as pasted. */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-wxr-controls-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

let files = 0;
function scratchFile(text: string): string {
  const file = path.join(scratch, `export-${++files}.xml`);
  fs.writeFileSync(file, text);
  return file;
}

async function readAll(file: string): Promise<WxrEntry[]> {
  const entries: WxrEntry[] = [];
  for await (const entry of readWxr(file)) entries.push(entry);
  return entries;
}

async function failure(file: string): Promise<WxrSyntaxError> {
  try {
    await readAll(file);
  } catch (error) {
    if (error instanceof WxrSyntaxError) return error;
    throw error;
  }
  throw new Error(`${file} was read without an error`);
}

const HEAD = '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>\n<title>Blog</title>\n';
const TAIL = '</channel>\n</rss>\n';

function item(id: number, title: string, content: string): string {
  return `<item>\n<title>${title}</title>\n<wp:post_id>${id}</wp:post_id>\n<content:encoded><![CDATA[${content}]]></content:encoded>\n<wp:post_type><![CDATA[post]]></wp:post_type>\n</item>\n`;
}

const items = (entries: WxrEntry[]) => entries.flatMap((entry) => (entry.kind === 'item' ? [entry.item] : []));

describe('readWxr on exports holding control characters XML forbids', () => {
  it('reads them as spaces and says how many there were and where the first is', async () => {
    const text = HEAD + item(1, 'Sans souci', '<p>Propre</p>') + item(2, 'Coll\u000bé de Word', '<p>Un\u0008 saut\u000bde ligne\u0000, \u000c\u001f\ufffe\uffff fin</p>') + TAIL;
    const entries = await readAll(scratchFile(text));
    const [clean, pasted] = items(entries) as [WxrItem, WxrItem];
    expect(clean.content).toBe('<p>Propre</p>');
    expect(pasted.title).toBe('Coll é de Word');
    expect(pasted.content).toBe('<p>Un  saut de ligne , ' + '    ' + ' fin</p>');
    const line = text.slice(0, text.indexOf('\u000b')).split('\n').length;
    expect(entries.at(-1)).toEqual({ kind: 'controlCharacters', count: 8, line });
  });

  it('hands out no such entry for a clean export', async () => {
    const entries = await readAll(scratchFile(HEAD + item(1, 'Propre', '<p>Propre</p>') + TAIL));
    expect(entries.map((entry) => entry.kind)).toEqual(['site', 'item']);
  });

  it('keeps the line and column of a later error exact', async () => {
    const mismatched = HEAD + item(1, 'A\u0000\u000bB', 'x\u0008y') + '<item>\n<title>Cassé\u000b</titre>\n</item>\n' + TAIL;
    const truncated = HEAD + item(1, 'A\u000b', '\u0001') + '<item>\n<title>Coupé\u000b</title>\n<content:encoded><![CDATA[du\u0008 texte';
    for (const [text, reasonCode, line, column] of [[mismatched, 'mismatched', 12, 21], [truncated, 'truncated', 13, 35]] as const) {
      // The same file with spaces typed in their place breaks at the same line and column.
      const typed = await failure(scratchFile(text.replace(/[\u0000-\u0008\u000b]/g, ' ')));
      expect(typed).toMatchObject({ reasonCode, line, column });
      expect(await failure(scratchFile(text))).toMatchObject({ reasonCode, line, column });
    }
  });

  it.each([
    ['Windows', '\r\n'],
    ['old Mac', '\r'],
  ])('counts %s line breaks, with one cut after the carriage return that ends a chunk', async (_, lineBreak) => {
    // The file is read in 64 KB chunks: the first one ends with a carriage return.
    const head = HEAD.replace(/\n/g, lineBreak);
    const filler = `<!--${'x'.repeat(65_535 - head.length - 7)}-->`;
    const text = `${head}${filler}${lineBreak}<item>${lineBreak}<title>B\u000b</title>${lineBreak}</item>${lineBreak}${TAIL}`;
    expect(text.indexOf(`${lineBreak}<item>`)).toBe(65_535);
    const entries = await readAll(scratchFile(text));
    expect(entries.at(-1)).toEqual({ kind: 'controlCharacters', count: 1, line: 7 });
  });
});
