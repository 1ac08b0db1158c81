/**
 * Building blocks for validating parsed JSON by hand: each check records a problem
 * under the JSON path of the value (`training.lr`, `graph.nodes[2].params`) and
 * returns the value with its type narrowed, or undefined.
 *
 * The validators of the project file and the model file use these instead of a
 * generated validator, so they also run under a Content-Security-Policy that forbids
 * `eval` and `new Function`.
 */

/** One problem in a JSON document. */
export interface JsonIssue {
  /** JSON path of the value, such as `training.lr`; empty for the whole document. */
  path: string;
  message: string;
}

/** A JSON document that failed validation; the message lists every issue. */
export class JsonValidationError extends Error {
  readonly issues: JsonIssue[];

  /** @param documentName names the document, such as "The model file". */
  constructor(documentName: string, issues: JsonIssue[]) {
    const listed = issues.slice(0, 20).map((issue) => `  ${issue.message}`);
    const hidden = issues.length - 20;
    const more = hidden > 0 ? [`  …and ${hidden} more ${hidden === 1 ? 'problem' : 'problems'}`] : [];
    super([`${documentName} is invalid:`, ...listed, ...more].join('\n'));
    this.name = 'JsonValidationError';
    this.issues = issues;
  }
}

export type JsonObject = Record<string, unknown>;

/** Bounds of a number; `integer` also requires a whole number. */
export interface NumberRange {
  min?: number;
  max?: number;
  exclusiveMin?: number;
  exclusiveMax?: number;
  integer?: boolean;
  /** Also requires the value to stay finite as a float32, whose magnitude ends at about 3.4e38. */
  float32?: boolean;
}

/** Bounds of an array's length. */
export interface ItemCount {
  minItems?: number;
  maxItems: number;
}

/** Keys that would reach Object.prototype if code copied them with assignment. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Joins a parent path and a key or index: `training` + `lr`, `nodes` + 2. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** Describes a JSON value for a message: `-1`, `"abc"`, `an array`, `null`. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const visible = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(visible);
  }
  return String(value);
}

/**
 * Collects issues while a document is validated.
 *
 * The value checks return undefined without a new issue when the value itself is
 * undefined, because `object()` has already reported the missing key.
 */
export class JsonChecker {
  readonly issues: JsonIssue[] = [];

  /** @param documentName names the whole document in messages, such as "The project file". */
  constructor(readonly documentName: string) {}

  /** Records an issue; the message starts with the path, or the document name for the root. */
  report(path: string, problem: string): undefined {
    const label = path === '' ? this.documentName : path;
    this.issues.push({ path, message: `${label} ${problem}` });
    return undefined;
  }

  /**
   * Checks an object with the given required and optional keys. Reports missing keys,
   * unknown keys and `__proto__`-like keys, and returns the object only when it is one.
   */
  object(
    value: unknown,
    path: string,
    required: readonly string[],
    optional: readonly string[] = [],
  ): JsonObject | undefined {
    if (value === undefined && path !== '') return undefined;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return this.report(path, `must be an object, got ${describeJson(value)}`);
    }

    const record = value as JsonObject;
    const known = new Set([...required, ...optional]);
    for (const key of Object.keys(record)) {
      if (FORBIDDEN_KEYS.has(key)) {
        this.report(
          childPath(path, key),
          'is not allowed: the key could change object prototypes. Remove it.',
        );
      } else if (!known.has(key)) {
        const expected = [...known].join(', ');
        this.report(childPath(path, key), `is not a known key. Remove it, or use one of: ${expected}.`);
      }
    }
    for (const key of required) {
      if (!Object.hasOwn(record, key)) this.report(childPath(path, key), 'is missing.');
    }
    return record;
  }

  /** Checks a string, optionally non-empty and up to `maxLength` characters. */
  string(
    value: unknown,
    path: string,
    options: { nonEmpty?: boolean; maxLength?: number } = {},
  ): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return this.report(path, `must be a string, got ${describeJson(value)}.`);
    if (options.nonEmpty === true && value.trim() === '') return this.report(path, 'must not be empty.');
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      return this.report(path, `must be at most ${options.maxLength} characters long, got ${value.length}.`);
    }
    return value;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      return this.report(path, `must be true or false, got ${describeJson(value)}.`);
    }
    return value;
  }

  /**
   * Checks a finite number against a range. `requirement` names the kind of number in the
   * message ("a positive number", "a whole number from 1 to 100000").
   */
  number(
    value: unknown,
    path: string,
    requirement: string,
    range: NumberRange = {},
  ): number | undefined {
    if (value === undefined) return undefined;
    const fail = () => this.report(path, `must be ${requirement}, got ${describeJson(value)}.`);
    if (typeof value !== 'number' || !Number.isFinite(value)) return fail();
    if (range.integer === true && !Number.isInteger(value)) return fail();
    if (range.float32 === true && !Number.isFinite(Math.fround(value))) return fail();
    if (range.min !== undefined && value < range.min) return fail();
    if (range.max !== undefined && value > range.max) return fail();
    if (range.exclusiveMin !== undefined && value <= range.exclusiveMin) return fail();
    if (range.exclusiveMax !== undefined && value >= range.exclusiveMax) return fail();
    return value;
  }

  /** Checks that a value is one of `choices`. */
  oneOf<T extends string | number>(value: unknown, path: string, choices: readonly T[]): T | undefined {
    if (value === undefined) return undefined;
    const match = choices.find((choice) => choice === value);
    if (match === undefined) {
      const shown = choices.map((choice) => JSON.stringify(choice)).join(', ');
      return this.report(path, `must be one of ${shown}, got ${describeJson(value)}.`);
    }
    return match;
  }

  /** Checks an array with at most `maxItems` entries before anything reads them. */
  array(value: unknown, path: string, options: ItemCount): unknown[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return this.report(path, `must be an array, got ${describeJson(value)}.`);
    if (value.length > options.maxItems) {
      return this.report(path, `must have at most ${options.maxItems} entries, got ${value.length}.`);
    }
    if (options.minItems !== undefined && value.length < options.minItems) {
      const entries = options.minItems === 1 ? 'entry' : 'entries';
      return this.report(path, `must have at least ${options.minItems} ${entries}, got ${value.length}.`);
    }
    return value;
  }

  /** Checks an array of distinct strings, such as column names. */
  distinctStrings(value: unknown, path: string, options: ItemCount): string[] | undefined {
    const items = this.array(value, path, options);
    if (items === undefined) return undefined;

    const strings: string[] = [];
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const text = this.string(item, childPath(path, i), { nonEmpty: true, maxLength: 1000 });
      if (text === undefined) return;
      if (seen.has(text)) {
        this.report(childPath(path, i), `repeats ${describeJson(text)}. Each entry must be different.`);
      }
      seen.add(text);
      strings.push(text);
    });
    return strings.length === items.length ? strings : undefined;
  }
}

/**
 * Parses JSON text after checking its length, so that a huge file is rejected before
 * the parser allocates anything for it.
 *
 * @param documentName names the document in messages, such as "The model file".
 * @param maxLength maximum length of the text in characters.
 */
export function parseJsonText(text: string, documentName: string, maxLength: number): unknown {
  if (text.length > maxLength) {
    throw new JsonValidationError(documentName, [
      {
        path: '',
        message: `${documentName} is ${text.length} characters long, but the limit is ${maxLength}. ` +
          'Check that this is the right file.',
      },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new JsonValidationError(documentName, [
      { path: '', message: `${documentName} is not valid JSON: ${describeJsonError(reason, text)}` },
    ]);
  }
}

/**
 * Rewrites a JSON.parse message for a reader: the line and column instead of a character
 * position, and the quoted start of the text on one line.
 */
export function describeJsonError(reason: string, text: string): string {
  const oneLine = reason.replace(/\s*\n\s*/g, ' ').trim();
  const position = /at position (\d+)/.exec(oneLine);
  if (position === null) return `${oneLine}.`.replace(/\.\.$/, '.');

  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const where = `line ${line}, column ${column}`;
  return `${oneLine.replace(/\s*(\(line \d+ column \d+\))?\s*$/, '').replace(/at position \d+/, `at ${where}`)}.`;
}
