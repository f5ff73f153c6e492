const STORAGE_KEY = 'packdesk.token';

export interface TokenStore {
  get(): string | null;
  set(token: string | null): void;
  subscribe(listener: () => void): () => void;
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * The session token, kept in localStorage so a reload stays signed in. Other tabs of the same
 * station see sign-in, sign-out and operator switches through the `storage` event, so two tabs
 * never act as two different people.
 */
export function createTokenStore(): TokenStore {
  let token = readStored();
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());

  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    const stored = readStored();
    if (stored === token) return;
    token = stored;
    notify();
  });

  return {
    get: () => token,
    set(next) {
      if (next === token) return;
      token = next;
      try {
        if (next === null) localStorage.removeItem(STORAGE_KEY);
        else localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Storage can be unavailable (private mode, quota); the session then lasts for this page.
      }
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
