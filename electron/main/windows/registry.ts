import type { BrowserWindow, WebContents } from 'electron';

/**
 * The windows this app created. The IPC router trusts only their webContents, and push events
 * go only to them.
 */
export interface WindowRegistry {
  add(window: BrowserWindow): void;
  /** Open windows, oldest first. */
  all(): BrowserWindow[];
  owns(contents: WebContents): boolean;
  /** Brings the oldest window to the front; false when there is none. */
  focusFirst(): boolean;
}

export function createWindowRegistry(): WindowRegistry {
  const windows = new Set<BrowserWindow>();
  const all = () => [...windows].filter((window) => !window.isDestroyed());
  return {
    add(window) {
      windows.add(window);
      window.once('closed', () => windows.delete(window));
    },
    all,
    owns: (contents) => all().some((window) => window.webContents === contents),
    focusFirst() {
      const [first] = all();
      if (!first) return false;
      if (first.isMinimized()) first.restore();
      first.show();
      first.focus();
      return true;
    },
  };
}
