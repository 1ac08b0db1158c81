import type { PreloadApi } from '../../../../src-main/electron/preload-api';
import { ElectronTransport } from './electron-transport';
import type { Transport } from './transport';
import { WebSocketTransport } from './websocket-transport';

export * from './transport';

declare global {
  interface Window {
    /** Set by Electron's preload script; absent in the browser shell. */
    wiregrad?: PreloadApi;
  }
}

/**
 * Picks the transport of the shell the page runs in: the preload bridge when Electron
 * exposed one, else a WebSocket to the server that served the page.
 */
export function createTransport(onConnectionLost: (message: string) => void): Transport {
  if (window.wiregrad !== undefined) return new ElectronTransport(window.wiregrad);
  return new WebSocketTransport(window.location, onConnectionLost);
}
