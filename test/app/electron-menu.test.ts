/** The native menu template: commands, accelerators, recent files, platform items. */

import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, test, vi } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../src-main/electron/menu';

function actions(overrides: Partial<MenuActions> = {}): MenuActions {
  return {
    isMac: false,
    isPackaged: true,
    recentFiles: [],
    send: vi.fn(),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    ...overrides,
  };
}

/** Finds a menu item by its label path, such as ['File', 'Open Recent']. */
function item(template: MenuItemConstructorOptions[], path: string[]): MenuItemConstructorOptions {
  let items = template;
  let found: MenuItemConstructorOptions | undefined;
  for (const label of path) {
    found = items.find((entry) => entry.label === label);
    if (found === undefined) throw new Error(`menu has no '${label}' in ${path.join(' > ')}`);
    items = Array.isArray(found.submenu) ? found.submenu : [];
  }
  if (found === undefined) throw new Error('empty path');
  return found;
}

function click(entry: MenuItemConstructorOptions): void {
  if (entry.click === undefined) throw new Error(`'${entry.label}' has no click handler`);
  entry.click(Object.create(null), undefined, Object.create(null));
}

describe('menu template', () => {
  test('commands reach the renderer', () => {
    const menuActions = actions();
    const template = buildMenuTemplate(menuActions);
    const cases: [string[], string][] = [
      [['File', 'New Project'], 'new-project'],
      [['File', 'Open Project…'], 'open-project'],
      [['File', 'Save Project…'], 'save-project'],
      [['File', 'Export Model…'], 'export-model'],
      [['File', 'Import Model…'], 'import-model'],
      [['Edit', 'Undo'], 'undo'],
      [['Edit', 'Redo'], 'redo'],
      [['Edit', 'Copy Nodes'], 'copy'],
      [['Edit', 'Paste Nodes'], 'paste'],
      [['View', 'Fit Network in View'], 'fit-view'],
      [['Training', 'Train'], 'train'],
      [['Training', 'Stop'], 'stop'],
    ];
    for (const [path, command] of cases) {
      click(item(template, path));
      expect(menuActions.send, path.join(' > ')).toHaveBeenLastCalledWith(command);
    }
  });

  test('renderer shortcuts are shown but not registered', () => {
    const template = buildMenuTemplate(actions());
    for (const path of [['Edit', 'Undo'], ['Edit', 'Copy Nodes'], ['File', 'Save Project…'], ['Training', 'Train']]) {
      const entry = item(template, path);
      expect(entry.accelerator, path.join(' > ')).toMatch(/CmdOrCtrl/);
      expect(entry.registerAccelerator, path.join(' > ')).toBe(false);
    }
  });

  test('recent files are listed and open on click', () => {
    const menuActions = actions({ recentFiles: ['/home/ada/iris.wiregrad.json', '/home/ada/wine.wiregrad.json'] });
    const recent = item(buildMenuTemplate(menuActions), ['File', 'Open Recent']);
    const entries = Array.isArray(recent.submenu) ? recent.submenu : [];
    expect(entries.map((entry) => entry.label)).toEqual(['iris.wiregrad.json', 'wine.wiregrad.json', undefined, 'Clear Recent Projects']);

    click(entries[1]);
    expect(menuActions.openRecent).toHaveBeenCalledWith('/home/ada/wine.wiregrad.json');
    click(entries[3]);
    expect(menuActions.clearRecent).toHaveBeenCalled();
  });

  test('empty recent list shows a disabled item', () => {
    const recent = item(buildMenuTemplate(actions()), ['File', 'Open Recent']);
    expect(recent.submenu).toEqual([{ label: 'No recent projects', enabled: false }]);
  });

  test('macOS gets the app menu and no File > Quit', () => {
    const mac = buildMenuTemplate(actions({ isMac: true }));
    expect(mac[0]).toEqual({ role: 'appMenu' });
    const file = item(mac, ['File']);
    expect((Array.isArray(file.submenu) ? file.submenu : []).some((entry) => entry.role === 'quit')).toBe(false);

    const linuxFile = item(buildMenuTemplate(actions()), ['File']);
    expect((Array.isArray(linuxFile.submenu) ? linuxFile.submenu : []).some((entry) => entry.role === 'quit')).toBe(true);
  });

  test('developer tools only in development builds', () => {
    const hasDevTools = (isPackaged: boolean) => {
      const view = item(buildMenuTemplate(actions({ isPackaged })), ['View']);
      return (Array.isArray(view.submenu) ? view.submenu : []).some((entry) => entry.role === 'toggleDevTools');
    };
    expect(hasDevTools(true)).toBe(false);
    expect(hasDevTools(false)).toBe(true);
  });
});
