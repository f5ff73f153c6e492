import { useSyncExternalStore } from 'react';

export const ROUTES = [
  'home',
  'orders',
  'picking',
  'packing',
  'dispatch',
  'stats',
  'sync',
  'printing',
  'users',
  'audit',
  'settings',
] as const;
export type Route = (typeof ROUTES)[number];

/**
 * Hash routes (`#/users`): the screen never reaches the server, so the desktop page
 * (app://packdesk) and the station (HTTP) serve one file for every screen and a reload keeps it.
 */
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

function param(hash: string, name: string): string | null {
  const query = hash.split('?')[1];
  return query === undefined ? null : new URLSearchParams(query).get(name);
}

/** A parameter after the route (`#/orders?posting=…`), so other screens can link to a record. */
export function useRouteParam(name: string): string | null {
  return useSyncExternalStore(subscribe, () => param(location.hash, name));
}

/** Changes one parameter of the current route without leaving it (null removes it). */
export function setRouteParam(name: string, value: string | null) {
  const [path = '', query] = location.hash.split('?');
  const params = new URLSearchParams(query);
  if (value === null) params.delete(name);
  else params.set(name, value);
  const rest = params.toString();
  const next = rest ? `${path}?${rest}` : path;
  if (next !== location.hash) history.replaceState(null, '', next || '#/');
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
