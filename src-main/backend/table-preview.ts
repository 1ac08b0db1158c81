/**
 * Previews of tables for the data panel: the first rows as text and a summary of each
 * column, from an uploaded CSV's text or an already parsed table.
 */

import { cellText, parseCsv, type CsvTable } from '../../engine/data/csv';
import { DataError } from '../../engine/data/errors';
import { encodeLabels } from '../../engine/data/labels';
import { columnSummary, inferTask } from '../../engine/data/summary';
import { UserFacingError } from './errors';
import { MAX_LISTED_LABELS, PREVIEW_ROWS, type ColumnInfo, type TablePreview } from './protocol';

/** Parses a CSV file's text and previews it; a bad file gets the parser's message after its name. */
export function previewCsvText(fileName: string, text: string): TablePreview {
  let table: CsvTable;
  try {
    table = parseCsv(text);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    throw new UserFacingError(`${fileName}: ${error.message}`);
  }
  return previewTable(fileName, table);
}

/** Builds the preview of a parsed table; the last column is the suggested target. */
export function previewTable(fileName: string, table: CsvTable): TablePreview {
  const columns: ColumnInfo[] = columnSummary(table).map((summary, index) => {
    const { classes } = encodeLabels(table.columns[index], table.rowCount);
    return { ...summary, labels: classes.length <= MAX_LISTED_LABELS ? classes : null };
  });

  const rowCount = Math.min(PREVIEW_ROWS, table.rowCount);
  const rows: string[][] = [];
  for (let r = 0; r < rowCount; r++) {
    rows.push(table.columns.map((column) => cellText(column, r)));
  }

  const suggestedTarget = table.names[table.names.length - 1];
  return {
    fileName,
    rowCount: table.rowCount,
    columns,
    rows,
    suggestedTarget,
    suggestedTask: inferTask(table, suggestedTarget),
  };
}
