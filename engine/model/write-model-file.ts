/**
 * Writes a model file as pretty JSON: two-space indents, with each row of a weight
 * matrix on one line and every float32 in its shortest exact form.
 */

import { formatFloat32Shortest } from './float32-text';
import type { ModelFile, StateDictEntry } from './types';

const INDENT = '  ';

/** Maximum length in characters of an object of scalars printed on one line. */
const INLINE_OBJECT_MAX = 80;

/** Values per line of a bias vector. */
const VECTOR_LINE_LENGTH = 10;

/** Formats one state dict entry, one row of a weight matrix (or ten bias values) per line. */
function formatEntry(entry: StateDictEntry, indent: string): string {
  const rowLength = entry.shape.length >= 2 ? entry.shape[entry.shape.length - 1] : VECTOR_LINE_LENGTH;
  const rows: string[] = [];
  for (let start = 0; start < entry.values.length; start += Math.max(1, rowLength)) {
    const row = Array.from(entry.values.subarray(start, start + rowLength), formatFloat32Shortest);
    rows.push(`${indent}${INDENT}${INDENT}${row.join(', ')}`);
  }
  const values = rows.length === 0 ? '[]' : `[\n${rows.join(',\n')}\n${indent}${INDENT}]`;
  const inner = indent + INDENT;
  return `{\n${inner}"shape": ${formatJson(entry.shape, '')},\n${inner}"values": ${values}\n${indent}}`;
}

/**
 * Formats a JSON value with two-space indents. Arrays of numbers or strings, and short
 * objects of scalars such as a layer, stay on one line.
 */
function formatJson(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === 'number' || typeof item === 'string')) {
      return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
    }
    const items = value.map((item) => `${indent}${INDENT}${formatJson(item, indent + INDENT)}`);
    return items.length === 0 ? '[]' : `[\n${items.join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const scalars = Object.values(value).every((item) => item === null || typeof item !== 'object');
    if (scalars) {
      const pairs = Object.entries(value).map(
        ([key, item]) => `${JSON.stringify(key)}: ${JSON.stringify(item)}`,
      );
      const line = pairs.length === 0 ? '{}' : `{ ${pairs.join(', ')} }`;
      if (line.length <= INLINE_OBJECT_MAX) return line;
    }
    const entries = Object.entries(value).map(
      ([key, item]) => `${indent}${INDENT}${JSON.stringify(key)}: ${formatJson(item, indent + INDENT)}`,
    );
    return entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/**
 * Serialises a model file. Rejects weights that are not finite, which a diverged
 * training run leaves behind.
 */
export function serializeModelFile(model: ModelFile): string {
  for (const [name, entry] of Object.entries(model.stateDict)) {
    const bad = entry.values.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) {
      throw new RangeError(
        `serializeModelFile: ${name} contains ${entry.values[bad]} at index ${bad}, so training diverged. ` +
          'Lower the learning rate and train again.',
      );
    }
  }

  const lines = Object.entries(model).map(([key, item]) => {
    const text = key === 'stateDict' ? formatStateDict(model.stateDict) : formatJson(item, INDENT);
    return `${INDENT}${JSON.stringify(key)}: ${text}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

function formatStateDict(stateDict: Record<string, StateDictEntry>): string {
  const entries = Object.entries(stateDict).map(
    ([name, entry]) => `${INDENT}${INDENT}${JSON.stringify(name)}: ${formatEntry(entry, INDENT + INDENT)}`,
  );
  return entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n${INDENT}}`;
}
