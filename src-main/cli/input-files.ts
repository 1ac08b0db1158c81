/**
 * Reading the files the CLI is given: project and model files with their size limits
 * checked before reading, and CSV data from a path or a bundled data set.
 */

import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { findBuiltinDataset, BUILTIN_DATASETS } from '../../engine/data/builtin';
import type { CsvTable } from '../../engine/data/csv';
import { DataError } from '../../engine/data/errors';
import { readCsvFile } from '../../engine/data/csv/read-file';
import { checkModelFileSize, MAX_MODEL_FILE_BYTES, validateModelFile } from '../../engine/model';
import type { ModelFile } from '../../engine/model';
import {
  MAX_PROJECT_FILE_CHARS,
  PROJECT_FORMAT,
  validateProject,
  type DataSource,
  type Project,
} from '../../engine/project';
import { JsonValidationError } from '../../engine/project/json-checks';
import { UserError } from './errors';
import { plural } from './terminal-text';

/** Folder of the bundled CSV files, two levels above this file. */
const DATASETS_DIR = fileURLToPath(new URL('../../datasets/', import.meta.url));

export type LoadedInput =
  | { kind: 'project'; project: Project; path: string }
  | { kind: 'model'; model: ModelFile; path: string };

/** Returns the size of `path` in bytes, or throws a UserError when it is missing or not a file. */
async function fileSize(path: string, role: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UserError(`The ${role} '${path}' is not a file.`);
    return info.size;
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'ENOENT') throw new UserError(`The ${role} '${path}' does not exist. Check the path.`);
    throw error;
  }
}

/** Prefixes every issue of a validation error with the file path, so the user knows which file. */
function inFile(error: JsonValidationError, path: string, documentName: string): UserError {
  const lines = error.issues.slice(0, 20).map((issue) => `  ${issue.message}`);
  const more = error.issues.length > 20 ? [`  …and ${plural(error.issues.length - 20, 'more problem')}`] : [];
  return new UserError([`${documentName} '${path}' is invalid:`, ...lines, ...more].join('\n'));
}

/** Returns the "format" field of a parsed JSON file, or undefined when it has none. */
function formatOf(json: unknown): unknown {
  return typeof json === 'object' && json !== null && 'format' in json ? json.format : undefined;
}

/**
 * Reads a project file or a model file, telling them apart by their "format" field.
 * The byte size is checked before the file is read, so a huge file is never loaded.
 */
export async function readProjectOrModel(path: string): Promise<LoadedInput> {
  const bytes = await fileSize(path, 'file');
  const limit = Math.max(MAX_MODEL_FILE_BYTES, MAX_PROJECT_FILE_CHARS);
  if (bytes > limit) {
    throw new UserError(
      `The file '${path}' is ${bytes} bytes, more than any project or model file (limit ${limit} bytes).`,
    );
  }

  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`The file '${path}' is not valid JSON: ${reason}`);
  }

  const format = formatOf(json);
  try {
    if (format === 'wiregrad-project') {
      if (text.length > MAX_PROJECT_FILE_CHARS) {
        throw new UserError(
          `The project file '${path}' is ${text.length} characters long, ` +
            `but the limit is ${MAX_PROJECT_FILE_CHARS}.`,
        );
      }
      return { kind: 'project', project: validateProject(json), path };
    }
    if (format === 'wiregrad-model') return { kind: 'model', model: validateModelFile(json), path };
  } catch (error) {
    if (error instanceof JsonValidationError) {
      throw inFile(error, path, format === 'wiregrad-project' ? 'The project file' : 'The model file');
    }
    throw error;
  }
  throw new UserError(
    `The file '${path}' is neither a Wiregrad project ("format": "wiregrad-project") ` +
      `nor a model file ("format": "wiregrad-model"); its format is ${JSON.stringify(format) ?? 'missing'}.`,
  );
}

/** Reads and validates a model file, checking its byte size before reading it. */
export async function readModelFile(path: string): Promise<ModelFile> {
  const bytes = await fileSize(path, 'model file');
  try {
    checkModelFileSize(bytes);
  } catch (error) {
    if (error instanceof JsonValidationError) throw inFile(error, path, 'The model file');
    throw error;
  }

  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`The model file '${path}' is not valid JSON: ${reason}`);
  }
  if (formatOf(json) === PROJECT_FORMAT) {
    throw new UserError(
      `'${path}' is a Wiregrad project file, not a model file. Train it first with ` +
        `'wiregrad train ${path}', then use the model file it writes.`,
    );
  }
  try {
    return validateModelFile(json);
  } catch (error) {
    if (error instanceof JsonValidationError) throw inFile(error, path, 'The model file');
    throw error;
  }
}

/**
 * Returns the CSV path of a data source: a bundled data set from the datasets folder,
 * or a file relative to the folder of the project file.
 */
export function dataSourcePath(source: DataSource, projectPath: string): string {
  if ('builtin' in source) {
    const dataset = findBuiltinDataset(source.builtin);
    if (dataset === undefined) {
      const names = BUILTIN_DATASETS.map((candidate) => candidate.name).join(', ');
      throw new UserError(
        `The project names the data set '${source.builtin}', which is not bundled. Use one of: ${names}.`,
      );
    }
    return resolve(DATASETS_DIR, dataset.file);
  }
  return isAbsolute(source.file) ? source.file : resolve(dirname(projectPath), source.file);
}

/** Reads a CSV file, reporting a missing file and malformed CSV as a UserError naming the file. */
export async function readCsv(path: string): Promise<CsvTable> {
  await fileSize(path, 'CSV file');
  try {
    return await readCsvFile(path);
  } catch (error) {
    if (error instanceof DataError) throw new UserError(`Invalid data in '${path}': ${error.message}`);
    throw error;
  }
}
