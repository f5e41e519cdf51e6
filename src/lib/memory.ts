import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Full garbage collections on demand, for long batch jobs.
 *
 * V8 grows a heap when much of what is allocated lives a little while, as each post of an import
 * does: without a limit to press against, the heap of a 100,000-item import grew to several times
 * what it holds, garbage that is only collected when V8 decides to. A job that collects now and
 * then keeps its memory near what it really uses, for a few percent of its time.
 */

let gc: (() => void) | undefined;

/** Collects garbage at once, everywhere in this thread's heap. */
export function collectGarbage(): void {
  if (!gc) {
    // Node hands the collector only to code started with --expose-gc: a new context created
    // after setting the flag gets it as a global.
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

/**
 * A function for a job's loop that collects garbage once the heap holds `headroomMb` more than
 * it did after the last collection; in between, calling it costs a read of the heap's size.
 *
 * Growth, not a clock, decides: every full collection also throws away the optimised code of
 * functions none of whose closures is alive at that moment — parsers that make their closures
 * per document (micromark, the HTML reader) — and the thread then runs them slowly and compiles
 * them again. Collecting every 2 s cost an import of 10,000 posts some 3 s of its main thread.
 */
export function growthCollector(headroomMb: number, usedHeap: () => number = () => v8.getHeapStatistics().used_heap_size): () => void {
  const headroom = headroomMb * 1024 * 1024;
  let baseline = usedHeap();
  return () => {
    if (usedHeap() - baseline < headroom) return;
    collectGarbage();
    baseline = usedHeap();
  };
}
