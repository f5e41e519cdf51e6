import fs from 'node:fs';
import readline from 'node:readline';
import { Readable } from 'node:stream';

/**
 * Finds the first "&" of a WXR file that starts no entity reference (`?a=1&b=2`, `Tom & Jerry`),
 * as some WordPress plugins write them. XML reads an entity's name up to the next ";", so the
 * parser only fails there, lines later, or at the end of the file as if it were truncated: this
 * second reading, done once the file was refused, finds the "&" itself. Inside CDATA sections,
 * comments and processing instructions an "&" is plain text. Gives its line and column (from 1),
 * or undefined when there is none up to `lastLine`.
 */
export async function findBareAmpersand(file: string, encoding: string, lastLine: number): Promise<{ line: number; column: number } | undefined> {
  const lines = readline.createInterface({ input: Readable.from(decoded(file, encoding)), crlfDelay: Infinity });
  let line = 0;
  let inside: keyof typeof CLOSERS | undefined;
  try {
    for await (const text of lines) {
      if (++line > lastLine) return undefined;
      let index = 0;
      while (index < text.length) {
        if (inside) {
          const end = text.indexOf(CLOSERS[inside], index);
          if (end < 0) break;
          index = end + CLOSERS[inside].length;
          inside = undefined;
          continue;
        }
        MARKUP.lastIndex = index;
        const found = MARKUP.exec(text);
        if (!found) break;
        index = found.index + found[0].length;
        if (found[0] !== '&') {
          inside = OPENERS[found[0]];
          continue;
        }
        REFERENCE.lastIndex = index;
        if (!REFERENCE.test(text)) return { line, column: [...text.slice(0, found.index)].length + 1 };
      }
    }
    return undefined;
  } finally {
    lines.close();
  }
}

const MARKUP = /&|<!\[CDATA\[|<!--|<\?/g;
const OPENERS: Record<string, keyof typeof CLOSERS> = { '<![CDATA[': 'cdata', '<!--': 'comment', '<?': 'instruction' };
const CLOSERS = { cdata: ']]>', comment: '-->', instruction: '?>' };
/** What may follow "&": a name (XML's Name, its non-ASCII letters taken broadly) or a character number, then ";". */
const REFERENCE = /(?:[A-Za-z_:\u00C0-\uFFFF][\w.:\u00B7-\uFFFF-]*|#[0-9]+|#x[0-9a-fA-F]+);/y;

async function* decoded(file: string, encoding: string): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) yield decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}
