import type { EventBus } from '../events/events.ts';
import type { SitemapPlan } from './sitemaps.service.ts';

/**
 * The sitemap plan in force, kept as long as the page cache keeps pages: until content or
 * settings change (here or on another instance) or the next scheduled post goes public, which
 * no event announces. A plan that was being made when such a change happened is not kept.
 */
export class SitemapPlans {
  private current: { plan: Promise<SitemapPlan>; validUntil: string | undefined } | undefined;

  constructor(
    events: EventBus,
    private readonly build: (now: string) => Promise<SitemapPlan>,
    private readonly nextScheduledAt: (now: string) => Promise<string | undefined>,
    private readonly now: () => string,
  ) {
    events.on((event) => {
      if (event.type === 'content.changed' || event.type === 'settings.changed') this.current = undefined;
    });
  }

  get(): Promise<SitemapPlan> {
    const now = this.now();
    const current = this.current;
    if (current && (current.validUntil === undefined || now < current.validUntil)) return current.plan;
    // While it is being made, the plan serves every request (validUntil undefined); then it
    // lasts until the next publication, read before the plan so that none is missed.
    const plan = this.nextScheduledAt(now).then(async (next) => {
      const built = await this.build(now);
      entry.validUntil = next;
      return built;
    });
    const entry = { plan, validUntil: undefined as string | undefined };
    plan.catch(() => {
      if (this.current === entry) this.current = undefined;
    });
    this.current = entry;
    return entry.plan;
  }
}
