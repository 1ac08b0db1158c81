/**
 * Electron's main process: one instance, one window, the app served from the
 * `wiregrad:` protocol with a strict Content-Security-Policy, the backend behind IPC,
 * native menus with recent files.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, protocol, type WebContents } from 'electron';
import { createBackend } from '../backend/backend';
import type { TrainingEvent } from '../backend/protocol';
import { contentSecurityPolicy, readRendererFile } from '../common/renderer-files';
import { FileDialogs } from './file-dialogs';
import { registerIpcHandlers } from './ipc';
import { buildMenuTemplate } from './menu';
import type { MenuCommandName } from './preload-api';
import { RecentFiles } from './recent-files';
import { createMainWindow } from './window';

// Paths are relative to the built out/main/index.js; a packaged app keeps the data sets
// under its resources folder.
const outDir = fileURLToPath(new URL('..', import.meta.url));
const rendererDir = join(outDir, 'renderer');
const preloadPath = join(outDir, 'preload', 'index.cjs');
const datasetsDir = app.isPackaged ? join(process.resourcesPath, 'datasets') : join(outDir, '..', 'datasets');

// Standard and secure, so the renderer gets a real origin and the CSP's 'self' works.
protocol.registerSchemesAsPrivileged([
  { scheme: 'wiregrad', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// A second launch focuses the running window and hands over a project path, if any.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

let mainWindow: BrowserWindow | null = null;

function start(): void {
  // Serve the built renderer with security headers.
  const csp = contentSecurityPolicy();
  protocol.handle('wiregrad', async (request) => {
    const file = await readRendererFile(rendererDir, new URL(request.url).pathname);
    if (file === null) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { 'Content-Type': file.mediaType, 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' },
    });
  });

  // The backend, with training events routed to the window that started each run.
  const backend = createBackend({ datasetsDir, workerEntry: new URL('./training-worker.js', import.meta.url) });
  const runOwners = new Map<string, WebContents>();
  backend.onTrainingEvent((event: TrainingEvent) => {
    const owner = runOwners.get(event.runId);
    if (owner !== undefined && !owner.isDestroyed()) owner.send('training-event', event);
  });

  // Recent files, dialogs and the menu that lists them.
  const recent = new RecentFiles(join(app.getPath('userData'), 'recent-files.json'));
  const files = new FileDialogs(recent, () => installMenu());
  const sendCommand = (command: MenuCommandName): void => {
    const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
    target?.webContents.send('menu-command', command);
  };
  const openProjectPath = (path: string): void => {
    files.read('project', path).then(
      (file) => mainWindow?.webContents.send('file-opened', file),
      (error: unknown) => {
        console.error(`wiregrad: cannot open ${path}:`, error);
        recent.remove(path);
        installMenu();
      },
    );
  };
  const installMenu = (): void => {
    const template = buildMenuTemplate({
      isMac: process.platform === 'darwin',
      isPackaged: app.isPackaged,
      recentFiles: recent.list(),
      send: sendCommand,
      openRecent: openProjectPath,
      clearRecent: () => {
        recent.clear();
        installMenu();
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  installMenu();

  registerIpcHandlers({
    ipcMain,
    backend,
    files,
    windowFor: (sender) => BrowserWindow.fromWebContents(sender),
    onRunStarted: (sender, runId) => runOwners.set(runId, sender),
  });

  // The window, and what happens on a second launch and on quit.
  mainWindow = createMainWindow(preloadPath);
  mainWindow.on('closed', () => (mainWindow = null));
  app.on('second-instance', (_event, argv) => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    const project = argv.find((arg) => arg.endsWith('.json') && existsSync(arg));
    if (project !== undefined) openProjectPath(project);
  });
  app.on('window-all-closed', () => {
    void backend.close().finally(() => app.quit());
  });
}
