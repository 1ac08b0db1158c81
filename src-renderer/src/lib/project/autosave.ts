/**
 * Autosave of the open project in localStorage, restored on the next start. An
 * uploaded CSV is kept beside the project while it fits, so a restored project can
 * train without asking for the file again.
 */

import { validateProject } from '../../../../engine/project';
import type { Project } from '../../../../engine/project/types';
import type { PickedFile } from '../transport';

const PROJECT_KEY = 'wiregrad.autosave.project';
const CSV_KEY = 'wiregrad.autosave.csv';
/** Key set while the project has a trained model; the model itself is not saved. */
const TRAINED_KEY = 'wiregrad.autosave.trained';
/** Key an autosave that failed validation moves to, so that it is not overwritten. */
const REJECTED_KEY = 'wiregrad.autosave.rejected';

/** Outcome of a restore. */
export type RestoreResult =
  | { kind: 'none' }
  | { kind: 'restored'; project: Project; csv: PickedFile | null }
  | { kind: 'invalid'; message: string };

/**
 * Saves the project and, when it uses one, the uploaded CSV. Returns a message when the
 * browser's storage is full, in which case the CSV is left out and must be uploaded again.
 */
export function saveAutosave(project: Project, csv: PickedFile | null): string | null {
  localStorage.setItem(PROJECT_KEY, JSON.stringify(project));
  if (csv === null) {
    localStorage.removeItem(CSV_KEY);
    return null;
  }

  try {
    localStorage.setItem(CSV_KEY, JSON.stringify(csv));
    return null;
  } catch (error) {
    if (!(error instanceof DOMException) || error.name !== 'QuotaExceededError') throw error;
    localStorage.removeItem(CSV_KEY);
    return `${csv.name} is too large for the browser's autosave storage; upload it again after a restart.`;
  }
}

/** Reads the autosaved project; an invalid one is set aside under its own key, not lost. */
export function restoreAutosave(): RestoreResult {
  const text = localStorage.getItem(PROJECT_KEY);
  if (text === null) return { kind: 'none' };

  try {
    const project = validateProject(JSON.parse(text));
    return { kind: 'restored', project, csv: readCsv() };
  } catch (error) {
    localStorage.setItem(REJECTED_KEY, text);
    localStorage.removeItem(PROJECT_KEY);
    const reason = (error as Error).message;
    return {
      kind: 'invalid',
      message: `The autosaved project could not be restored, so a new one was started. ` +
        `Its text is kept in localStorage under '${REJECTED_KEY}'. ${reason}`,
    };
  }
}

function readCsv(): PickedFile | null {
  const text = localStorage.getItem(CSV_KEY);
  if (text === null) return null;

  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) return null;
  const { name, text: csvText } = value as Record<string, unknown>;
  return typeof name === 'string' && typeof csvText === 'string' ? { name, text: csvText } : null;
}

/**
 * Records whether the open project has a trained model. The model lives in the backend
 * and is lost when the window closes or reloads, so the next start can tell the user.
 */
export function saveTrainedFlag(trained: boolean): void {
  if (trained) localStorage.setItem(TRAINED_KEY, 'true');
  else localStorage.removeItem(TRAINED_KEY);
}

/** Returns true when the project had a trained model at the end of the previous session. */
export function readTrainedFlag(): boolean {
  return localStorage.getItem(TRAINED_KEY) === 'true';
}
