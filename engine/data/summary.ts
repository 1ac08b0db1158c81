import type { Task } from '../project/types';
import { formatFloat32, getColumn, type CsvTable } from './csv/table';

/** Integer targets with at most this many distinct values are taken as class labels. */
const MAX_INFERRED_CLASSES = 20;
/**
 * Integer targets are class labels only when each class has at least this many rows on
 * average; an integer column of mostly distinct values (ages, counts) is a regression target.
 */
const MIN_ROWS_PER_CLASS = 3;

export interface ColumnSummary {
  name: string;
  /** 'text' when at least one cell is neither a number nor missing. */
  kind: 'numeric' | 'text';
  missingCount: number;
  /** Cells that are neither a number nor missing. */
  textCount: number;
  /** The first such cell and its 1-based line in the file, or null when there is none. */
  firstText: { line: number; text: string } | null;
}

/** Summarises each column for a data preview. */
export function columnSummary(table: CsvTable): ColumnSummary[] {
  return table.columns.map((column) => ({
    name: column.name,
    kind: column.textCount > 0 ? 'text' : 'numeric',
    missingCount: column.missingCount,
    textCount: column.textCount,
    firstText: column.firstText === null ? null : { line: table.lines[column.firstText.rowIndex], text: column.firstText.text },
  }));
}

/**
 * Guesses the task for a target column. Text, or at most 20 distinct integers with at least
 * 3 rows per value on average, means classification: binary for two values or fewer,
 * multiclass otherwise. Anything else is regression. Throws a DataError when the column does
 * not exist.
 */
export function inferTask(table: CsvTable, target: string): Task {
  const column = getColumn(table, target, 'Target');
  if (column.textCount > 0) {
    const labels = new Set(column.dictionary);
    for (const value of column.values) {
      if (labels.size > 2) break;
      if (!Number.isNaN(value)) labels.add(formatFloat32(value));
    }
    return labels.size <= 2 ? 'binary' : 'multiclass';
  }

  const distinct = new Set<number>();
  let rows = 0;
  for (const value of column.values) {
    if (Number.isNaN(value)) continue;
    if (!Number.isInteger(value)) return 'regression';
    rows += 1;
    distinct.add(value);
    if (distinct.size > MAX_INFERRED_CLASSES) return 'regression';
  }
  if (distinct.size <= 2) return 'binary';
  return rows >= MIN_ROWS_PER_CLASS * distinct.size ? 'multiclass' : 'regression';
}
