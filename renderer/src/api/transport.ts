import type { PackdeskBridge } from '../../../shared/contract/bridge';
import { createStationTransport } from './station-transport';

declare global {
  interface Window {
    /** Present only inside the Electron window, where the preload exposes it. */
    readonly packdesk?: PackdeskBridge;
  }
}

/**
 * `idle`: no session, so no event channel. `connecting`: first attempt after sign-in.
 * `reconnecting`: the channel dropped and is being re-established; pushes may be missed meanwhile.
 */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting';

export interface Transport {
  readonly kind: 'desktop' | 'station';
  readonly bridge: PackdeskBridge;
  /** The event channel authenticates with the session token, so it must follow every change. */
  setToken(token: string | null): void;
  getConnection(): ConnectionState;
  onConnectionChange(listener: () => void): () => void;
  /** The core refused the event channel's token (expired or ended elsewhere). */
  onTokenRejected(listener: () => void): () => void;
}

function createDesktopTransport(bridge: PackdeskBridge): Transport {
  // IPC to the core in our own utility process cannot drop the way a socket can.
  return {
    kind: 'desktop',
    bridge,
    setToken: () => undefined,
    getConnection: () => 'connected',
    onConnectionChange: () => () => undefined,
    onTokenRejected: () => () => undefined,
  };
}

/** Electron's preload bridge when there is one; otherwise the station's HTTP API on this origin. */
export function chooseTransport(): Transport {
  return window.packdesk ? createDesktopTransport(window.packdesk) : createStationTransport();
}
