/**
 * The native menu. Items that the renderer also handles as keyboard shortcuts show
 * their accelerator without registering it, so a key press reaches the renderer once
 * and works the same in the browser shell.
 */

import { basename } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommandName } from './preload-api';

export interface MenuActions {
  isMac: boolean;
  /** True in a packaged app; development builds get a developer-tools item. */
  isPackaged: boolean;
  recentFiles: readonly string[];
  /** Sends a command to the focused window's renderer. */
  send: (command: MenuCommandName) => void;
  openRecent: (path: string) => void;
  clearRecent: () => void;
}

/** Builds the menu template; pure, so tests can inspect it without Electron. */
export function buildMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const command = (label: string, name: MenuCommandName, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    registerAccelerator: false,
    click: () => actions.send(name),
  });

  const recent: MenuItemConstructorOptions[] =
    actions.recentFiles.length === 0
      ? [{ label: 'No recent projects', enabled: false }]
      : [
          ...actions.recentFiles.map((path) => ({ label: basename(path), toolTip: path, click: () => actions.openRecent(path) })),
          { type: 'separator' },
          { label: 'Clear Recent Projects', click: actions.clearRecent },
        ];

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Project', accelerator: 'CmdOrCtrl+N', click: () => actions.send('new-project') },
      command('Open Project…', 'open-project', 'CmdOrCtrl+O'),
      { label: 'Open Recent', submenu: recent },
      command('Save Project…', 'save-project', 'CmdOrCtrl+S'),
      { type: 'separator' },
      command('Export Model…', 'export-model', 'CmdOrCtrl+E'),
      { label: 'Import Model…', click: () => actions.send('import-model') },
      ...(actions.isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      command('Undo', 'undo', 'CmdOrCtrl+Z'),
      command('Redo', 'redo', 'Shift+CmdOrCtrl+Z'),
      { type: 'separator' },
      command('Copy Nodes', 'copy', 'CmdOrCtrl+C'),
      command('Paste Nodes', 'paste', 'CmdOrCtrl+V'),
      command('Select All', 'select-all', 'CmdOrCtrl+A'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      command('Fit Network in View', 'fit-view', 'Shift+1'),
      { type: 'separator' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'resetZoom' },
      { role: 'togglefullscreen' },
      ...(actions.isPackaged ? [] : [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const]),
    ],
  };

  const training: MenuItemConstructorOptions = {
    label: 'Training',
    submenu: [command('Train', 'train', 'CmdOrCtrl+Enter'), command('Stop', 'stop', 'CmdOrCtrl+.')],
  };

  const appMenu: MenuItemConstructorOptions[] = actions.isMac ? [{ role: 'appMenu' }] : [];
  return [...appMenu, file, edit, view, training, { role: 'windowMenu' }, { role: 'help', submenu: [{ role: 'about' }] }];
}
