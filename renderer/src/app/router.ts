import { useSyncExternalStore } from 'react';

export const ROUTES = ['home', 'users', 'audit', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

/** Hash routes (`#/users`) work the same from `file://` in Electron and over HTTP at the station. */
function parse(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (ROUTES as readonly string[]).includes(path) ? (path as Route) : 'home';
}

export function hrefFor(route: Route) {
  return route === 'home' ? '#/' : `#/${route}`;
}

export function navigate(route: Route) {
  location.hash = hrefFor(route);
}

function subscribe(listener: () => void) {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => parse(location.hash));
}
