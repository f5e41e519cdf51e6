import type { Db } from '../db/db.ts';
import type { EventBus } from '../events/events.ts';
import { addHits, findExactRule, loadPatterns } from './redirects.queries.ts';
import { canonicalPath, follow, MAX_PATH_LENGTH, type CompiledPattern, type RedirectAnswer, type RuleSource } from './redirects.rules.ts';

/** Where the rules send a path: what the public site asks. */
export interface RedirectLookup {
  find(path: string): Promise<RedirectAnswer | undefined>;
  /** Writes the hits counted in memory, before a list shows them. */
  flushHits(): Promise<void>;
}

/** For a page rendered as it would be without any rule (the preview of a post, in its transaction). */
export const NO_REDIRECTS: RedirectLookup = { find: async () => undefined, flushHits: async () => undefined };

/** How often the hits counted in memory are written (and on close). */
const HIT_FLUSH_MS = 60_000;

/**
 * The redirect rules on the reading path. Exact rules are one lookup on from_path's unique index;
 * pattern rules (a handful) are kept compiled in memory and reloaded after any content or settings
 * change, here or on another instance (the event bus carries the change). A reader is sent
 * straight to where the rules finally lead: a chain is one response.
 *
 * Hits are counted in memory and written once a minute, one UPDATE per rule that was used: a
 * write per redirected request would cost more than the redirect. A crash loses at most a
 * minute of counts, which are a guide, not an invoice.
 */
export class RedirectResolver implements RedirectLookup {
  private patterns: Promise<CompiledPattern[]> | undefined;
  private pending = new Map<number, { hits: number; last: string }>();
  private readonly timer: NodeJS.Timeout;
  private readonly source: RuleSource;

  constructor(
    private readonly db: Db,
    events: EventBus,
    private readonly now: () => string,
  ) {
    events.on((event) => {
      if (event.type === 'content.changed' || event.type === 'settings.changed') this.patterns = undefined;
    });
    this.source = {
      exact: (path) => findExactRule(this.db.kysely, [path]),
      patterns: () => (this.patterns ??= loadPatterns(this.db.kysely)),
    };
    this.timer = setInterval(() => void this.flushHits().catch(() => undefined), HIT_FLUSH_MS);
    this.timer.unref();
  }

  /** Where the rules send a request for this path (its query string aside), if anywhere. */
  async find(path: string): Promise<RedirectAnswer | undefined> {
    if (path.length > MAX_PATH_LENGTH) return undefined;
    const answer = await follow(this.source, canonicalPath(path));
    // A loop the checks on saving could not foresee (patterns feeding each other) answers nothing rather than send readers round.
    if (!answer || answer.kind === 'loop') return undefined;
    this.count(answer.ruleIds);
    return answer;
  }

  private count(ids: readonly number[]): void {
    const at = this.now();
    for (const id of ids) {
      const entry = this.pending.get(id);
      if (entry) {
        entry.hits++;
        entry.last = at;
      } else {
        this.pending.set(id, { hits: 1, last: at });
      }
    }
  }

  /** Writes the hits counted since the last flush. */
  async flushHits(): Promise<void> {
    if (this.pending.size === 0) return;
    const counts = this.pending;
    this.pending = new Map();
    await addHits(this.db.kysely, counts);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flushHits();
  }
}
