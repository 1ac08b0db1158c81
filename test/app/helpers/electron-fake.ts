/**
 * A stand-in for the `electron` module, for tests that cannot start Electron: it
 * records windows, IPC handlers, menus and protocol handlers so tests can inspect them.
 */

import { vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

/** A minimal event emitter with `on`, `once` and `emit`. */
class Emitter {
  private listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapper: Listener = (...args) => {
      this.listeners.set(event, (this.listeners.get(event) ?? []).filter((entry) => entry !== wrapper));
      listener(...args);
    };
    return this.on(event, wrapper);
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

export class FakeWebContents extends Emitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: { channel: string; payload: unknown }[] = [];

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  isDestroyed(): boolean {
    return false;
  }
}

export class BrowserWindow extends Emitter {
  static created: BrowserWindow[] = [];
  static getFocusedWindow = vi.fn((): BrowserWindow | null => null);
  static fromWebContents = vi.fn((): BrowserWindow | null => null);

  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  shown = false;
  loadedUrl: string | null = null;

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    BrowserWindow.created.push(this);
  }

  show(): void {
    this.shown = true;
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }

  isMinimized(): boolean {
    return false;
  }

  restore(): void {}

  focus(): void {}
}

export const ipcMain = {
  handlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
  handle: vi.fn((channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) => {
    ipcMain.handlers.set(channel, handler);
  }),
};

export const ipcRenderer = {
  invoke: vi.fn(async (_channel: string, _payload: unknown): Promise<unknown> => ({ ok: true, value: 'from main' })),
  on: vi.fn(),
  removeListener: vi.fn(),
};

export const contextBridge = { exposeInMainWorld: vi.fn() };

export const shell = { openExternal: vi.fn(async () => undefined) };

export const dialog = {
  showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
  showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: undefined as string | undefined })),
};

export const Menu = {
  template: null as unknown,
  buildFromTemplate: vi.fn((template: unknown) => ({ template })),
  setApplicationMenu: vi.fn((menu: { template: unknown }) => {
    Menu.template = menu.template;
  }),
};

export const protocol = {
  schemes: [] as unknown[],
  handlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  registerSchemesAsPrivileged: vi.fn((schemes: unknown[]) => protocol.schemes.push(...schemes)),
  handle: vi.fn((scheme: string, handler: (request: { url: string }) => Promise<Response>) => {
    protocol.handlers.set(scheme, handler);
  }),
};

class FakeApp extends Emitter {
  isPackaged = false;
  singleInstanceLock = true;
  requestSingleInstanceLock = vi.fn(() => this.singleInstanceLock);
  quit = vi.fn();
  whenReady = vi.fn(() => Promise.resolve());
  userData = '';
  getPath = vi.fn(() => this.userData);
}

export const app = new FakeApp();

export default { app, BrowserWindow, contextBridge, dialog, ipcMain, ipcRenderer, Menu, protocol, shell };
