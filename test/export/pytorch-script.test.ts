import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Tensor } from '../../engine';
import { readCsvFile } from '../../engine/data/csv/read-file';
import { getColumn } from '../../engine/data/csv/table';
import { pytorchScript } from '../../engine/export/pytorch-script';
import { modelFromFile, parseModelFile, type ModelFile } from '../../engine/model';
import { predict } from '../../engine/train';

const python = '/usr/bin/python3';
const torchAvailable = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
const workDir = mkdtempSync(join(tmpdir(), 'wiregrad-export-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Trains an example for a few epochs with the CLI and returns its model file. */
function trainExample(example: string, epochs: number): { path: string; model: ModelFile } {
  const path = join(workDir, `${example}.model.json`);
  execFileSync(process.execPath, ['bin/wiregrad.js', 'train', `examples/${example}.wiregrad.json`, '--epochs', String(epochs), '--out', path]);
  return { path, model: parseModelFile(readFileSync(path, 'utf8')) };
}

/** Computes the engine's outputs for every row of a CSV, standardised as the model file specifies. */
async function engineOutputs(model: ModelFile, csvPath: string): Promise<Tensor> {
  const table = await readCsvFile(csvPath);
  const columns = model.features.map((name) => getColumn(table, name, 'Feature').values);
  const x = new Float32Array(table.rowCount * columns.length);
  for (let row = 0; row < table.rowCount; row++) {
    columns.forEach((values, j) => {
      const { mean, std } = model.standardization ?? { mean: [], std: [] };
      x[row * columns.length + j] = model.standardization === null ? values[row] : (values[row] - mean[j]) / std[j];
    });
  }
  return predict(modelFromFile(model), new Tensor(x, [table.rowCount, columns.length]));
}

function runScript(model: ModelFile, modelPath: string, csvPath: string): string[][] {
  const scriptPath = join(workDir, 'model.py');
  writeFileSync(scriptPath, pytorchScript(model, 'model.json'));
  const output = execFileSync(python, [scriptPath, modelPath, csvPath], { encoding: 'utf8' });
  return output.trim().split('\n').map((line) => line.split(','));
}

describe.skipIf(!torchAvailable)('PyTorch script export (needs /usr/bin/python3 with torch)', () => {
  it('multiclass script predicts what the engine predicts', async () => {
    const { path, model } = trainExample('iris', 5);
    const rows = runScript(model, path, 'datasets/iris.csv');
    const probabilities = (await engineOutputs(model, 'datasets/iris.csv')).softmax(1);

    expect(rows).toHaveLength(150);
    rows.forEach((row, i) => {
      const expected = Array.from(probabilities.data.subarray(i * 3, i * 3 + 3));
      const best = expected.indexOf(Math.max(...expected));
      expect(row[0]).toBe(model.classes?.[best]);
      row.slice(1).map(Number).forEach((p, c) => expect(Math.abs(p - expected[c])).toBeLessThan(1e-5));
    });
  });

  it('binary script predicts what the engine predicts', async () => {
    const { path, model } = trainExample('breast-cancer', 3);
    const rows = runScript(model, path, 'datasets/breast_cancer.csv');
    const outputs = await engineOutputs(model, 'datasets/breast_cancer.csv');
    const sigmoid = model.layers.at(-1)?.type === 'Sigmoid' ? outputs : outputs.sigmoid();

    expect(rows).toHaveLength(569);
    rows.forEach((row, i) => expect(Math.abs(Number(row[1]) - sigmoid.data[i])).toBeLessThan(1e-5));
  });

  it('regression script predicts what the engine predicts', async () => {
    const { path, model } = trainExample('diabetes', 3);
    const rows = runScript(model, path, 'datasets/diabetes.csv');
    const outputs = await engineOutputs(model, 'datasets/diabetes.csv');

    rows.forEach((row, i) => expect(Math.abs(Number(row[0]) - outputs.data[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(outputs.data[i]))));
  });

  it('training loop runs with the exported loss and optimizer', () => {
    const { path, model } = trainExample('iris', 2);
    const scriptPath = join(workDir, 'train.py');
    writeFileSync(scriptPath, pytorchScript(model, 'model.json'));
    const program = [
      'import csv, runpy, sys',
      'ns = runpy.run_path(sys.argv[1])',
      'ns["load_weights"](sys.argv[2])',
      'rows = list(csv.DictReader(open("datasets/iris.csv")))',
      'classes = sorted({row["species"] for row in rows})',
      'ns["train"](ns["read_features"]("datasets/iris.csv"), [classes.index(row["species"]) for row in rows], epochs=2)',
    ].join('\n');
    const output = execFileSync(python, ['-c', program, scriptPath, path], { encoding: 'utf8' });

    expect(output).toMatch(/^epoch 1\/2  train loss \d+\.\d{4}\nepoch 2\/2  train loss \d+\.\d{4}\n$/);
    expect(readFileSync(scriptPath, 'utf8')).toContain(`torch.optim.${model.training.optimizer}(model.parameters(), lr=`);
  });
});

describe.skipIf(!torchAvailable)('wiregrad export', () => {
  it('writes a script that runs', () => {
    const { path } = trainExample('iris', 1);
    const scriptPath = join(workDir, 'iris-export.py');
    const stdout = execFileSync(process.execPath, ['bin/wiregrad.js', 'export', path, '--out', scriptPath], { encoding: 'utf8' });
    expect(stdout).toBe(`Wrote ${scriptPath}. Run it with: python3 ${scriptPath} ${path} data.csv\n`);

    const output = execFileSync(python, [scriptPath, path, 'datasets/iris.csv'], { encoding: 'utf8' });
    expect(output.trim().split('\n')).toHaveLength(150);
  });

  it('rejects a folder as the script path', () => {
    const { path } = trainExample('iris', 1);
    const result = spawnSync(process.execPath, ['bin/wiregrad.js', 'export', path, '--out', workDir], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/is a folder\. Give the path of the script instead/);
  });
});
