import { DataError } from '../errors';

/** One column of a parsed CSV file, stored as typed arrays so large files stay compact. */
export interface CsvColumn {
  name: string;
  /** One value per row: the number, or NaN where the cell is missing or not a number. */
  values: Float32Array;
  /**
   * Index into `dictionary` for each text cell, -1 for number and missing cells.
   * Null while the column contains no text cell at all.
   */
  codes: Int32Array | null;
  /** Distinct texts of the column, in first-seen order. */
  dictionary: string[];
  /** Cells that are empty or one of the missing markers (NA, N/A, NaN, ?, null). */
  missingCount: number;
  /** Cells that are neither a number nor missing. */
  textCount: number;
  /** First text cell, kept so that an error can name it. */
  firstText: { rowIndex: number; text: string } | null;
  /** First missing cell with its text as written ('' for an empty cell), for messages. */
  firstMissing: { rowIndex: number; text: string } | null;
}

export type CsvSeparator = ',' | ';' | '\t';

/** A parsed CSV file: a header and columns of equal length. */
export interface CsvTable {
  names: string[];
  columns: CsvColumn[];
  rowCount: number;
  /** 1-based line of the file where each row starts; blank lines and quoted newlines shift it. */
  lines: Int32Array;
  separator: CsvSeparator;
}

/** Returns true when the cell is empty or a missing marker, as opposed to a number or text. */
export function isMissing(column: CsvColumn, rowIndex: number): boolean {
  if (!Number.isNaN(column.values[rowIndex])) return false;
  return column.codes === null || column.codes[rowIndex] < 0;
}

/** Formats a cell for display: the text, the number, or '' when missing. */
export function cellText(column: CsvColumn, rowIndex: number): string {
  const code = column.codes === null ? -1 : column.codes[rowIndex];
  if (code >= 0) return column.dictionary[code];

  const value = column.values[rowIndex];
  return Number.isNaN(value) ? '' : formatFloat32(value);
}

/** Formats a float32 value with the digits it can hold, so 0.1 prints as 0.1. */
export function formatFloat32(value: number): string {
  return String(Number(value.toPrecision(7)));
}

/** Describes a row for a learner: the file line and the 1-based data row. */
export function describeRow(table: CsvTable, rowIndex: number): string {
  return `line ${table.lines[rowIndex]} of the file (data row ${rowIndex + 1})`;
}

/**
 * Returns a hint for a cell such as '5,1' that looks like a number written with a
 * decimal comma, starting with a space, or '' for any other text.
 */
export function decimalCommaHint(text: string): string {
  if (!/^[-+]?\d*,\d+$/.test(text)) return '';
  const withPoint = text.replace(',', '.');
  return (
    ` '${text}' looks like a number with a decimal comma. ` +
    `Write decimals with a point, as in ${withPoint}.`
  );
}

/** Describes a missing cell for a message: 'is empty', or the marker it contains. */
export function describeMissing(text: string): string {
  const marker = text.trim();
  if (marker === '') return 'is empty';
  if (marker.toLowerCase() === 'nan') {
    return `is '${marker}' (not a number), which counts as a missing value`;
  }
  return `is '${marker}', which counts as a missing value`;
}

/** Finds a column by name, or throws a DataError that lists the available names. */
export function getColumn(table: CsvTable, name: string, role: string): CsvColumn {
  const index = table.names.indexOf(name);
  if (index >= 0) return table.columns[index];

  const shown = table.names.slice(0, 40).map((n) => `'${n}'`).join(', ');
  const more = table.names.length > 40 ? ` and ${table.names.length - 40} more` : '';
  throw new DataError(
    'unknown-column',
    `${role} column '${name}' not found. The file has these columns: ${shown}${more}.`,
    { column: name },
  );
}
