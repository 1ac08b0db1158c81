/** The main window's security settings, with Electron's module replaced by a fake. */

import { beforeEach, describe, expect, test, vi } from 'vitest';

vi.mock('electron', () => import('./helpers/electron-fake'));

const { BrowserWindow, shell } = await import('./helpers/electron-fake');
const { createMainWindow, isAppUrl, mainWindowOptions, APP_URL } = await import('../../src-main/electron/window');

describe('main window', () => {
  beforeEach(() => {
    BrowserWindow.created = [];
    shell.openExternal.mockClear();
  });

  test('options isolate and sandbox the renderer', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs');
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  test('window shows only at ready-to-show', () => {
    const window = createMainWindow('/preload.cjs');
    expect(window).toBe(BrowserWindow.created[0]);
    expect(BrowserWindow.created[0].shown).toBe(false);
    expect(BrowserWindow.created[0].loadedUrl).toBe(APP_URL);

    BrowserWindow.created[0].emit('ready-to-show');
    expect(BrowserWindow.created[0].shown).toBe(true);
  });

  test('window.open is denied; https links go to the browser', () => {
    createMainWindow('/preload.cjs');
    const handler = BrowserWindow.created[0].webContents.windowOpenHandler;
    if (handler === null) throw new Error('no window-open handler was set');

    expect(handler({ url: 'https://pytorch.org/docs' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://pytorch.org/docs');
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  test('navigation away from the app is prevented', () => {
    createMainWindow('/preload.cjs');
    const contents = BrowserWindow.created[0].webContents;

    for (const [url, allowed] of [
      ['https://evil.example/', false],
      ['file:///home/user/x.html', false],
      ['wiregrad://app.evil/index.html', false],
      ['wiregrad://app/index.html', true],
    ] as const) {
      const event = { preventDefault: vi.fn() };
      contents.emit('will-navigate', event, url);
      expect(event.preventDefault.mock.calls.length, url).toBe(allowed ? 0 : 1);
    }
  });

  test('webviews are never attached', () => {
    createMainWindow('/preload.cjs');
    const event = { preventDefault: vi.fn() };
    BrowserWindow.created[0].webContents.emit('will-attach-webview', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  test('app URL check needs the exact origin', () => {
    expect(isAppUrl('wiregrad://app/index.html')).toBe(true);
    expect(isAppUrl('wiregrad://app')).toBe(true);
    expect(isAppUrl('wiregrad://apple/index.html')).toBe(false);
    expect(isAppUrl('http://127.0.0.1/')).toBe(false);
  });
});
