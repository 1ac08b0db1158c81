/**
 * Finds feature candidates that are numbers but for a few cells of text, such as a typo in
 * an uploaded CSV. Those columns are read as text and left out of the features, which a
 * learner would not notice from the preview alone.
 */
import type { ColumnInfo } from '../../../../src-main/backend/protocol';

/**
 * Returns one message per column whose cells are mostly numbers, naming the first text cell
 * and its line. The target is skipped: a text target is a set of class labels.
 */
export function describeStrayText(columns: readonly ColumnInfo[], rowCount: number, target: string): string[] {
  const messages: string[] = [];
  for (const column of columns) {
    if (column.name === target || column.firstText === null) continue;
    const numbers = rowCount - column.missingCount - column.textCount;
    if (numbers <= column.textCount) continue;

    const { line, text } = column.firstText;
    const others = column.textCount - 1;
    const more = others === 0 ? '' : ` and ${others} more cell${others === 1 ? '' : 's'}`;
    messages.push(
      `Column '${column.name}' is numbers except '${text}' on line ${line}${more}, so it is read as ` +
        'text and left out of the features. Correct the cell in the CSV and upload it again, or empty ' +
        'it and turn on "Drop rows with missing values".',
    );
  }
  return messages;
}
