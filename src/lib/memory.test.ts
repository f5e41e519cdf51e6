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
  const MB = 1024 * 1024;

  /**
   * A collector over a stand-in heap reading `startMb`, then: whether a tick at `belowMb` left
   * garbage in place, and whether a tick at `atMb` collected it.
   */
  async function ticksAt(startMb: number, steps: { beforeMb?: number; belowMb: number; atMb: number }) {
    let used = startMb * MB;
    const tick = growthCollector(64, () => used);
    if (steps.beforeMb !== undefined) {
      used = steps.beforeMb * MB;
      tick();
    }
    const reference = unreachable();
    await nextTask();
    used = steps.belowMb * MB;
    tick();
    // Reading the reference keeps its target until this task ends: the next check reads it again
    // in a later task, where only a collection run since can have cleared it.
    const keptBelow = reference.deref() !== undefined;
    await nextTask();
    used = steps.atMb * MB;
    tick();
    return { keptBelow, collectedAt: reference.deref() === undefined };
  }

  it('collects once the heap has grown by the headroom since the last collection, not before', async () => {
    expect(await ticksAt(100, { belowMb: 163, atMb: 164 })).toEqual({ keptBelow: true, collectedAt: true });
  });

  it('counts the growth from what the heap held after its last collection', async () => {
    // The tick at 170 MB collects; the stand-in heap still holds 170 MB afterwards, the new baseline.
    expect(await ticksAt(100, { beforeMb: 170, belowMb: 233, atMb: 234 })).toEqual({ keptBelow: true, collectedAt: true });
  });
});
