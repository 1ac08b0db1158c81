import { DataError } from '../errors';
import type { CsvSeparator, CsvTable } from './table';
import { TableBuilder } from './table-builder';

const QUOTE = 34;
const CR = 13;
const LF = 10;
const BOM = 0xfeff;

// Tokenizer states. QUOTE_IN_QUOTED follows a quote inside a quoted field: the next
// character decides whether it was an escaped quote ("") or the closing one.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

export interface CsvParserOptions {
  /** Field separator; by default the most frequent of `,` `;` tab in the header line. */
  separator?: CsvSeparator;
}

/**
 * Incremental CSV parser: `push` text chunks of any size, then call `end` for the table.
 * Follows RFC 4180 quoting ("" inside quotes, separators and newlines in quoted fields)
 * and accepts a UTF-8 byte-order mark, CRLF, LF or CR line ends, and blank lines.
 * The first non-blank record is the header. Rows whose cells are all empty are skipped.
 * Throws a DataError for an empty file, a header without data rows, duplicate column
 * names, a row with the wrong number of fields and an unclosed quote.
 */
export class CsvParser {
  private separator: CsvSeparator | null;
  private separatorCode = 0;
  private started = false;
  /** Text held back until the header line is complete, so the separator can be detected. */
  private head = '';
  private headScanned = 0;
  private headInQuotes = false;

  private state = FIELD_START;
  private field = '';
  private readonly fields: string[] = [];
  private afterCR = false;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private builder: TableBuilder | null = null;

  constructor(options: CsvParserOptions = {}) {
    this.separator = options.separator ?? null;
    if (this.separator !== null) this.separatorCode = this.separator.charCodeAt(0);
  }

  /** Parses the next chunk of the file's text. */
  push(chunk: string): void {
    if (!this.started) {
      if (chunk.length === 0) return;
      this.started = true;
      if (chunk.charCodeAt(0) === BOM) chunk = chunk.slice(1);
    }
    if (this.separator !== null && this.head === '') {
      this.scan(chunk);
      return;
    }

    this.head += chunk;
    const headerEnd = this.findHeaderEnd();
    if (headerEnd >= 0) this.scanHead(this.head.slice(0, headerEnd));
  }

  /** Finishes parsing and returns the table. */
  end(): CsvTable {
    if (this.head !== '' || this.separator === null) this.scanHead(this.head);
    if (this.state === QUOTED) {
      throw new DataError(
        'unclosed-quote',
        `The quoted field that starts on line ${this.quoteLine} of the file is never closed. ` +
          `Add the missing '"' or remove the extra one.`,
        { line: this.quoteLine },
      );
    }
    if (this.state !== FIELD_START || this.fields.length > 0) this.finishRecord();

    if (this.builder === null) {
      throw new DataError(
        'empty-file',
        'The file is empty. A CSV file needs a header row with the column names, ' +
          'then one row per sample.',
      );
    }
    const table = this.builder.finish();
    if (table.rowCount === 0) {
      throw new DataError(
        'no-data-rows',
        'The file has a header row but no data rows. Add one row per sample below the header.',
      );
    }
    return table;
  }

  private findHeaderEnd(): number {
    const head = this.head;
    for (let i = this.headScanned; i < head.length; i++) {
      const c = head.charCodeAt(i);
      if (c === QUOTE) this.headInQuotes = !this.headInQuotes;
      else if ((c === LF || c === CR) && !this.headInQuotes && head.slice(0, i).trim() !== '') {
        return i;
      }
    }
    this.headScanned = head.length;
    return -1;
  }

  /** Picks the separator from the header line, then parses all held-back text. */
  private scanHead(headerLine: string): void {
    this.separator ??= detectSeparator(headerLine);
    this.separatorCode = this.separator.charCodeAt(0);
    const text = this.head;
    this.head = '';
    this.scan(text);
  }

  private scan(text: string): void {
    const separator = this.separatorCode;
    let state = this.state;
    let afterCR = this.afterCR;
    let start = 0;

    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const wasCR = afterCR;
      afterCR = c === CR;
      // The CR of a CRLF pair already ended the record, or counted the line inside quotes.
      if (c === LF && wasCR) continue;

      switch (state) {
        case FIELD_START:
          if (c === QUOTE) {
            state = QUOTED;
            start = i + 1;
            this.quoteLine = this.line;
          } else if (c === separator) {
            this.fields.push('');
          } else if (c === LF || c === CR) {
            this.finishRecord();
          } else {
            state = UNQUOTED;
            start = i;
          }
          break;
        case UNQUOTED:
          if (c === separator) {
            this.fields.push(this.field + text.slice(start, i));
            this.field = '';
            state = FIELD_START;
          } else if (c === LF || c === CR) {
            this.field += text.slice(start, i);
            this.finishRecord();
            state = FIELD_START;
          }
          break;
        case QUOTED:
          if (c === QUOTE) {
            this.field += text.slice(start, i);
            state = QUOTE_IN_QUOTED;
          } else if (c === LF || c === CR) {
            this.line++;
          }
          break;
        case QUOTE_IN_QUOTED:
          if (c === QUOTE) {
            this.field += '"';
            state = QUOTED;
            start = i + 1;
          } else if (c === separator) {
            this.fields.push(this.field);
            this.field = '';
            state = FIELD_START;
          } else if (c === LF || c === CR) {
            this.finishRecord();
            state = FIELD_START;
          } else {
            // Text after a closing quote, as in "abc"def, is kept as it is.
            state = UNQUOTED;
            start = i;
          }
          break;
      }
    }

    if (state === UNQUOTED || state === QUOTED) this.field += text.slice(start);
    this.state = state;
    this.afterCR = afterCR;
  }

  /** Ends the current record at a line end (or the end of the file) and starts the next. */
  private finishRecord(): void {
    const fields = this.fields;
    fields.push(this.field);
    this.field = '';

    if (!isBlank(fields)) {
      if (this.builder === null) {
        this.builder = new TableBuilder(fields, this.separator ?? ',', this.recordLine);
      } else {
        this.builder.addRow(fields, this.recordLine);
      }
    }
    fields.length = 0;
    this.line++;
    this.recordLine = this.line;
  }
}

/** Parses a whole CSV text, such as an uploaded file's contents. */
export function parseCsv(text: string, options?: CsvParserOptions): CsvTable {
  const parser = new CsvParser(options);
  parser.push(text);
  return parser.end();
}

/** Returns the separator that occurs most often outside quotes; ties and none go to `,`. */
export function detectSeparator(headerLine: string): CsvSeparator {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const char of headerLine) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === ',' || char === ';' || char === '\t')) counts[char]++;
  }

  let best: CsvSeparator = ',';
  for (const separator of [';', '\t'] as const) {
    if (counts[separator] > counts[best]) best = separator;
  }
  return best;
}

function isBlank(fields: string[]): boolean {
  for (const field of fields) {
    if (field.trim() !== '') return false;
  }
  return true;
}
