/**
 * Items in groups of `size` (the last may be smaller), in order: for statements with an IN list
 * or a multi-row VALUES of bounded length, and for work done a group at a time. Reads the items
 * as it goes, so a generator is never held whole.
 */
export function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
