// Preload: runs sandboxed beside the page. Exposes exactly one frozen object, `window.packdesk`,
// that can call contract methods by name and listen to push events; nothing else reaches main.
import { contextBridge, ipcRenderer } from 'electron';
import type { PackdeskBridge } from '../../shared/contract/bridge';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, METHOD_NAMES } from '../../shared/contract/channels';
import type { AppEvent } from '../../shared/contract/events';

const allowed = new Set<string>(METHOD_NAMES);

const bridge: PackdeskBridge = {
  call(method, input, token) {
    if (!allowed.has(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'not_found', message: `Unknown method ${String(method)}` },
      });
    }
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, { method, input, token });
  },
  onEvent(listener) {
    const wrapped = (_event: unknown, appEvent: AppEvent) => listener(appEvent);
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
  },
};

contextBridge.exposeInMainWorld('packdesk', Object.freeze(bridge));
