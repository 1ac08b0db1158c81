/**
 * The recent-files list of the File menu, stored as JSON in the user-data folder. A
 * missing or corrupt file gives an empty list; a corrupt one is kept beside it as
 * `.corrupt` so that nothing is silently lost.
 */

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Entries the menu lists. */
export const MAX_RECENT_FILES = 10;

export class RecentFiles {
  private paths: string[];
  private readonly storePath: string;

  constructor(storePath: string) {
    this.storePath = storePath;
    this.paths = this.read();
  }

  /** Returns the stored paths, most recent first. */
  list(): readonly string[] {
    return this.paths;
  }

  /** Moves `path` to the top of the list and saves it. */
  add(path: string): void {
    this.paths = [path, ...this.paths.filter((entry) => entry !== path)].slice(0, MAX_RECENT_FILES);
    this.write();
  }

  /** Removes `path`, for instance after it failed to open. */
  remove(path: string): void {
    this.paths = this.paths.filter((entry) => entry !== path);
    this.write();
  }

  clear(): void {
    this.paths = [];
    this.write();
  }

  private read(): string[] {
    if (!existsSync(this.storePath)) return [];

    const text = readFileSync(this.storePath, 'utf8');
    try {
      const value: unknown = JSON.parse(text);
      if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) {
        return value.slice(0, MAX_RECENT_FILES);
      }
      throw new Error('expected an array of paths');
    } catch (error) {
      console.error(`wiregrad: recent-files list ${this.storePath} is corrupt (${(error as Error).message}); starting empty.`);
      renameSync(this.storePath, `${this.storePath}.corrupt`);
      return [];
    }
  }

  private write(): void {
    writeFileSync(this.storePath, `${JSON.stringify(this.paths, null, 2)}\n`);
  }
}
