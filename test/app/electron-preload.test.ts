/** The preload bridge: what it exposes, which channels it forwards, and its listeners. */

import { BACKEND_CHANNELS } from '../../src-main/backend/protocol';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { PreloadApi } from '../../src-main/electron/preload-api';

vi.mock('electron', () => import('./helpers/electron-fake'));

const { contextBridge, ipcRenderer } = await import('./helpers/electron-fake');
await import('../../src-main/electron/preload');

function exposedApi(): PreloadApi {
  const call = contextBridge.exposeInMainWorld.mock.calls[0];
  if (call === undefined) throw new Error('the preload exposed nothing');
  expect(call[0]).toBe('wiregrad');
  return call[1] as PreloadApi;
}

describe('preload bridge', () => {
  beforeEach(() => {
    ipcRenderer.invoke.mockClear();
    ipcRenderer.on.mockClear();
    ipcRenderer.removeListener.mockClear();
  });

  test('exposes only the wiregrad API', () => {
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(Object.keys(exposedApi()).sort()).toEqual(['invoke', 'onFileOpened', 'onMenuCommand', 'onTrainingEvent']);
  });

  test('allowed channels are forwarded to ipcRenderer.invoke', async () => {
    const api = exposedApi();
    expect(await api.invoke('preview-dataset', { name: 'iris' })).toEqual({ ok: true, value: 'from main' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('preview-dataset', { name: 'iris' });
  });

  test('every backend channel is forwarded', async () => {
    const api = exposedApi();
    for (const channel of BACKEND_CHANNELS) {
      const result = await api.invoke(channel, {} as never);
      expect(result, channel).toEqual({ ok: true, value: 'from main' });
    }
  });

  test('other channels never reach ipcRenderer', async () => {
    const api = exposedApi();
    const invokeAny = api.invoke as (channel: string, request: unknown) => Promise<unknown>;
    expect(await invokeAny('menu-command', {})).toEqual({ ok: false, error: "Unknown channel 'menu-command'." });
    expect(await invokeAny('ELECTRON_BROWSER_REQUIRE', {})).toMatchObject({ ok: false });
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  test('listeners get the payload, not the IPC event, and can unsubscribe', () => {
    const api = exposedApi();
    const listener = vi.fn();
    const unsubscribe = api.onMenuCommand(listener);

    const [channel, handler] = ipcRenderer.on.mock.calls[0] as [string, (event: unknown, payload: unknown) => void];
    expect(channel).toBe('menu-command');
    handler({ sender: 'ipc internals' }, 'undo');
    expect(listener).toHaveBeenCalledWith('undo');

    unsubscribe();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('menu-command', handler);
  });

  test('each event has its own channel', () => {
    const api = exposedApi();
    api.onTrainingEvent(vi.fn());
    api.onFileOpened(vi.fn());
    expect(ipcRenderer.on.mock.calls.map((call) => call[0])).toEqual(['training-event', 'file-opened']);
  });
});
