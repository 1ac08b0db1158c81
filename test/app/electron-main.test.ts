/** Start-up of the main process with Electron's module replaced by a fake. */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { contentSecurityPolicy } from '../../src-main/common/renderer-files';
import { RecentFiles } from '../../src-main/electron/recent-files';

vi.mock('electron', () => import('./helpers/electron-fake'));

// Loading the mocked module once binds it to this fake. Vitest keeps that binding when
// vi.resetModules() reloads the main process below, so startMain resets the fake's state.
const fake = await import('./helpers/electron-fake');
await import('electron');

/** Imports the main process afresh and waits for its start-up. */
async function startMain(lock: boolean, userData: string): Promise<typeof fake> {
  fake.app.singleInstanceLock = lock;
  fake.app.userData = userData;
  fake.app.quit.mockClear();
  fake.BrowserWindow.created = [];
  fake.ipcMain.handlers.clear();
  fake.protocol.handlers.clear();
  fake.protocol.schemes = [];
  fake.Menu.setApplicationMenu.mockClear();

  vi.resetModules();
  await import('../../src-main/electron/main');
  await new Promise((resolve) => setTimeout(resolve, 0));
  return fake;
}

describe('electron main process', () => {
  let userData: string;

  beforeEach(() => {
    userData = mkdtempSync(join(tmpdir(), 'wiregrad-user-'));
  });

  afterEach(() => rmSync(userData, { recursive: true, force: true }));

  test('second instance quits without a window', async () => {
    await startMain(false, userData);
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.BrowserWindow.created).toHaveLength(0);
  });

  test('first instance sets up protocol, IPC, menu and a sandboxed window', async () => {
    await startMain(true, userData);

    expect(fake.protocol.schemes).toEqual([
      { scheme: 'wiregrad', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.protocol.handlers.has('wiregrad')).toBe(true);
    expect(fake.ipcMain.handlers.has('start-training')).toBe(true);
    expect(fake.ipcMain.handlers.has('save-file')).toBe(true);
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);

    expect(fake.BrowserWindow.created).toHaveLength(1);
    const window = fake.BrowserWindow.created[0];
    expect(window.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(window.loadedUrl).toBe('wiregrad://app/index.html');
  });

  test('app protocol serves nothing outside the renderer folder', async () => {
    await startMain(true, userData);
    const handler = fake.protocol.handlers.get('wiregrad');
    if (handler === undefined) throw new Error('no protocol handler');
    expect((await handler({ url: 'wiregrad://app/../../package.json' })).status).toBe(404);
    expect((await handler({ url: 'wiregrad://app/%2e%2e/%2e%2e/package.json' })).status).toBe(404);
  });

  test('quitting closes the backend, then the app', async () => {
    await startMain(true, userData);
    fake.app.emit('window-all-closed');
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
  });
});

describe('content security policy', () => {
  test('allows only own scripts and no eval', () => {
    const policy = contentSecurityPolicy();
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
  });
});

describe('recent files', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'wiregrad-recent-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('most recent first, no duplicates, at most ten', () => {
    const recent = new RecentFiles(join(dir, 'recent.json'));
    for (let i = 0; i < 12; i++) recent.add(`/p/${i}.json`);
    recent.add('/p/5.json');
    expect(recent.list()[0]).toBe('/p/5.json');
    expect(recent.list()).toHaveLength(10);
    expect(new Set(recent.list()).size).toBe(10);
    expect(new RecentFiles(join(dir, 'recent.json')).list()).toEqual(recent.list());
  });

  test('corrupt store starts empty and is kept aside', () => {
    const store = join(dir, 'recent.json');
    writeFileSync(store, '{ not json');
    vi.spyOn(console, 'error').mockImplementation(() => undefined);

    expect(new RecentFiles(store).list()).toEqual([]);
    expect(readFileSync(`${store}.corrupt`, 'utf8')).toBe('{ not json');
  });
});
