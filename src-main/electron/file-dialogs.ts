/**
 * Native open and save dialogs. The renderer gets a file's base name and text, never
 * its path; project files go on the recent-files list.
 */

import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { dialog, type BrowserWindow, type FileFilter } from 'electron';
import { MAX_FILE_TEXT_LENGTH, MAX_MODEL_TEXT_LENGTH } from '../backend/schemas';
import type { DialogFileKind, OpenedFile } from './preload-api';
import type { RecentFiles } from './recent-files';

const FILTERS: Record<DialogFileKind, FileFilter[]> = {
  project: [{ name: 'Wiregrad project', extensions: ['json'] }],
  model: [{ name: 'Wiregrad model', extensions: ['json'] }],
  csv: [{ name: 'CSV table', extensions: ['csv', 'txt'] }],
};

/** Largest file of each kind that is read, in bytes; the backend rejects longer texts anyway. */
const MAX_BYTES: Record<DialogFileKind, number> = {
  project: 4 * 1024 * 1024,
  model: MAX_MODEL_TEXT_LENGTH,
  csv: MAX_FILE_TEXT_LENGTH,
};

export class FileDialogs {
  private readonly recent: RecentFiles;
  private readonly onRecentChanged: () => void;
  private lastFolder: string | null = null;

  /** `onRecentChanged` rebuilds the menu after the recent-files list changed. */
  constructor(recent: RecentFiles, onRecentChanged: () => void) {
    this.recent = recent;
    this.onRecentChanged = onRecentChanged;
  }

  /** Shows the open dialog; resolves null when the user cancels. */
  async open(kind: DialogFileKind, window: BrowserWindow | null): Promise<OpenedFile | null> {
    const options = { properties: ['openFile' as const], filters: FILTERS[kind], defaultPath: this.lastFolder ?? undefined };
    const result = window === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(window, options);
    const path = result.filePaths[0];
    if (result.canceled || path === undefined) return null;
    return this.read(kind, path);
  }

  /** Reads a file of `kind`; a project file becomes the most recent entry. */
  async read(kind: DialogFileKind, path: string): Promise<OpenedFile> {
    const size = (await stat(path)).size;
    if (size > MAX_BYTES[kind]) {
      throw new Error(`${basename(path)} is ${(size / 1024 / 1024).toFixed(1)} MB; Wiregrad reads ${kind} files up to ${MAX_BYTES[kind] / 1024 / 1024} MB.`);
    }

    const text = await readFile(path, 'utf8');
    this.lastFolder = join(path, '..');
    if (kind === 'project') this.remember(path);
    return { name: basename(path), text };
  }

  /** Shows the save dialog and writes `text`; resolves false when the user cancels. */
  async save(kind: DialogFileKind, suggestedName: string, text: string, window: BrowserWindow | null): Promise<boolean> {
    const defaultPath = this.lastFolder === null ? suggestedName : join(this.lastFolder, suggestedName);
    const options = { defaultPath, filters: FILTERS[kind] };
    const result = window === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(window, options);
    if (result.canceled || result.filePath === undefined || result.filePath === '') return false;

    await writeFile(result.filePath, text, 'utf8');
    this.lastFolder = join(result.filePath, '..');
    if (kind === 'project') this.remember(result.filePath);
    return true;
  }

  private remember(path: string): void {
    this.recent.add(path);
    this.onRecentChanged();
  }
}
