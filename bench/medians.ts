/** The item whose figure is the median of the items' (the upper middle of an even count). */
export function medianBy<T>(items: readonly T[], figure: (item: T) => number): T {
  if (items.length === 0) throw new Error('nothing was measured');
  return [...items].sort((a, b) => figure(a) - figure(b))[Math.floor(items.length / 2)]!;
}
