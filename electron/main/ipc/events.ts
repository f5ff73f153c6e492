import type { BrowserWindow } from 'electron';
import { IPC_EVENT_CHANNEL } from '../../../shared/contract/channels';
import type { AppEvent } from '../../../shared/contract/events';

/** Sends a core push event to each of our live windows. */
export function broadcastEvent(
  windows: Iterable<Pick<BrowserWindow, 'isDestroyed' | 'webContents'>>,
  event: AppEvent,
): void {
  for (const window of windows) {
    if (window.isDestroyed() || window.webContents.isDestroyed()) continue;
    window.webContents.send(IPC_EVENT_CHANNEL, event);
  }
}
