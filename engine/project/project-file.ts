/**
 * Loading, validating and saving project files (`*.wiregrad.json`): the graph, the
 * data settings and the training settings of one model.
 */

import { MODEL_FORMAT } from '../model/types';
import { describeJson, JsonChecker, JsonValidationError, parseJsonText } from './json-checks';
import type { Project } from './types';
import { checkRuns } from './validate-runs';
import { checkDataSettings, checkTrainingSettings } from './validate-settings';
import { checkGraph } from './validate-graph';

export const PROJECT_FORMAT = 'wiregrad-project';
export const PROJECT_VERSION = 1;

/** Maximum size of a project file in characters; graphs of 1000 nodes fit easily. */
export const MAX_PROJECT_FILE_CHARS = 4 * 1024 * 1024;

const PROJECT_NAME = 'The project file';

/**
 * Validates a parsed project and returns it, rebuilt from known keys only.
 *
 * @throws JsonValidationError listing every problem, each under its JSON path.
 */
export function validateProject(value: unknown): Project {
  checkFormat(value);
  const check = new JsonChecker(PROJECT_NAME);
  const record = check.object(value, '', [
    'format',
    'version',
    'name',
    'graph',
    'data',
    'training',
  ], ['runs']);
  if (record === undefined) throw new JsonValidationError(PROJECT_NAME, check.issues);

  const name = check.string(record.name, 'name', { maxLength: 200 });
  const graph = checkGraph(check, record.graph, 'graph');
  const data = checkDataSettings(check, record.data, 'data');
  const training = checkTrainingSettings(check, record.training, 'training');
  const runs = record.runs === undefined ? undefined : checkRuns(check, record.runs, 'runs');

  if (
    check.issues.length > 0 ||
    name === undefined ||
    graph === undefined ||
    data === undefined ||
    training === undefined ||
    (record.runs !== undefined && runs === undefined)
  ) {
    throw new JsonValidationError(PROJECT_NAME, check.issues);
  }
  const project: Project = { format: PROJECT_FORMAT, version: PROJECT_VERSION, name, graph, data, training };
  if (runs !== undefined) project.runs = runs;
  return project;
}

/**
 * Checks "format" and "version" before any other key, because a file of another kind
 * or version follows other rules, and a list of its unknown keys would hide the cause.
 *
 * @throws JsonValidationError naming what the file is, when it is not a project file.
 */
function checkFormat(value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  if ('format' in value && value.format === MODEL_FORMAT) {
    const message =
      'This is a Wiregrad model file, not a project file. Import it in the Model tab, ' +
      "or run 'wiregrad predict' with it.";
    throw new JsonValidationError(PROJECT_NAME, [{ path: 'format', message }]);
  }

  const check = new JsonChecker(PROJECT_NAME);
  if ('format' in value && value.format !== PROJECT_FORMAT) {
    check.report(
      'format',
      `must be "${PROJECT_FORMAT}", got ${describeJson(value.format)}. Is this a Wiregrad project file?`,
    );
  }
  if ('version' in value && value.version !== PROJECT_VERSION) {
    check.report(
      'version',
      `must be ${PROJECT_VERSION}, got ${describeJson(value.version)}. ` +
        'This file was written by a different version of Wiregrad.',
    );
  }
  if (check.issues.length > 0) throw new JsonValidationError(PROJECT_NAME, check.issues);
}

/**
 * Parses and validates the text of a project file.
 *
 * @throws JsonValidationError when the text is too long, not JSON, or not a valid project.
 */
export function parseProject(text: string): Project {
  return validateProject(parseJsonText(text, PROJECT_NAME, MAX_PROJECT_FILE_CHARS));
}

/** Serialises a project as pretty JSON with two-space indents and a final newline. */
export function serializeProject(project: Project): string {
  return `${JSON.stringify(project, null, 2)}\n`;
}
