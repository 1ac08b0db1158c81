import { DataError } from '../errors';
import type { CsvColumn, CsvSeparator, CsvTable } from './table';

/** Decimal numbers as spreadsheets write them; hex, Infinity and '1,5' count as text. */
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
/** Cell texts read as missing values, compared in lower case after trimming spaces. */
const MISSING = new Set(['', 'na', 'n/a', 'nan', '?', 'null']);
const INITIAL_CAPACITY = 1024;

const SEPARATOR_NAMES: Record<CsvSeparator, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
};

/**
 * Appends rows of fields to growable typed-array columns. Each cell is classified once
 * as a number, a missing value or text; only columns with text get a code array.
 */
export class TableBuilder {
  private readonly names: string[];
  private readonly separator: CsvSeparator;
  private capacity = INITIAL_CAPACITY;
  private rowCount = 0;
  private lines: Int32Array = new Int32Array(INITIAL_CAPACITY);
  private readonly values: Float32Array[];
  private readonly codes: (Int32Array | null)[];
  private readonly dictionaries: Map<string, number>[];
  private readonly missingCounts: number[];
  private readonly textCounts: number[];
  private readonly firstTexts: ({ rowIndex: number; text: string } | null)[];
  private readonly firstMissing: ({ rowIndex: number; text: string } | null)[];

  /** Checks the header: blank names become `column_N`, and duplicate names are rejected. */
  constructor(header: string[], separator: CsvSeparator, headerLine: number) {
    this.names = header.map((raw, i) => raw.trim() || `column_${i + 1}`);
    this.separator = separator;
    this.checkUniqueNames(headerLine);

    const n = this.names.length;
    this.values = this.names.map(() => new Float32Array(INITIAL_CAPACITY));
    this.codes = new Array<Int32Array | null>(n).fill(null);
    this.dictionaries = this.names.map(() => new Map());
    this.missingCounts = new Array<number>(n).fill(0);
    this.textCounts = new Array<number>(n).fill(0);
    this.firstTexts = new Array<{ rowIndex: number; text: string } | null>(n).fill(null);
    this.firstMissing = new Array<{ rowIndex: number; text: string } | null>(n).fill(null);
  }

  /**
   * Appends one record that starts on `line` of the file. Extra fields past the header's
   * width are accepted only when empty, which covers a trailing separator on each line.
   */
  addRow(fields: string[], line: number): void {
    const width = this.names.length;
    if (fields.length !== width) this.checkWidth(fields, line);
    if (this.rowCount === this.capacity) this.grow();

    const rowIndex = this.rowCount++;
    this.lines[rowIndex] = line;
    for (let c = 0; c < width; c++) this.setCell(c, rowIndex, fields[c]);
  }

  /** Returns the table, with arrays trimmed to the row count. */
  finish(): CsvTable {
    const n = this.rowCount;
    const columns: CsvColumn[] = this.names.map((name, c) => {
      const codes = this.codes[c];
      return {
        name,
        values: this.values[c].slice(0, n),
        codes: codes === null ? null : codes.slice(0, n),
        dictionary: [...this.dictionaries[c].keys()],
        missingCount: this.missingCounts[c],
        textCount: this.textCounts[c],
        firstText: this.firstTexts[c],
        firstMissing: this.firstMissing[c],
      };
    });
    return {
      names: this.names,
      columns,
      rowCount: n,
      lines: this.lines.slice(0, n),
      separator: this.separator,
    };
  }

  private setCell(c: number, rowIndex: number, raw: string): void {
    const text = raw.trim();
    if (NUMBER.test(text)) {
      const value = Math.fround(Number(text));
      if (!Number.isFinite(value)) this.rejectTooLarge(c, rowIndex, text);
      this.values[c][rowIndex] = value;
      return;
    }

    this.values[c][rowIndex] = NaN;
    if (MISSING.has(text.toLowerCase())) {
      this.missingCounts[c]++;
      this.firstMissing[c] ??= { rowIndex, text };
      return;
    }

    this.textCounts[c]++;
    this.firstTexts[c] ??= { rowIndex, text };
    const dictionary = this.dictionaries[c];
    let code = dictionary.get(text);
    if (code === undefined) {
      code = dictionary.size;
      dictionary.set(text, code);
    }
    let codes = this.codes[c];
    if (codes === null) {
      codes = new Int32Array(this.capacity).fill(-1);
      this.codes[c] = codes;
    }
    codes[rowIndex] = code;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    this.lines = resize(this.lines, capacity);
    for (let c = 0; c < this.names.length; c++) {
      this.values[c] = resize(this.values[c], capacity);
      const codes = this.codes[c];
      if (codes !== null) this.codes[c] = resize(codes, capacity).fill(-1, this.capacity);
    }
    this.capacity = capacity;
  }

  /** Throws for a number that float32 cannot hold, which would otherwise become Infinity. */
  private rejectTooLarge(c: number, rowIndex: number, text: string): never {
    const line = this.lines[rowIndex];
    const column = this.names[c];
    throw new DataError(
      'number-too-large',
      `Line ${line} of the file, column '${column}': ${text} is too large for a 32-bit float, ` +
        'whose largest value is about 3.4e38. ' +
        'Rescale the column, for example by changing its unit.',
      { column, rowIndex, line },
    );
  }

  private checkWidth(fields: string[], line: number): void {
    const width = this.names.length;
    const extraAreEmpty = fields.slice(width).every((field) => field.trim() === '');
    if (fields.length > width && extraAreEmpty) return;

    const fieldCount = fields.length === 1 ? '1 field' : `${fields.length} fields`;
    const columnCount = width === 1 ? '1 column' : `${width} columns`;
    throw new DataError(
      'ragged-row',
      `Line ${line} of the file has ${fieldCount}, but the header has ${columnCount}. ` +
        `Check that line for a missing or extra ${SEPARATOR_NAMES[this.separator]}, ` +
        'or for a quote that is not closed.',
      { line },
    );
  }

  private checkUniqueNames(headerLine: number): void {
    const seen = new Map<string, number>();
    this.names.forEach((name, i) => {
      const first = seen.get(name);
      if (first !== undefined) {
        throw new DataError(
          'duplicate-column',
          `Column name '${name}' appears twice in the header ` +
            `(columns ${first + 1} and ${i + 1}). ` +
            'Rename one of them so that every column has its own name.',
          { column: name, line: headerLine },
        );
      }
      seen.set(name, i);
    });
  }
}

function resize(array: Float32Array, capacity: number): Float32Array;
function resize(array: Int32Array, capacity: number): Int32Array;
function resize(array: Float32Array | Int32Array, capacity: number): Float32Array | Int32Array {
  const grown =
    array instanceof Float32Array ? new Float32Array(capacity) : new Int32Array(capacity);
  grown.set(array);
  return grown;
}
