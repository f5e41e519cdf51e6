import type { EventBus } from '../../events/events.ts';
import type { PageCache, PreparedResponse } from './page-cache.ts';

/**
 * The page cache as the site uses it, kept true: it empties when content or settings change (here
 * or on another instance) and when a scheduled post's time comes, which no event announces. The
 * next publication time is read from the database once per emptying, so a restart loses nothing.
 *
 * Lookups are synchronous, so a hit can be answered before any routing; until the next
 * publication time is known, every lookup misses and the request takes the router's path.
 */
export class FreshPageCache {
  /** When the next scheduled post goes public; null until read since the last emptying. */
  private nextPublication: string | undefined | null = null;
  private reading: Promise<void> | undefined;
  /** Counts emptyings: a page rendered before one must not be stored after it. */
  private generation = 0;

  constructor(
    private readonly cache: PageCache,
    events: EventBus,
    private readonly nextScheduledAt: (now: string) => Promise<string | undefined>,
    private readonly now: () => string,
  ) {
    events.on((event) => {
      if (event.type === 'content.changed' || event.type === 'settings.changed') this.empty();
    });
  }

  get enabled(): boolean {
    return this.cache.enabled;
  }

  /** The current generation, to hand back to `store` with the page rendered from now on. */
  get version(): number {
    return this.generation;
  }

  lookup(path: string): PreparedResponse | undefined {
    if (!this.cache.enabled || this.nextPublication === null) return undefined;
    if (this.nextPublication !== undefined && this.now() >= this.nextPublication) {
      this.empty();
      return undefined;
    }
    return this.cache.get(path);
  }

  /** Reads when the next scheduled post goes out, if that is not known yet. */
  async ready(): Promise<void> {
    if (!this.cache.enabled || this.nextPublication !== null) return;
    if (!this.reading) {
      const generation = this.generation;
      this.reading = this.nextScheduledAt(this.now())
        .then((next) => {
          if (generation === this.generation) this.nextPublication = next;
        })
        .finally(() => {
          this.reading = undefined;
        });
    }
    await this.reading;
  }

  /** Keeps a page, unless the content changed while it was being rendered. */
  store(path: string, response: PreparedResponse, version: number): void {
    if (this.cache.enabled && version === this.generation) this.cache.set(path, response);
  }

  private empty(): void {
    this.generation++;
    this.cache.clear();
    this.nextPublication = null;
  }
}
