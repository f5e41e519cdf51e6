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
 * A function for a job's loop that collects garbage when `intervalMs` have passed since it last
 * did; in between, calling it costs a clock read.
 */
export function periodicCollector(intervalMs: number, now: () => number = performance.now.bind(performance)): () => void {
  let last = now();
  return () => {
    const time = now();
    if (time - last < intervalMs) return;
    collectGarbage();
    last = now();
  };
}
