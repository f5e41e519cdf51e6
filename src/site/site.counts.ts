import { countPublicPosts, findNextScheduledAt, type PostListFilter } from '../content/content.queries.ts';
import type { Db } from '../db/db.ts';
import type { EventBus } from '../events/events.ts';

type ListingFilter = Omit<PostListFilter, 'limit' | 'offset'>;

/**
 * How many public posts each listing (home, category, tag or author archive) holds, for its
 * pagination. A count walks every post of its listing (all of them for the home page), while the
 * page itself reads ten: counts are kept until content changes, here or on another instance (the
 * event bus carries it), or until the next scheduled post goes public, which no event announces.
 * The next publication time is read once per emptying, as the page cache does.
 */
export class ListingCounts {
  private readonly counts = new Map<string, number>();
  /** The instants the kept counts hold for; null until read since the last emptying. */
  private window: { since: string; until: string | undefined } | null = null;
  /** Counts emptyings: a count made before one must not be kept after it. */
  private generation = 0;

  constructor(
    private readonly db: Db,
    events: EventBus,
  ) {
    events.on((event) => {
      if (event.type === 'content.changed') this.empty();
    });
  }

  async count(filter: ListingFilter): Promise<number> {
    const now = filter.now;
    const window = this.window;
    // Before `since` too: a count says nothing of an earlier instant (a clock moved back, in tests).
    if (!window || now < window.since || (window.until !== undefined && now >= window.until)) {
      this.empty();
      const generation = this.generation;
      const until = await findNextScheduledAt(this.db, now);
      if (generation === this.generation) this.window = { since: now, until };
    }
    const key = keyOf(filter);
    const kept = this.counts.get(key);
    if (kept !== undefined) return kept;
    const generation = this.generation;
    const total = await countPublicPosts(this.db, filter);
    if (generation === this.generation && this.window) this.counts.set(key, total);
    return total;
  }

  private empty(): void {
    this.generation++;
    this.counts.clear();
    this.window = null;
  }
}

/** Everything of the filter but the instant, which the window answers for. */
function keyOf(filter: ListingFilter): string {
  return JSON.stringify([filter.categoryIds, filter.tagId, filter.authorId, filter.featured, filter.highlighted, filter.excludeIds]);
}
