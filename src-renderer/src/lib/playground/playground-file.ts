/**
 * The optimizer playground's file: up to three optimizer settings that the playground view
 * shows side by side. Parsing validates every field and names the setting and the field at fault.
 */

import type { OptimizerRunSettings } from '../../../../engine/playground/optimizer-path';

export const PLAYGROUND_FORMAT = 'wiregrad-optimizer-playground';
export const MAX_COLUMNS = 3;

/** Ranges of the playground's controls; a file outside them is rejected. */
export const LIMITS = {
  lr: { min: 1e-4, max: 1 },
  momentum: { min: 0, max: 0.99 },
  start: { min: -3, max: 3 },
  steps: { min: 1, max: 500 },
} as const;

/** One column of the playground: a run's settings and a caption for the class. */
export interface PlaygroundSetting extends OptimizerRunSettings {
  label: string;
  momentum: number;
}

export interface PlaygroundFile {
  format: typeof PLAYGROUND_FORMAT;
  version: 1;
  settings: PlaygroundSetting[];
}

/** The playground's opening columns: a rate too small, one too large, and a good one. */
export const PRESETS: PlaygroundSetting[] = [
  { label: 'Rate too small', optimizer: 'SGD', lr: 0.001, momentum: 0, start: 2, steps: 100 },
  { label: 'Rate too large', optimizer: 'SGD', lr: 0.2, momentum: 0, start: 2, steps: 100 },
  { label: 'Good rate with momentum', optimizer: 'SGD', lr: 0.02, momentum: 0.9, start: 2, steps: 300 },
];

/** Error in a playground file; `issues` lists every problem found, one sentence each. */
export class PlaygroundFileError extends Error {
  readonly issues: string[];

  constructor(fileName: string, issues: string[]) {
    super(`${fileName} is not a valid optimizer playground file: ${issues.join(' ')}`);
    this.issues = issues;
  }
}

/** Parses and validates a playground file's text. Throws PlaygroundFileError listing all issues. */
export function parsePlaygroundFile(fileName: string, text: string): PlaygroundFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PlaygroundFileError(fileName, [`The text is not valid JSON (${(error as Error).message}).`]);
  }

  if (!isRecord(value)) throw new PlaygroundFileError(fileName, ['The file must contain a JSON object.']);
  const issues: string[] = [];
  if (value.format !== PLAYGROUND_FORMAT) {
    issues.push(`"format" must be "${PLAYGROUND_FORMAT}", got ${JSON.stringify(value.format)}.`);
  }
  if (value.version !== 1) issues.push(`"version" must be 1, got ${JSON.stringify(value.version)}.`);

  const list = value.settings;
  if (!Array.isArray(list) || list.length < 1 || list.length > MAX_COLUMNS) {
    issues.push(`"settings" must be a list of 1 to ${MAX_COLUMNS} settings.`);
    throw new PlaygroundFileError(fileName, issues);
  }

  const settings = list.map((entry: unknown, index) => checkSetting(entry, `settings[${index}]`, issues));
  if (issues.length > 0) throw new PlaygroundFileError(fileName, issues);
  return { format: PLAYGROUND_FORMAT, version: 1, settings };
}

/** Writes a playground file with the given columns. */
export function serializePlaygroundFile(settings: PlaygroundSetting[]): string {
  const file: PlaygroundFile = { format: PLAYGROUND_FORMAT, version: 1, settings };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function checkSetting(entry: unknown, where: string, issues: string[]): PlaygroundSetting {
  if (!isRecord(entry)) {
    issues.push(`${where} must be an object.`);
    return PRESETS[0];
  }

  const optimizer = entry.optimizer;
  if (optimizer !== 'SGD' && optimizer !== 'Adam') {
    issues.push(`${where}.optimizer must be "SGD" or "Adam", got ${JSON.stringify(optimizer)}.`);
  }
  const label = typeof entry.label === 'string' ? entry.label : '';
  if (entry.label !== undefined && typeof entry.label !== 'string') issues.push(`${where}.label must be text.`);

  return {
    label,
    optimizer: optimizer === 'Adam' ? 'Adam' : 'SGD',
    lr: checkNumber(entry.lr, `${where}.lr`, LIMITS.lr, issues),
    momentum: entry.momentum === undefined ? 0 : checkNumber(entry.momentum, `${where}.momentum`, LIMITS.momentum, issues),
    start: checkNumber(entry.start, `${where}.start`, LIMITS.start, issues),
    steps: checkNumber(entry.steps, `${where}.steps`, LIMITS.steps, issues, true),
  };
}

function checkNumber(
  value: unknown,
  where: string,
  range: { min: number; max: number },
  issues: string[],
  integer = false,
): number {
  const kind = integer ? 'an integer' : 'a number';
  const valid = typeof value === 'number' && Number.isFinite(value) && (!integer || Number.isInteger(value));
  if (!valid || value < range.min || value > range.max) {
    issues.push(`${where} must be ${kind} from ${range.min} to ${range.max}, got ${JSON.stringify(value)}.`);
    return range.min;
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
