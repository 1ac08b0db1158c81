/**
 * The model file `wiregrad train` writes: its path is checked before training starts,
 * and it is written through a temporary file that no failure leaves behind.
 */

import { constants, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

import { UserError } from './errors';

/** Returns the error code of a Node.js system error, such as 'ENOENT', or undefined. */
function errorCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Returns the file status of `path`, or null when nothing is there. */
async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/**
 * Checks that the model file can be written to `path`: the path is not a folder, and
 * its folder exists and is writable. Runs before training, so a bad path costs no time.
 *
 * @param fileName the default file name, suggested when `path` is a folder.
 * @param what the kind of file, for messages (default 'model file').
 * @throws UserError that names the path and what to change.
 */
export async function checkOutputPath(path: string, fileName: string, what = 'model file'): Promise<void> {
  const target = await statOrNull(path);
  if (target?.isDirectory() === true) {
    throw new UserError(
      `The output path '${path}' is a folder. Give the path of the ${what} instead, ` +
        `such as --out '${join(path, fileName)}'.`,
    );
  }

  const folder = dirname(resolve(path));
  const parent = await statOrNull(folder);
  if (parent === null || !parent.isDirectory()) {
    const problem = parent === null ? 'does not exist' : 'is not a folder';
    throw new UserError(
      `Cannot write the ${what} '${path}', because '${folder}' ${problem}. ` +
        'Create the folder, or choose another path with --out.',
    );
  }
  try {
    await access(folder, constants.W_OK);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') throw error;
    throw new UserError(
      `Cannot write the ${what} '${path}', because the folder '${folder}' is not writable ` +
        `(${code}). Choose another path with --out.`,
    );
  }
}

/**
 * Writes `text` to a temporary file next to `path`, then renames it to `path`, so an
 * interrupted write leaves no half file, and removes the temporary file when the write
 * fails. The write is synchronous, because an exit between the steps of an asynchronous
 * one, such as the exit on a closed stdout or a second Ctrl-C, would leave it behind.
 *
 * @throws UserError when the file system rejects the write, such as a full disk.
 */
export function writeAtomically(path: string, text: string, what = 'model file'): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, 'utf8');
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = errorCode(error);
    if (code === undefined) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`Cannot write the ${what} '${path}': ${reason}`);
  }
}
