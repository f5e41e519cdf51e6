import { useEffect, useState } from 'react';
import { api } from './api.ts';
import { DEFAULT_TIME_ZONE } from './zoned-time.ts';

let known: string | undefined;
let pending: Promise<string> | undefined;

/**
 * The site's time zone from its settings. Only administrators may read the settings: everyone
 * else schedules in the default zone, which is also the site's unless it was changed.
 */
export function loadSiteTimeZone(): Promise<string> {
  pending ??= api.get<Record<string, unknown>>('/settings').then(
    (answer) => {
      const settings = (answer.settings as Record<string, unknown> | undefined) ?? answer;
      known = typeof settings.timezone === 'string' && settings.timezone ? settings.timezone : DEFAULT_TIME_ZONE;
      return known;
    },
    () => (known = DEFAULT_TIME_ZONE),
  );
  return pending;
}

/** After the settings changed. */
export function forgetSiteTimeZone(): void {
  known = undefined;
  pending = undefined;
}

export function useSiteTimeZone(): string {
  const [timeZone, setTimeZone] = useState(known ?? DEFAULT_TIME_ZONE);
  useEffect(() => {
    let current = true;
    void loadSiteTimeZone().then((zone) => current && setTimeZone(zone));
    return () => {
      current = false;
    };
  }, []);
  return timeZone;
}
