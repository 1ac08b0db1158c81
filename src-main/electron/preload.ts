/**
 * The preload script, built as CommonJS because a sandboxed preload cannot load ES
 * modules. It exposes `window.wiregrad`: invoke on an allow-list of channels, and
 * listeners for the main process' events, never `ipcRenderer` itself.
 */

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BACKEND_CHANNELS, type InvokeResult, type TrainingEvent } from '../backend/protocol';
import type { AppChannel, MenuCommandName, OpenedFile, PreloadApi } from './preload-api';

/** Invoke channels the renderer may use: every backend channel plus the file dialogs. */
const INVOKE_CHANNELS: ReadonlySet<string> = new Set<AppChannel>([...BACKEND_CHANNELS, 'open-file', 'save-file']);

/** Subscribes to one main-process channel and returns the unsubscribe function. */
function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: T): void => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

export const api: PreloadApi = {
  async invoke(channel, request) {
    if (!INVOKE_CHANNELS.has(channel)) {
      return { ok: false, error: `Unknown channel '${String(channel)}'.` };
    }
    const result: InvokeResult<never> = await ipcRenderer.invoke(channel, request);
    return result;
  },
  onTrainingEvent: (listener) => subscribe<TrainingEvent>('training-event', listener),
  onMenuCommand: (listener) => subscribe<MenuCommandName>('menu-command', listener),
  onFileOpened: (listener) => subscribe<OpenedFile>('file-opened', listener),
};

contextBridge.exposeInMainWorld('wiregrad', api);
