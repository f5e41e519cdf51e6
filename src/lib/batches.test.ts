import { describe, expect, it } from 'vitest';
import { batches } from './batches.ts';

describe('batches', () => {
  it('groups items in order, the last group holding what is left', () => {
    expect([...batches([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
    expect([...batches(new Set(['a', 'b']), 2)]).toEqual([['a', 'b']]);
    expect([...batches([], 3)]).toEqual([]);
  });

  it('reads a generator as it goes', () => {
    let read = 0;
    function* counting() {
      for (let i = 0; i < 10; i++) {
        read++;
        yield i;
      }
    }
    const groups = batches(counting(), 4);
    expect(groups.next().value).toEqual([0, 1, 2, 3]);
    expect(read).toBe(4);
  });
});
