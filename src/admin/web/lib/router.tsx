import { useEffect, useRef, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A small History API router for the admin's client routes, all under /admin/. The server answers
 * every /admin/… address with the app, so a reload or a shared link opens the same screen.
 */

export const BASE = '/admin';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
}

function currentLocation(): string {
  return window.location.pathname + window.location.search;
}

/** The app-relative path and query of the current address, e.g. `/posts?status=draft`. */
export function useLocation(): { path: string; search: URLSearchParams } {
  const location = useSyncExternalStore(subscribe, currentLocation);
  const [pathname = '/', search = ''] = location.split('?');
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) || '/' : pathname;
  return { path: path.length > 1 ? path.replace(/\/$/, '') : path, search: new URLSearchParams(search) };
}

/** Each answers whether the person may leave the screen now (it may ask them first). */
const leaveGuards = new Set<() => boolean>();
/** The address the app shows: a Back that a guard refuses is put back to it. */
let shown = currentLocation();

function mayLeave(): boolean {
  for (const guard of leaveGuards) if (!guard()) return false;
  return true;
}

// Registered when the router is first imported, before any screen subscribes to popstate: a
// refused Back or Forward stops here, and the screen never sees the address it did not go to.
window.addEventListener('popstate', (event) => {
  const now = currentLocation();
  if (now === shown) return;
  if (mayLeave()) {
    shown = now;
    return;
  }
  event.stopImmediatePropagation();
  window.history.pushState(null, '', shown);
});

/**
 * Keeps the person on the screen while the guard says so: it is asked before any move to another
 * address of the app (links, navigate(), Back). Closing the tab is the browser's beforeunload.
 */
export function useLeaveGuard(guard: () => boolean): void {
  const latest = useRef(guard);
  latest.current = guard;
  useEffect(() => {
    const ask = () => latest.current();
    leaveGuards.add(ask);
    return () => {
      leaveGuards.delete(ask);
    };
  }, []);
}

export function href(path: string): string {
  return BASE + (path.startsWith('/') ? path : '/' + path);
}

/**
 * Goes to an app path, unless the screen shown keeps the person there (useLeaveGuard); `replace`
 * keeps the history clean for redirects and filter changes.
 */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const target = href(path);
  if (target === currentLocation()) return;
  if (!mayLeave()) return;
  shown = target;
  if (options.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** Matches `/posts/:id` against a path; returns the parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const source = pattern.replace(/:(\w+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const found = new RegExp(`^${source}$`).exec(path);
  if (!found) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)]));
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An ordinary link (it opens in a new tab as usual) that stays in the app on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const onLinkClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a {...rest} href={href(to)} onClick={onLinkClick} />;
}

/** Leaves the screen: sends the person elsewhere as soon as it is shown. */
export function Redirect({ to }: { to: string }) {
  useEffect(() => {
    navigate(to, { replace: true });
  }, [to]);
  return null;
}
