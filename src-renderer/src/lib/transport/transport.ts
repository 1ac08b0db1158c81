/**
 * The renderer's access to the backend and the user's files. Electron implements it
 * with the preload's IPC bridge and native dialogs. The browser shell implements it with
 * one WebSocket and the browser's upload and download.
 */

import type {
  BackendChannel,
  BackendChannels,
  TrainingEvent,
} from '../../../../src-main/backend/protocol';

/** Kinds of file the user opens or saves; each has its own file filter and extension. */
export type FileKind = 'project' | 'model' | 'csv';

/** A file the user picked: its name (never a path) and its text. */
export interface PickedFile {
  name: string;
  text: string;
}

/** Commands from Electron's native menu; the browser shell has none. */
export type MenuCommand =
  | 'new-project'
  | 'open-project'
  | 'save-project'
  | 'undo'
  | 'redo'
  | 'copy'
  | 'paste'
  | 'select-all'
  | 'fit-view'
  | 'train'
  | 'stop'
  | 'export-model'
  | 'import-model';

export interface Transport {
  /** Shell the renderer runs in. */
  readonly shell: 'electron' | 'web';

  /** Calls a backend channel; rejects with a `BackendError` carrying the user-facing message. */
  invoke<C extends BackendChannel>(
    channel: C,
    request: BackendChannels[C]['request'],
  ): Promise<BackendChannels[C]['response']>;

  /** Subscribes to training events; returns the unsubscribe function. */
  onTrainingEvent(listener: (event: TrainingEvent) => void): () => void;

  /** Subscribes to native menu commands and to files opened from the recent-files menu. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  onFileOpened(listener: (file: PickedFile) => void): () => void;

  /** Lets the user pick a file; resolves null when they cancel. */
  openFile(kind: FileKind): Promise<PickedFile | null>;

  /** Lets the user save `text`; resolves false when they cancel. */
  saveFile(kind: FileKind, suggestedName: string, text: string): Promise<boolean>;
}

/** A backend error: the message is written for the user and shown as is. */
export class BackendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendError';
  }
}

/** File extension and accepted media types of each kind of file. */
export const FILE_TYPES: Record<FileKind, { extension: string; accept: string; label: string }> = {
  project: { extension: 'wiregrad.json', accept: '.json,application/json', label: 'Wiregrad project' },
  model: { extension: 'model.json', accept: '.json,application/json', label: 'Wiregrad model' },
  csv: { extension: 'csv', accept: '.csv,text/csv,text/plain', label: 'CSV table' },
};
