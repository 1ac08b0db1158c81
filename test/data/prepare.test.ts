import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../engine/data/csv/parser';
import { encodeLabels } from '../../engine/data/labels';
import { prepareData, type PrepareSettings } from '../../engine/data/prepare';
import { columnSummary, inferTask } from '../../engine/data/summary';
import { catchDataError } from './helpers';

const FLOWERS = [
  'sepal,petal_length,species',
  '5.1,1.4,setosa',
  '4.9,1.3,setosa',
  '6.3,4.9,versicolor',
  '5.8,5.1,virginica',
  '6.0,4.5,versicolor',
].join('\n');

const SETTINGS: PrepareSettings = {
  features: ['sepal', 'petal_length'],
  target: 'species',
  task: 'multiclass',
  standardize: false,
  validationSplit: 0,
  seed: 0,
};

function prepare(csv: string, settings: Partial<PrepareSettings> = {}) {
  return prepareData(parseCsv(csv), { ...SETTINGS, ...settings });
}

describe('prepareData', () => {
  it('builds row-major features and class indices', () => {
    const data = prepare(FLOWERS);

    expect(data.nTrain).toBe(5);
    expect(data.nVal).toBe(0);
    expect(data.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(data.trainY).toBeInstanceOf(Int32Array);
    expect(data.trainX).toBeInstanceOf(Float32Array);
    expect(data.trainX.length).toBe(10);
    for (let i = 0; i < data.nTrain; i++) {
      const row = data.trainRows[i];
      const expected = FLOWERS.split('\n')[row + 1].split(',');
      expect(data.trainX[i * 2]).toBeCloseTo(Number(expected[0]), 6);
      expect(data.trainX[i * 2 + 1]).toBeCloseTo(Number(expected[1]), 6);
      expect(data.classes?.[data.trainY[i]]).toBe(expected[2]);
    }
    expect(data.featureMean).toEqual([0, 0]);
    expect(data.featureStd).toEqual([1, 1]);
  });

  it('sorts text classes and keeps numeric order', () => {
    const text = prepare('x,label\n1,b\n2,a\n3,C\n', { features: ['x'], target: 'label' });
    const numeric = prepare('x,label\n1,10\n2,9\n3,2\n4,9\n', { features: ['x'], target: 'label' });

    expect(text.classes).toEqual(['C', 'a', 'b']);
    expect(numeric.classes).toEqual(['2', '9', '10']);
    const byRow = new Map(Array.from(numeric.trainRows, (row, i) => [row, numeric.trainY[i]]));
    expect([0, 1, 2, 3].map((row) => byRow.get(row))).toEqual([2, 1, 0, 1]);
  });

  it('encodes a binary target as float 0 and 1', () => {
    const data = prepare('x,diagnosis\n1,malignant\n2,benign\n3,benign\n', {
      features: ['x'],
      target: 'diagnosis',
      task: 'binary',
    });

    expect(data.classes).toEqual(['benign', 'malignant']);
    expect(data.trainY).toBeInstanceOf(Float32Array);
    const byRow = new Map(Array.from(data.trainRows, (row, i) => [row, data.trainY[i]]));
    expect([0, 1, 2].map((row) => byRow.get(row))).toEqual([1, 0, 0]);
  });

  it('keeps regression targets as floats', () => {
    const settings = { features: ['x'], target: 'y', task: 'regression' as const };
    const data = prepare('x,y\n1,0.5\n2,1.5\n', settings);

    expect(data.classes).toBeNull();
    expect(data.trainY).toBeInstanceOf(Float32Array);
    expect(Array.from(data.trainRows, (row) => [0.5, 1.5][row])).toEqual(Array.from(data.trainY));
  });

  it('drops rows with missing values when asked', () => {
    const csv = 'a,b,y\n1,2,p\n,3,q\n4,NA,p\n5,6,\n7,8,q\n9,?,r\n';
    const data = prepare(csv, { features: ['a', 'b'], target: 'y', dropMissing: true });

    expect(data.nTrain).toBe(2);
    expect(Array.from(data.trainRows).sort()).toEqual([0, 4]);
    expect(data.classes).toEqual(['p', 'q']);
  });

  it('ignores missing values in unused columns', () => {
    const data = prepare('a,unused,y\n1,,p\n2,NA,q\n', { features: ['a'], target: 'y' });

    expect(data.nTrain).toBe(2);
  });
});

describe('prepareData split', () => {
  const csv = ['x,y', ...Array.from({ length: 100 }, (_, i) => `${i},${i % 2}`)].join('\n');
  const settings = { features: ['x'], target: 'y', task: 'binary' as const, validationSplit: 0.2 };

  it('gives the same split for the same seed', () => {
    const first = prepare(csv, { ...settings, seed: 42 });
    const second = prepare(csv, { ...settings, seed: 42 });

    expect(Array.from(second.trainRows)).toEqual(Array.from(first.trainRows));
    expect(Array.from(second.valRows)).toEqual(Array.from(first.valRows));
    expect(Array.from(second.trainX)).toEqual(Array.from(first.trainX));
  });

  it('gives another split for another seed', () => {
    const first = prepare(csv, { ...settings, seed: 1 });
    const second = prepare(csv, { ...settings, seed: 2 });

    expect(Array.from(second.valRows)).not.toEqual(Array.from(first.valRows));
  });

  it('partitions every row once', () => {
    const data = prepare(csv, { ...settings, seed: 7 });

    expect(data.nTrain).toBe(80);
    expect(data.nVal).toBe(20);
    expect(data.valX.length).toBe(20);
    expect(data.valY.length).toBe(20);
    const all = [...data.trainRows, ...data.valRows].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i));
    // Feature x equals the row index, so the rows must line up with the values.
    expect(Array.from(data.valX)).toEqual(Array.from(data.valRows));
    expect(Array.from(data.valY)).toEqual(Array.from(data.valRows, (row) => row % 2));
  });

  it('keeps at least one training row', () => {
    const data = prepare('x,y\n1,a\n2,b\n', { features: ['x'], target: 'y', validationSplit: 0.9 });

    expect(data.nTrain).toBe(1);
    expect(data.nVal).toBe(1);
  });
});

describe('prepareData standardize', () => {
  it('uses the training split mean and population std', () => {
    const data = prepare('a,b,c,y\n1,10,5,p\n2,20,5,q\n3,30,5,p\n4,40,5,q\n', {
      features: ['a', 'b', 'c'],
      target: 'y',
      standardize: true,
    });

    expect(data.featureMean).toEqual([2.5, 25, 5]);
    expect(data.featureStd[0]).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(data.featureStd[1]).toBeCloseTo(Math.sqrt(125), 12);
    // Column c is constant, so its std is 1 and its values become 0.
    expect(data.featureStd[2]).toBe(1);
    const expected = [-1.5, -0.5, 0.5, 1.5].map((d) => d / Math.sqrt(1.25));
    const a = Array.from(data.trainRows, (row, i) => [row, data.trainX[i * 3]]);
    for (const [row, value] of a) expect(value).toBeCloseTo(expected[row], 6);
    for (let i = 0; i < data.nTrain; i++) expect(data.trainX[i * 3 + 2]).toBe(0);
  });

  it('applies training statistics to validation rows', () => {
    const rows = Array.from({ length: 10 }, (_, i) => `${i * i},${i % 3}`);
    const data = prepare(['x,y', ...rows].join('\n'), {
      features: ['x'],
      target: 'y',
      standardize: true,
      validationSplit: 0.3,
      seed: 3,
    });

    const train = Array.from(data.trainRows, (row) => row * row);
    const mean = train.reduce((sum, v) => sum + v, 0) / train.length;
    const std = Math.sqrt(train.reduce((sum, v) => sum + (v - mean) ** 2, 0) / train.length);
    expect(data.featureMean[0]).toBeCloseTo(mean, 10);
    expect(data.featureStd[0]).toBeCloseTo(std, 10);
    for (let i = 0; i < data.nVal; i++) {
      const raw = data.valRows[i] ** 2;
      expect(data.valX[i]).toBeCloseTo((raw - mean) / std, 5);
    }
  });
});

describe('prepareData errors', () => {
  it('rejects an unknown feature column', () => {
    const error = catchDataError(() => prepare(FLOWERS, { features: ['sepal', 'petal_len'] }));

    expect(error.code).toBe('unknown-column');
    expect(error.column).toBe('petal_len');
    expect(error.message).toBe(
      "Feature column 'petal_len' not found. The file has these columns: " +
        "'sepal', 'petal_length', 'species'.",
    );
  });

  it('rejects an unknown target column', () => {
    const error = catchDataError(() => prepare(FLOWERS, { target: 'class' }));

    expect(error.message).toBe(
      "Target column 'class' not found. The file has these columns: " +
        "'sepal', 'petal_length', 'species'.",
    );
  });

  it('rejects a non-numeric feature cell', () => {
    const csv = FLOWERS.replace('4.9,1.3', '4.9,abc');
    const error = catchDataError(() => prepare(csv));

    expect(error.code).toBe('not-a-number');
    expect(error).toMatchObject({ column: 'petal_length', rowIndex: 1, line: 3 });
    expect(error.message).toBe(
      "Line 3 of the file (data row 2), column 'petal_length': 'abc' is not a number. " +
        'Feature columns must contain only numbers, so correct the cell, or empty it and ' +
        'turn on "drop rows with missing values" (dropMissing in the project file).',
    );
  });

  it('counts further non-numeric cells', () => {
    const csv = 'a,y\n1,p\n"2,5",q\nx,p\n\n-,q\n';
    const error = catchDataError(() => prepare(csv, { features: ['a'], target: 'y' }));

    expect(error.line).toBe(3);
    expect(error.message).toBe(
      "Line 3 of the file (data row 2), column 'a': '2,5' is not a number. '2,5' looks like " +
        'a number with a decimal comma. Write decimals with a point, as in 2.5. ' +
        'Feature columns must contain only numbers, so ' +
        'correct the cell, or empty it and turn on "drop rows with missing values" (dropMissing in the project file). ' +
        '2 more cells in this column are not numbers either.',
    );
  });

  it('hints at decimal commas in a text column', () => {
    const csv = 'a;y\n5,1;p\n6,2;q\n';
    const error = catchDataError(() => prepare(csv, { features: ['a'], target: 'y' }));

    expect(error.code).toBe('text-column');
    expect(error.message).toContain(
      "'5,1' looks like a number with a decimal comma. Write decimals with a point, as in 5.1.",
    );
  });

  it('counts one further non-numeric cell in the singular', () => {
    const csv = 'a,y\n1,p\nx,q\nz,p\n';
    const error = catchDataError(() => prepare(csv, { features: ['a'], target: 'y' }));

    expect(error.message).toMatch(/ 1 more cell in this column is not a number either\.$/);
  });

  it('rejects a text column as a feature', () => {
    const error = catchDataError(() =>
      prepare(FLOWERS, { features: ['species'], target: 'sepal', task: 'regression' }),
    );

    expect(error.code).toBe('text-column');
    expect(error.message).toBe(
      "Column 'species' contains text (such as 'setosa' on line 2 of the file), so it " +
        'cannot be a feature. Feature columns must contain only numbers. Use the column as ' +
        'the target, or leave it out.',
    );
  });

  it('rejects a text regression target', () => {
    const error = catchDataError(() => prepare(FLOWERS, { task: 'regression' }));

    expect(error.code).toBe('text-column');
    expect(error.column).toBe('species');
    expect(error.message).toBe(
      "Column 'species' contains text (such as 'setosa' on line 2 of the file), so it " +
        'cannot be the regression target. A regression target must contain only numbers. ' +
        "Choose the task 'binary' or 'multiclass' to predict labels, or a numeric target.",
    );
  });

  it('rejects a stray text cell in a regression target', () => {
    const error = catchDataError(() =>
      prepare('x,y\n1,2\n3,four\n', { features: ['x'], target: 'y', task: 'regression' }),
    );

    expect(error.code).toBe('not-a-number');
    expect(error.message).toMatch(/^Line 3 of the file \(data row 2\), column 'y': 'four' is not/);
  });

  it('reports missing values with their lines', () => {
    const csv = 'a,b,y\n1,2,p\n,3,q\n4,NA,p\n\n5,6,\n7,8,q\n9,?,r\n10,null,r\n11,,r\n';
    const error = catchDataError(() => prepare(csv, { features: ['a', 'b'], target: 'y' }));

    expect(error.code).toBe('missing-values');
    expect(error).toMatchObject({ column: 'a', rowIndex: 1, line: 3 });
    expect(error.message).toBe(
      '6 rows have missing values (an empty cell, NA, NaN, ? or null) in the chosen ' +
        "columns: line 3 of the file (data row 2) in column 'a'; line 4 of the file " +
        "(data row 3) in column 'b'; line 6 of the file (data row 4) in column 'y'; " +
        "line 8 of the file (data row 6) in column 'b'; line 9 of the file (data row 7) " +
        "in column 'b' and 1 more. Turn on \"drop rows with missing values\" (dropMissing) " +
        'to leave these rows out, or fill in the cells.',
    );
  });

  it('reports a single missing value', () => {
    const error = catchDataError(() => prepare('x,y\n1,a\n,b\n', { features: ['x'], target: 'y' }));

    expect(error.message).toMatch(/^1 row has a missing value \(an empty cell/);
  });

  it('rejects data with every row missing', () => {
    const error = catchDataError(() =>
      prepare('x,y\n,a\nNA,b\n', { features: ['x'], target: 'y', dropMissing: true }),
    );

    expect(error.code).toBe('no-data-rows');
    expect(error.message).toBe(
      'Every row has a missing value in the chosen columns, so no rows are left after ' +
        'dropping them. Choose other columns or fill in the missing cells.',
    );
  });

  it('rejects the target as a feature', () => {
    const error = catchDataError(() => prepare(FLOWERS, { features: ['sepal', 'species'] }));

    expect(error.code).toBe('target-is-feature');
    expect(error.column).toBe('species');
    expect(error.message).toBe(
      "Column 'species' is both the target and a feature. Remove it from the features, " +
        'because the model must not be given the value it has to predict.',
    );
  });

  it('rejects a binary target with three values', () => {
    const error = catchDataError(() => prepare(FLOWERS, { task: 'binary' }));

    expect(error.code).toBe('bad-target');
    expect(error.message).toBe(
      "A binary target needs exactly two distinct values, but 'species' has 3: 'setosa', " +
        "'versicolor', 'virginica'. Choose the task 'multiclass', or a target with two values.",
    );
  });

  it('rejects a classification target with one value', () => {
    const csv = 'x,y\n1,a\n2,a\n';
    const error = catchDataError(() => prepare(csv, { features: ['x'], target: 'y' }));

    expect(error.message).toBe(
      "The target 'y' has only 'a', but a classifier needs at least two classes. " +
        'Choose another target column.',
    );
  });

  it('rejects invalid settings', () => {
    const cases: [Partial<PrepareSettings>, string][] = [
      [{ features: [] }, 'Choose at least one feature column.'],
      [
        { features: ['sepal', 'sepal'] },
        "Feature column 'sepal' is listed twice. List each feature once.",
      ],
      [
        { validationSplit: 1 },
        'The validation split must be at least 0 and less than 1, but it is 1.',
      ],
      [
        { validationSplit: -0.1 },
        'The validation split must be at least 0 and less than 1, but it is -0.1.',
      ],
      [{ seed: 1.5 }, 'The seed must be an integer, but it is 1.5.'],
    ];
    for (const [settings, message] of cases) {
      const error = catchDataError(() => prepare(FLOWERS, settings));
      expect(error.code).toBe('invalid-settings');
      expect(error.message).toBe(message);
    }
  });
});

describe('inferTask', () => {
  const table = parseCsv(
    'species,flag,digit,price,sex,coded\n' +
      'a,yes,0,1.5,1,1\nb,no,1,2.25,2,x\nc,yes,2,3,1,\nNA,no,11,4,2,1\n',
  );

  it('classifies text and small integer targets', () => {
    expect(inferTask(table, 'species')).toBe('multiclass');
    expect(inferTask(table, 'flag')).toBe('binary');
    expect(inferTask(table, 'sex')).toBe('binary');
    expect(inferTask(table, 'coded')).toBe('binary');
    expect(inferTask(table, 'price')).toBe('regression');
  });

  it('takes many integers as regression', () => {
    const many = parseCsv(['y', ...Array.from({ length: 21 }, (_, i) => String(i))].join('\n'));
    const twenty = parseCsv(['y', ...Array.from({ length: 60 }, (_, i) => String(i % 20))].join('\n'));

    expect(inferTask(many, 'y')).toBe('regression');
    expect(inferTask(twenty, 'y')).toBe('multiclass');
  });

  it('takes mostly distinct integers as regression', () => {
    const ages = parseCsv(['age', ...[31, 45, 22, 58, 31, 40, 27, 63, 49, 35, 22, 51].map(String)].join('\n'));
    const labels = parseCsv(['label', ...Array.from({ length: 12 }, (_, i) => String(i % 4))].join('\n'));

    expect(inferTask(ages, 'age')).toBe('regression');
    expect(inferTask(labels, 'label')).toBe('multiclass');
  });

  it('rejects an unknown column', () => {
    expect(catchDataError(() => inferTask(table, 'nope')).code).toBe('unknown-column');
  });
});

describe('columnSummary', () => {
  it('reports kind, missing count and the first text cell', () => {
    const summary = columnSummary(parseCsv('a,b,c\n1,x,\n2,NA,3\n?,y,4\n5,6,oops\n'));

    expect(summary).toEqual([
      { name: 'a', kind: 'numeric', missingCount: 1, textCount: 0, firstText: null },
      { name: 'b', kind: 'text', missingCount: 1, textCount: 2, firstText: { line: 2, text: 'x' } },
      { name: 'c', kind: 'text', missingCount: 1, textCount: 1, firstText: { line: 5, text: 'oops' } },
    ]);
  });
});

describe('encodeLabels', () => {
  it('skips missing cells for a row count', () => {
    const table = parseCsv('y,n\nb,3\nNA,\na,1\n2,3\n');
    const text = encodeLabels(table.columns[0], table.rowCount);
    const numbers = encodeLabels(table.columns[1], table.rowCount);

    expect(text.classes).toEqual(['2', 'a', 'b']);
    expect(Array.from(text.indices)).toEqual([2, -1, 1, 0]);
    expect(numbers.classes).toEqual(['1', '3']);
    expect(Array.from(numbers.indices)).toEqual([1, -1, 0, 1]);
  });

  it('encodes only the given rows', () => {
    const table = parseCsv('y\nb\nc\na\n');
    const encoding = encodeLabels(table.columns[0], Int32Array.of(0, 2));

    expect(encoding.classes).toEqual(['a', 'b']);
    expect(Array.from(encoding.indices)).toEqual([1, -1, 0]);
  });
});
