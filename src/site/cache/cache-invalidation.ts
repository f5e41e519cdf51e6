import type { EventBus } from '../../events/events.ts';
import type { PageCache } from './page-cache.ts';

/**
 * Keeps the page cache true: it is emptied when content or settings change (here or on another
 * instance), and when a scheduled post's time comes, which no event announces. The next
 * publication time is read from the database once per emptying, so a restart loses nothing.
 */
export function keepCacheFresh(options: {
  cache: PageCache;
  events: EventBus;
  nextScheduledAt: (now: string) => Promise<string | undefined>;
  now: () => string;
}): { beforeLookup(): Promise<void> } {
  const { cache, events, nextScheduledAt, now } = options;
  let nextPublication: Promise<string | undefined> | undefined;
  const empty = () => {
    cache.clear();
    nextPublication = undefined;
  };
  events.on((event) => {
    if (event.type === 'content.changed' || event.type === 'settings.changed') empty();
  });
  return {
    async beforeLookup() {
      nextPublication ??= nextScheduledAt(now());
      const next = await nextPublication;
      if (next !== undefined && now() >= next) empty();
    },
  };
}
