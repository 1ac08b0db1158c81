/**
 * The main window: sandboxed renderer with context isolation and no Node integration,
 * shown only once it has painted, with navigation and new windows blocked.
 */

import { BrowserWindow, shell, type BrowserWindowConstructorOptions } from 'electron';

/** Origin the renderer is served from by the `wiregrad:` protocol handler. */
export const APP_ORIGIN = 'wiregrad://app';
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Returns the options of the main window; `preloadPath` is the built CommonJS preload. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1000,
    minHeight: 640,
    show: false,
    title: 'Wiregrad',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** Returns true for URLs of the app itself, the only pages the window may show. */
export function isAppUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * Creates the main window and loads the app. Links to web pages (https only) open in
 * the system browser; every other navigation and every window.open is denied.
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());

  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  void window.loadURL(APP_URL);
  return window;
}
