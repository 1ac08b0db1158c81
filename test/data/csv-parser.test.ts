import { describe, expect, it } from 'vitest';
import { CsvParser, parseCsv } from '../../engine/data/csv/parser';
import { cellText, isMissing, type CsvTable } from '../../engine/data/csv/table';
import { catchDataError } from './helpers';

function column(table: CsvTable, name: string) {
  return table.columns[table.names.indexOf(name)];
}

function texts(table: CsvTable, name: string): string[] {
  const col = column(table, name);
  return Array.from({ length: table.rowCount }, (_, r) => cellText(col, r));
}

describe('CsvParser', () => {
  it('reads numbers into float32 columns', () => {
    const table = parseCsv('a,b\n1,2.5\n-3,1e2\n');

    expect(table.names).toEqual(['a', 'b']);
    expect(table.rowCount).toBe(2);
    expect(Array.from(column(table, 'a').values)).toEqual([1, -3]);
    expect(Array.from(column(table, 'b').values)).toEqual([2.5, 100]);
    expect(column(table, 'a').codes).toBeNull();
    expect(table.separator).toBe(',');
  });

  it('reads quoted fields with separators, escapes and newlines', () => {
    const table = parseCsv('name,note\n"Smith, J.","said ""hi"""\n"multi\nline",x\n');

    expect(texts(table, 'name')).toEqual(['Smith, J.', 'multi\nline']);
    expect(texts(table, 'note')).toEqual(['said "hi"', 'x']);
    expect(Array.from(table.lines)).toEqual([2, 3]);
  });

  it('counts lines inside quoted fields', () => {
    const table = parseCsv('a,b\n"x\r\ny\nz",1\n2,3\n');

    expect(Array.from(table.lines)).toEqual([2, 5]);
  });

  it('strips a UTF-8 byte-order mark', () => {
    const table = parseCsv('\uFEFFsepal,species\n5.1,setosa\n');

    expect(table.names).toEqual(['sepal', 'species']);
  });

  it('detects semicolon separators', () => {
    const table = parseCsv('a;b;c\n1;2;3\n');

    expect(table.separator).toBe(';');
    expect(table.names).toEqual(['a', 'b', 'c']);
    expect(Array.from(column(table, 'c').values)).toEqual([3]);
  });

  it('detects tab separators', () => {
    const table = parseCsv('a\tb\n1\t2\n');

    expect(table.separator).toBe('\t');
    expect(Array.from(column(table, 'b').values)).toEqual([2]);
  });

  it('ignores separators inside quoted header names', () => {
    const table = parseCsv('"a,1";"b,2"\n1;2\n');

    expect(table.separator).toBe(';');
    expect(table.names).toEqual(['a,1', 'b,2']);
  });

  it('accepts CRLF and CR line ends', () => {
    const crlf = parseCsv('a,b\r\n1,2\r\n3,4\r\n');
    const cr = parseCsv('a,b\r1,2\r3,4');

    expect(crlf.rowCount).toBe(2);
    expect(Array.from(crlf.lines)).toEqual([2, 3]);
    expect(Array.from(column(cr, 'b').values)).toEqual([2, 4]);
  });

  it('skips blank lines and keeps file line numbers', () => {
    const table = parseCsv('\n\na,b\n\n1,2\n   \n,\n3,4\n\n');

    expect(table.names).toEqual(['a', 'b']);
    expect(table.rowCount).toBe(2);
    expect(Array.from(table.lines)).toEqual([5, 8]);
  });

  it('reads the last row without a final newline', () => {
    const table = parseCsv('a,b\n1,2\n3,');

    expect(table.rowCount).toBe(2);
    expect(isMissing(column(table, 'b'), 1)).toBe(true);
  });

  it('records missing markers per row', () => {
    const table = parseCsv('x\n1\n\n""\nNA\nnan\n?\nNULL\nn/a\n 2 \n');
    const x = column(table, 'x');

    // In a one-column file a row of one empty cell ("" too) is a blank line, so it is skipped.
    expect(table.rowCount).toBe(7);
    expect(x.missingCount).toBe(5);
    expect(x.textCount).toBe(0);
    expect(Array.from({ length: 7 }, (_, r) => isMissing(x, r))).toEqual([
      false, true, true, true, true, true, false,
    ]);
    expect(x.values[6]).toBe(2);
  });

  it('stores text cells as dictionary codes', () => {
    const table = parseCsv('v\n1\nabc\n2\nabc\nxyz\n\n');
    const v = column(table, 'v');

    expect(v.dictionary).toEqual(['abc', 'xyz']);
    expect(Array.from(v.codes ?? [])).toEqual([-1, 0, -1, 0, 1]);
    expect(v.textCount).toBe(3);
    expect(v.firstText).toEqual({ rowIndex: 1, text: 'abc' });
    expect(Number.isNaN(v.values[1])).toBe(true);
    expect(isMissing(v, 1)).toBe(false);
  });

  it('treats hex, Infinity and decimal commas as text', () => {
    const table = parseCsv('v\n0x10\nInfinity\n"3,5"\n.5\n+2.\n');

    expect(texts(table, 'v')).toEqual(['0x10', 'Infinity', '3,5', '0.5', '2']);
    expect(column(table, 'v').textCount).toBe(3);
  });

  it('keeps the text of the first missing cell', () => {
    const table = parseCsv('v,w\n1,2\nNaN,\n,3\n');

    expect(column(table, 'v').firstMissing).toEqual({ rowIndex: 1, text: 'NaN' });
    expect(column(table, 'w').firstMissing).toEqual({ rowIndex: 1, text: '' });
  });

  it('rejects a number too large for float32', () => {
    const error = catchDataError(() => parseCsv('a,b\n1,2\n3,1e308\n'));

    expect(error.code).toBe('number-too-large');
    expect(error).toMatchObject({ column: 'b', rowIndex: 1, line: 3 });
    expect(error.message).toBe(
      "Line 3 of the file, column 'b': 1e308 is too large for a 32-bit float, whose largest " +
        'value is about 3.4e38. Rescale the column, for example by changing its unit.',
    );
  });

  it('rejects a negative number too large for float32', () => {
    const error = catchDataError(() => parseCsv('a\n-3.5e38\n'));

    expect(error.message).toMatch(/^Line 2 of the file, column 'a': -3\.5e38 is too large for a 32-bit float/);
  });

  it('accepts the largest float32', () => {
    const table = parseCsv('a\n3.4028234e38\n-3.4e38\n');

    expect(Array.from(column(table, 'a').values)).toEqual([Math.fround(3.4028234e38), Math.fround(-3.4e38)]);
  });

  it('names blank header cells by position', () => {
    const table = parseCsv('a,,c\n1,2,3\n');

    expect(table.names).toEqual(['a', 'column_2', 'c']);
  });

  it('accepts a trailing separator on data rows', () => {
    const table = parseCsv('a,b\n1,2,\n3,4,\n');

    expect(table.rowCount).toBe(2);
  });

  it('gives the same table for any chunking', () => {
    const text = '\uFEFFid;"na;me";v\r\n1;"a ""q""\r\nb";2.5\r\n\r\n2;c;NA\r\n3;"d;e";-1\r\n';
    const whole = parseCsv(text);

    for (const size of [1, 2, 3, 7]) {
      const parser = new CsvParser();
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
      const chunked = parser.end();

      expect(chunked.names).toEqual(whole.names);
      expect(chunked.separator).toBe(';');
      expect(Array.from(chunked.lines)).toEqual(Array.from(whole.lines));
      for (const name of whole.names) expect(texts(chunked, name)).toEqual(texts(whole, name));
    }
    expect(texts(whole, 'na;me')).toEqual(['a "q"\r\nb', 'c', 'd;e']);
    expect(Array.from(whole.lines)).toEqual([2, 5, 6]);
  });
});

describe('CsvParser errors', () => {
  it('rejects an empty file', () => {
    const error = catchDataError(() => parseCsv(''));

    expect(error.code).toBe('empty-file');
    expect(error.message).toBe(
      'The file is empty. A CSV file needs a header row with the column names, ' +
        'then one row per sample.',
    );
  });

  it('rejects a file of blank lines', () => {
    expect(catchDataError(() => parseCsv('\uFEFF\r\n\r\n')).code).toBe('empty-file');
  });

  it('rejects a header without rows', () => {
    const error = catchDataError(() => parseCsv('a,b,c\n\n'));

    expect(error.code).toBe('no-data-rows');
    expect(error.message).toBe(
      'The file has a header row but no data rows. Add one row per sample below the header.',
    );
  });

  it('rejects duplicate column names', () => {
    const error = catchDataError(() => parseCsv('\nx,y, x\n1,2,3\n'));

    expect(error.code).toBe('duplicate-column');
    expect(error.column).toBe('x');
    expect(error.line).toBe(2);
    expect(error.message).toBe(
      "Column name 'x' appears twice in the header (columns 1 and 3). " +
        'Rename one of them so that every column has its own name.',
    );
  });

  it('rejects a row with too few fields', () => {
    const error = catchDataError(() => parseCsv('a,b,c\n1,2,3\n\n4,5\n'));

    expect(error.code).toBe('ragged-row');
    expect(error.line).toBe(4);
    expect(error.message).toBe(
      'Line 4 of the file has 2 fields, but the header has 3 columns. Check that line ' +
        'for a missing or extra comma, or for a quote that is not closed.',
    );
  });

  it('counts a single field in the singular', () => {
    const error = catchDataError(() => parseCsv('a,b,c\n1\n'));

    expect(error.message).toMatch(/^Line 2 of the file has 1 field, but the header has 3 columns\./);
  });

  it('rejects a row with too many fields', () => {
    const error = catchDataError(() => parseCsv('a;b\n1;2;3\n'));

    expect(error.message).toBe(
      'Line 2 of the file has 3 fields, but the header has 2 columns. Check that line ' +
        'for a missing or extra semicolon, or for a quote that is not closed.',
    );
  });

  it('rejects an unclosed quote', () => {
    const error = catchDataError(() => parseCsv('a,b\n1,2\n3,"oops\n4,5\n'));

    expect(error.code).toBe('unclosed-quote');
    expect(error.line).toBe(3);
    expect(error.message).toBe(
      'The quoted field that starts on line 3 of the file is never closed. ' +
        `Add the missing '"' or remove the extra one.`,
    );
  });
});
