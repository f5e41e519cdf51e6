import { describe, expect, it } from 'vitest';
import { collectGarbage, periodicCollector } from './memory.ts';

/**
 * A weak reference to an object nothing else holds. A WeakRef keeps its target alive until the
 * task that made or read it ends: each check runs in a task of its own (`nextTask`).
 */
function unreachable(): WeakRef<object> {
  return new WeakRef({ payload: new Array(1_000).fill('kiosque') });
}
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('collectGarbage', () => {
  it('collects what nothing holds any more, and keeps what is held', async () => {
    const held = { payload: 'kiosque' };
    const kept = new WeakRef(held);
    const dropped = unreachable();
    await nextTask();
    collectGarbage();
    expect(dropped.deref()).toBeUndefined();
    expect(kept.deref()).toBe(held);
  });
});

describe('periodicCollector', () => {
  it('collects once the interval has passed, not before', async () => {
    let clock = 0;
    const tick = periodicCollector(2_000, () => clock);
    const reference = unreachable();
    await nextTask();
    clock = 1_999;
    tick();
    // Reading the reference keeps its target until this task ends: the next check reads it again
    // in a later task, where only a collection run since can have cleared it.
    const early = reference.deref() !== undefined;
    await nextTask();
    clock = 2_000;
    tick();
    expect(early).toBe(true);
    expect(reference.deref()).toBeUndefined();
  });
});
