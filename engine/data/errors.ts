/** What a user did wrong, so the UI can choose what to highlight. */
export type DataErrorCode =
  | 'file-not-found'
  | 'empty-file'
  | 'no-data-rows'
  | 'unclosed-quote'
  | 'duplicate-column'
  | 'ragged-row'
  | 'unknown-column'
  | 'invalid-settings'
  | 'target-is-feature'
  | 'not-a-number'
  | 'number-too-large'
  | 'text-column'
  | 'missing-values'
  | 'bad-target';

export interface DataErrorDetails {
  /** Column name the error is about. */
  column?: string;
  /** 0-based index of the data row (the header is not counted). */
  rowIndex?: number;
  /** 1-based line of the file where the row starts (the header is line 1 in most files). */
  line?: number;
}

/**
 * An error in a user's data or data settings. The message is written for the learner;
 * the fields let the UI point at the cell.
 */
export class DataError extends Error {
  readonly code: DataErrorCode;
  readonly column?: string;
  readonly rowIndex?: number;
  readonly line?: number;

  constructor(code: DataErrorCode, message: string, details: DataErrorDetails = {}) {
    super(message);
    this.name = 'DataError';
    this.code = code;
    this.column = details.column;
    this.rowIndex = details.rowIndex;
    this.line = details.line;
  }
}
