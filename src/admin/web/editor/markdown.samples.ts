/**
 * Pseudo-random article bodies mixing every construct of the dialect with characters that look
 * like syntax, for the property tests. The same seed always gives the same samples.
 */

const WORDS = [
  'mot', 'Été', '*x*', '**g**', '_i_', '__b__', '~~s~~', '`c`', '``a`b``', '[l](/u "t")', '[l](<a b>)',
  '![alt *x*](/i.png "T")', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'www.x.fr', 'a@b.fr', '<https://y.fr>',
  '«\u00a0oui\u00a0»', 'a\u202f!', '[^n]', ':tada:', '<sup>2</sup>', '&nbsp;', '\\*', '\\_', '\\[', '\\\\', 'C:\\x',
  '5 * 3', 'a_b', '[…]', '|', '\\|', '\\', '#', '1.', '10:30', 'Note:x', '::x', ':::', '***t***', '**a *b* c**',
  '*[e](/e)*', '**[f](/f)**', '!', '"q"', '<', '&', 'é_', '~30', '[x]', '![n:x](/i.png)',
];

const SPECIAL_BLOCKS = [
  '::video{url="https://vimeo.com/76979871"}',
  '::video{url="https://youtu.be/dQw4w9WgXcQ" title="T &#x22;q&#x22;"}',
  '::video{url="https://x.fr/v"}',
  "::video{url='https://vimeo.com/1' title=x}",
  '::readmore{href="/a"}',
  '::readmore[Lire *ça*]{href="https://x.fr"}',
  '::readmore{href="javascript:x"}',
  '::other',
  '---',
  '***',
  '<div>\nx\n</div>',
  '[d]: /def',
  'Titre\n===',
  '    indented code',
];

class Samples {
  constructor(private seed: number) {}

  private random(): number {
    this.seed = (this.seed * 1103515245 + 12345) % 2147483648;
    return this.seed / 2147483648;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private count(max: number): number {
    return 1 + Math.floor(this.random() * max);
  }

  line(): string {
    return Array.from({ length: this.count(6) }, (_, index) => (index ? this.pick([' ', ' ', '', '\u00a0']) : '') + this.pick(WORDS)).join('');
  }

  paragraph(): string {
    let text = this.line();
    while (this.random() < 0.3) text += this.pick(['\n', '\\\n', '  \n']) + this.line();
    return text;
  }

  table(): string {
    const columns = this.count(3);
    const row = () =>
      `|${Array.from({ length: columns }, () => ` ${this.pick(['', 'a', '1,5', '`x\\|y`', '**b**', this.line().replace(/\|/g, '\\|')])} `).join('|')}|`;
    const delimiter = `|${Array.from({ length: columns }, () => this.pick(['---', ':---', '---:', ':---:', '-'])).join('|')}|`;
    return [row(), delimiter, ...Array.from({ length: Math.floor(this.random() * 3) }, row)].join('\n');
  }

  list(depth: number): string {
    const marker = this.pick(['-', '*', '+', '1.', '3)']);
    const tight = this.random() < 0.6;
    const items = Array.from({ length: this.count(3) }, (_, index) => {
      const ordinal = /\d/.test(marker) ? `${parseInt(marker, 10) + index}${marker.slice(-1)}` : marker;
      let body = (this.random() < 0.2 ? this.pick(['[x] ', '[ ] ']) : '') + this.paragraph();
      if (this.random() < 0.3) body += `\n${tight ? '' : '\n'}${this.block(depth + 1)}`;
      return `${ordinal} ${indent(body, ' '.repeat(ordinal.length + 1))}`;
    });
    return items.join(tight ? '\n' : '\n\n');
  }

  block(depth: number): string {
    const roll = this.random();
    if (depth > 2 || roll < 0.3) return this.paragraph();
    if (roll < 0.38) return `${'#'.repeat(this.count(6))} ${this.line()}`;
    if (roll < 0.48) return this.list(depth);
    if (roll < 0.55) return this.document(depth + 1, this.count(2)).split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n');
    if (roll < 0.62) return this.table();
    if (roll < 0.67) return `\`\`\`${this.pick(['', 'ts', 'js x=1'])}\n${this.pick(['code', 'a\n\nb', '```x', ''])}\n\`\`\``;
    if (roll < 0.72) return `:::${this.pick(['pullquote', 'sources', 'note'])}${this.pick(['', '[Marc, *Fevad*]', '[]'])}\n${this.document(depth + 1, this.count(2))}\n:::`;
    if (roll < 0.76) return `:::table${this.pick(['', '[Légende]'])}\n${this.table()}\n:::`;
    if (roll < 0.84) return this.pick(SPECIAL_BLOCKS);
    if (roll < 0.88) return `[^n]: ${indent(this.paragraph() + (this.random() < 0.3 ? `\n\n${this.paragraph()}` : ''), '    ')}`;
    return this.paragraph();
  }

  article(): string {
    return this.document(0, this.count(5)).trim();
  }

  document(depth: number, blocks: number): string {
    return Array.from({ length: blocks }, () => this.block(depth)).join(this.pick(['\n\n', '\n\n', '\n\n\n', '\n']));
  }
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 || line === '' ? line : prefix + line))
    .join('\n');
}

/** `count` article bodies, the same for the same seed. */
export function generatedMarkdown(count: number, seed = 1): string[] {
  const samples = new Samples(seed);
  return Array.from({ length: count }, () => samples.article());
}
