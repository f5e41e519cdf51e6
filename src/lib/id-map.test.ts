import { describe, expect, it } from 'vitest';
import { IdMap } from './id-map.ts';

describe('IdMap', () => {
  it('answers like a Map of numbers through growth, nulls, overwrites and ids a typed array cannot hold', () => {
    const map = new IdMap();
    const reference = new Map<number, number | null>();
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 48271) >>> 0) % 0x7fffffff) / 0x7fffffff;
    const keys = [0, -3, 2 ** 31, 2 ** 31 - 1, 2 ** 40, 1.5];
    for (let i = 0; i < 50_000; i++) keys.push(1 + Math.floor(random() * (i % 3 === 0 ? 2 ** 31 - 2 : 20_000)));
    for (const key of keys) {
      const value = random() < 0.1 ? null : random() < 0.002 ? 2 ** 31 - 1 : Math.floor(random() * 1_000_000);
      map.set(key, value);
      reference.set(key, value);
    }
    expect(map.size).toBe(reference.size);
    for (const [key, value] of reference) {
      expect(map.has(key)).toBe(true);
      expect(map.get(key)).toBe(value);
    }
    for (const key of [3, 20_001, 2 ** 31 - 5, -1, 2 ** 41]) {
      if (reference.has(key)) continue;
      expect(map.has(key)).toBe(false);
      expect(map.get(key)).toBeUndefined();
    }
  });
});
