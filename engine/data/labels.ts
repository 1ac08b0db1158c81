import { formatFloat32, isMissing, type CsvColumn } from './csv/table';

export interface LabelEncoding {
  /** Class names; index i is class i. */
  classes: string[];
  /** Class index of each table row, -1 for rows that were not encoded. */
  indices: Int32Array;
}

/**
 * Encodes a target column as class indices. `rows` lists the table rows to encode, which
 * must have a target value, so a dropped row adds no class. A number `rows` encodes the
 * rows below that count that have a value. A numeric column keeps numeric order
 * (digits 0..9 become classes 0..9). A column with any text sorts its labels by
 * UTF-16 code unit, as Python's sorted() and sklearn's LabelEncoder do for ASCII
 * labels, so 'benign' is class 0 and 'malignant' class 1. Number cells in such a
 * column become labels written as numbers ('2').
 */
export function encodeLabels(column: CsvColumn, rows: Int32Array | number): LabelEncoding {
  const encoded = typeof rows === 'number' ? rowsWithValues(column, rows) : rows;
  return column.codes === null ? encodeNumbers(column, encoded) : encodeTexts(column, encoded);
}

function rowsWithValues(column: CsvColumn, rowCount: number): Int32Array {
  const rows = new Int32Array(rowCount);
  let count = 0;
  for (let r = 0; r < rowCount; r++) {
    if (!isMissing(column, r)) rows[count++] = r;
  }
  return rows.subarray(0, count);
}

function encodeNumbers(column: CsvColumn, rows: Int32Array): LabelEncoding {
  const values = column.values;
  const distinct = new Set<number>();
  for (const r of rows) distinct.add(values[r]);

  const sorted = [...distinct].sort((a, b) => a - b);
  const classIndex = new Map(sorted.map((value, i) => [value, i]));
  const indices = new Int32Array(values.length).fill(-1);
  for (const r of rows) indices[r] = classIndex.get(values[r]) ?? -1;
  return { classes: sorted.map(formatFloat32), indices };
}

function encodeTexts(column: CsvColumn, rows: Int32Array): LabelEncoding {
  const labelOf = (r: number): string => {
    const code = column.codes === null ? -1 : column.codes[r];
    return code >= 0 ? column.dictionary[code] : formatFloat32(column.values[r]);
  };
  const distinct = new Set<string>();
  for (const r of rows) distinct.add(labelOf(r));

  const classes = [...distinct].sort(compareCodeUnits);
  const classIndex = new Map(classes.map((label, i) => [label, i]));
  const indices = new Int32Array(column.values.length).fill(-1);
  for (const r of rows) indices[r] = classIndex.get(labelOf(r)) ?? -1;
  return { classes, indices };
}

function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
