import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../src-main/backend/protocol';
import { describeStrayText } from '../../src-renderer/src/lib/project/stray-text';

function column(name: string, textCount: number, firstText: ColumnInfo['firstText'], missingCount = 0): ColumnInfo {
  return { name, kind: textCount > 0 ? 'text' : 'numeric', missingCount, textCount, firstText, labels: null };
}

describe('describeStrayText', () => {
  it('names the first text cell of a mostly numeric column', () => {
    const columns = [column('sepal_length_cm', 1, { line: 5, text: 'four point six' }), column('width', 0, null)];
    expect(describeStrayText(columns, 150, 'species')).toEqual([
      "Column 'sepal_length_cm' is numbers except 'four point six' on line 5, so it is read as text and left out " +
        'of the features. Correct the cell in the CSV and upload it again, or empty it and turn on "Drop rows with ' +
        'missing values".',
    ]);
  });

  it('counts the other text cells', () => {
    const [message] = describeStrayText([column('age', 3, { line: 9, text: 'n/k' })], 100, 'y');
    expect(message).toContain("except 'n/k' on line 9 and 2 more cells,");
  });

  it('skips text columns and the target', () => {
    const columns = [column('colour', 150, { line: 2, text: 'red' }), column('species', 1, { line: 3, text: 'x' })];
    expect(describeStrayText(columns, 150, 'species')).toEqual([]);
  });
});
