/**
 * The API the preload script exposes to the renderer as `window.wiregrad`, and the
 * Electron-only invoke channels. Types only, so the renderer can import it.
 */

import type { BackendChannels, InvokeResult, TrainingEvent } from '../backend/protocol';

/** Kinds of file the native dialogs open and save. */
export type DialogFileKind = 'project' | 'model' | 'csv';

/** A file read by the main process: its base name, never its path, and its text. */
export interface OpenedFile {
  name: string;
  text: string;
}

/** Channels that only Electron has: native file dialogs. */
export interface ElectronChannels {
  'open-file': { request: { kind: DialogFileKind }; response: OpenedFile | null };
  'save-file': {
    request: { kind: DialogFileKind; suggestedName: string; text: string };
    response: { saved: boolean };
  };
}

/** Every invoke channel of the Electron shell. */
export type AppChannels = BackendChannels & ElectronChannels;
export type AppChannel = keyof AppChannels;

/** Channels the main process sends on; the preload forwards nothing else. */
export const EVENT_CHANNELS = ['training-event', 'menu-command', 'file-opened'] as const;

/** Menu commands the main process sends to the renderer. */
export const MENU_COMMANDS = [
  'new-project',
  'open-project',
  'save-project',
  'undo',
  'redo',
  'copy',
  'paste',
  'select-all',
  'fit-view',
  'train',
  'stop',
  'export-model',
  'import-model',
] as const;

export type MenuCommandName = (typeof MENU_COMMANDS)[number];

export interface PreloadApi {
  /** Calls a main-process channel; the promise never rejects for errors the handler caught. */
  invoke<C extends AppChannel>(
    channel: C,
    request: AppChannels[C]['request'],
  ): Promise<InvokeResult<AppChannels[C]['response']>>;
  onTrainingEvent(listener: (event: TrainingEvent) => void): () => void;
  onMenuCommand(listener: (command: MenuCommandName) => void): () => void;
  /** A file opened from the recent-files menu or from the command line. */
  onFileOpened(listener: (file: OpenedFile) => void): () => void;
}
