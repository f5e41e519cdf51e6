import { describe, expect, it } from 'vitest';
import { collectGarbage, growthCollector } from './memory.ts';

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

describe('growthCollector', () => {
  it('collects once the heap has grown by the headroom since the last collection, not before', async () => {
    const mb = 1024 * 1024;
    let used = 100 * mb;
    const tick = growthCollector(64, () => used);
    const reference = unreachable();
    await nextTask();
    used = 163 * mb;
    tick();
    // Reading the reference keeps its target until this task ends: the next check reads it again
    // in a later task, where only a collection run since can have cleared it.
    const early = reference.deref() !== undefined;
    await nextTask();
    used = 164 * mb;
    tick();
    expect(early).toBe(true);
    expect(reference.deref()).toBeUndefined();
  });

  it('counts the growth from what the heap held after its last collection', async () => {
    const mb = 1024 * 1024;
    let used = 100 * mb;
    const tick = growthCollector(64, () => used);
    // Collects; the stand-in heap still holds 170 MB afterwards, the new baseline.
    used = 170 * mb;
    tick();
    const reference = unreachable();
    await nextTask();
    used = 233 * mb;
    tick();
    const early = reference.deref() !== undefined;
    await nextTask();
    used = 234 * mb;
    tick();
    expect(early).toBe(true);
    expect(reference.deref()).toBeUndefined();
  });
});
