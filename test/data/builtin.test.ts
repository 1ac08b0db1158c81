import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_DATASETS, findBuiltinDataset } from '../../engine/data/builtin';
import { readCsvFile } from '../../engine/data/csv/read-file';
import { prepareData } from '../../engine/data/prepare';
import { columnSummary, inferTask } from '../../engine/data/summary';

const DATASETS_DIR = fileURLToPath(new URL('../../datasets/', import.meta.url));

async function load(name: string) {
  const dataset = findBuiltinDataset(name);
  if (dataset === undefined) throw new Error(`no bundled data set '${name}'`);
  const table = await readCsvFile(DATASETS_DIR + dataset.file);
  const features = table.names.filter((column) => column !== dataset.target);
  const settings = {
    features,
    target: dataset.target,
    task: dataset.task,
    standardize: true,
    validationSplit: 0.2,
    seed: 0,
  };
  return { dataset, table, data: prepareData(table, settings) };
}

describe('bundled data sets', () => {
  const names = BUILTIN_DATASETS.map((dataset) => dataset.name);

  it.each(names)('%s matches its description', async (name) => {
    const { dataset, table, data } = await load(name);

    expect(table.rowCount).toBe(dataset.rowCount);
    expect(table.names.length).toBe(dataset.featureCount + 1);
    expect(table.names.at(-1)).toBe(dataset.target);
    expect(inferTask(table, dataset.target)).toBe(dataset.task);
    expect(data.nTrain + data.nVal).toBe(dataset.rowCount);
    expect(data.nVal).toBe(Math.round(dataset.rowCount * 0.2));
    expect(data.trainX.length).toBe(data.nTrain * dataset.featureCount);
    expect(data.valX.length).toBe(data.nVal * dataset.featureCount);
    expect(data.classes?.length ?? null).toBe(dataset.classCount);
    for (const summary of columnSummary(table)) expect(summary.missingCount).toBe(0);
  });

  it('loads iris with three classes', async () => {
    const { data } = await load('iris');

    expect(data.features).toEqual([
      'sepal_length_cm',
      'sepal_width_cm',
      'petal_length_cm',
      'petal_width_cm',
    ]);
    expect(data.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(data.trainY).toBeInstanceOf(Int32Array);
    expect(data.nTrain).toBe(120);
    expect(data.nVal).toBe(30);
  });

  it('loads breast cancer as binary', async () => {
    const { data } = await load('breast_cancer');

    expect(data.classes).toEqual(['benign', 'malignant']);
    expect(data.trainY).toBeInstanceOf(Float32Array);
    const labels = [...data.trainY, ...data.valY];
    expect(labels.filter((y) => y === 1).length).toBe(212);
    expect(labels.filter((y) => y === 0).length).toBe(357);
  });

  it('loads digits with ten classes', async () => {
    const { table, data } = await load('digits');

    expect(table.names.length).toBe(65);
    expect(data.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(Math.max(...data.trainY)).toBe(9);
  });

  it('loads diabetes as regression', async () => {
    const { data } = await load('diabetes');

    expect(data.classes).toBeNull();
    expect(data.trainY).toBeInstanceOf(Float32Array);
    expect(data.featureMean.length).toBe(10);
    expect(data.featureStd.every((std) => std > 0)).toBe(true);
    // The first data row of diabetes.csv has progression 151.
    const index = Array.from(data.trainRows).indexOf(0);
    const value = index >= 0 ? data.trainY[index] : data.valY[Array.from(data.valRows).indexOf(0)];
    expect(value).toBe(151);
  });

  it('loads wine with thirteen features', async () => {
    const { data } = await load('wine');

    expect(data.features.length).toBe(13);
    expect(data.classes).toEqual(['class_0', 'class_1', 'class_2']);
  });

  it('standardises iris training features', async () => {
    const { data } = await load('iris');
    const featureCount = data.features.length;

    for (let j = 0; j < featureCount; j++) {
      let sum = 0;
      let sumOfSquares = 0;
      for (let i = 0; i < data.nTrain; i++) {
        const value = data.trainX[i * featureCount + j];
        sum += value;
        sumOfSquares += value * value;
      }
      expect(sum / data.nTrain).toBeCloseTo(0, 5);
      expect(sumOfSquares / data.nTrain).toBeCloseTo(1, 5);
    }
  });
});
