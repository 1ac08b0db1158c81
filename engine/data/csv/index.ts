// CSV parsing that runs anywhere; the Node-only file reader is imported from './read-file'.
export { CsvParser, parseCsv, detectSeparator, type CsvParserOptions } from './parser';
export {
  cellText,
  decimalCommaHint,
  describeMissing,
  describeRow,
  formatFloat32,
  getColumn,
  isMissing,
  type CsvColumn,
  type CsvSeparator,
  type CsvTable,
} from './table';
