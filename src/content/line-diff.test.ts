import { describe, expect, it } from 'vitest';
import { diffLines, type DiffLine } from './line-diff.ts';

/** A diff written as a unified diff's lines, to read the expectations at a glance. */
function unified(lines: DiffLine[]): string[] {
  return lines.map((line) => (line.op === 'added' ? '+' : line.op === 'removed' ? '-' : ' ') + line.text);
}

describe('line diff', () => {
  it('keeps identical texts as they are', () => {
    expect(unified(diffLines('un\ndeux\n', 'un\ndeux\n'))).toEqual([' un', ' deux']);
  });

  it('shows a changed line as removed then added, between the kept ones', () => {
    expect(unified(diffLines('titre\nancien paragraphe\nfin', 'titre\nnouveau paragraphe\nfin'))).toEqual([
      ' titre',
      '-ancien paragraphe',
      '+nouveau paragraphe',
      ' fin',
    ]);
  });

  it('finds the longest run of common lines, not the first match', () => {
    const before = ['a', 'b', 'c', 'd', 'e'].join('\n');
    const after = ['x', 'b', 'c', 'd', 'a'].join('\n');
    expect(unified(diffLines(before, after))).toEqual(['-a', '+x', ' b', ' c', ' d', '-e', '+a']);
  });

  it('handles an empty side', () => {
    expect(unified(diffLines('', 'premier\nsecond'))).toEqual(['+premier', '+second']);
    expect(unified(diffLines('premier\nsecond', ''))).toEqual(['-premier', '-second']);
    expect(diffLines('', '')).toEqual([]);
  });

  it('treats Windows line ends and a final newline as the same text', () => {
    expect(unified(diffLines('un\r\ndeux\r\n', 'un\ndeux'))).toEqual([' un', ' deux']);
  });

  it('rebuilds both texts from its lines', () => {
    const before = Array.from({ length: 300 }, (_, i) => `ligne ${i % 7} ${i % 11}`).join('\n');
    const after = Array.from({ length: 280 }, (_, i) => `ligne ${i % 5} ${i % 11}`).join('\n');
    const diff = diffLines(before, after);
    expect(diff.filter((l) => l.op !== 'added').map((l) => l.text).join('\n')).toBe(before);
    expect(diff.filter((l) => l.op !== 'removed').map((l) => l.text).join('\n')).toBe(after);
  });
});
