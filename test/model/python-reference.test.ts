/**
 * Runs the PyTorch snippets of docs/model-file.md with /usr/bin/python3 and compares
 * their outputs with the engine's on the same inputs.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { readCsvFile } from '../../engine/data/csv/read-file';
import { prepareData } from '../../engine/data/prepare';
import { standardize } from '../../engine/data/standardize';
import { compileGraph } from '../../engine/graph';
import { createModelFile, modelFromFile, serializeModelFile, type ModelFile } from '../../engine/model';
import { parseProject } from '../../engine/project';
import { Tensor } from '../../engine/tensor/tensor';
import { predict, readPredictions, train } from '../../engine/train';
import { everyLayerModelFile } from './model-fixtures';

const PYTHON = '/usr/bin/python3';
const TOLERANCE = 1e-5;
const root = fileURLToPath(new URL('../../', import.meta.url));

const torchCheck = spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
const torchMissing = torchCheck.status !== 0;
const skipReason = torchMissing ? ` (skipped: ${PYTHON} cannot import torch: ${torchCheck.stderr || torchCheck.error?.message})` : '';

/** Returns the ```python blocks of the model file doc, in order. */
function pythonSnippets(): string[] {
  const doc = readFileSync(join(root, 'docs/model-file.md'), 'utf8');
  return [...doc.matchAll(/```python\n([\s\S]*?)```/g)].map((match) => match[1]);
}

const workDir = mkdtempSync(join(tmpdir(), 'wiregrad-python-reference-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Runs Python code and returns its stdout, failing the test with stderr when it exits non-zero. */
function runPython(code: string, args: string[], cwd = workDir): string {
  const script = join(workDir, `script-${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(script, code);
  const result = spawnSync(PYTHON, [script, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${PYTHON} failed (${result.status}):\n${result.stderr}`);
  return result.stdout;
}

const HARNESS = `
import sys
model, spec = load_wiregrad_model(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as rows_file:
    rows = json.load(rows_file)
with torch.no_grad():
    outputs = model(standardize(spec, rows))
print(json.dumps(outputs.tolist()))
`;

/** Returns the engine's raw outputs for raw feature rows, after the model file's standardisation. */
function engineOutputs(file: ModelFile, rows: number[][]): number[][] {
  const x = Float32Array.from(rows.flat());
  if (file.standardization !== null) standardize(x, file.standardization);
  const output = predict(modelFromFile(file), new Tensor(x, [rows.length, file.features.length]));
  const width = output.shape[1];
  return rows.map((_, i) => Array.from(output.data.subarray(i * width, (i + 1) * width)));
}

/** Writes the model and rows, runs the loader snippet and returns PyTorch's outputs. */
function torchOutputs(file: ModelFile, rows: number[][], name: string): number[][] {
  const modelPath = join(workDir, `${name}.model.json`);
  const rowsPath = join(workDir, `${name}.rows.json`);
  writeFileSync(modelPath, serializeModelFile(file));
  writeFileSync(rowsPath, JSON.stringify(rows));
  return JSON.parse(runPython(pythonSnippets()[0] + HARNESS, [modelPath, rowsPath]));
}

function expectClose(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  actual.forEach((row, i) => row.forEach((value, j) => (worst = Math.max(worst, Math.abs(value - expected[i][j])))));
  expect(worst).toBeLessThanOrEqual(TOLERANCE);
}

/** Trains the iris example for 20 epochs and returns its model file. */
async function trainedIris(): Promise<ModelFile> {
  const project = parseProject(readFileSync(join(root, 'examples/iris.wiregrad.json'), 'utf8'));
  const training = { ...project.training, epochs: 20 };
  const table = await readCsvFile(join(root, 'datasets/iris.csv'));
  const data = prepareData(table, { ...project.data, validationSplit: training.validationSplit, seed: training.seed });
  const compiled = compileGraph(project.graph, { inputFeatures: 4, loss: training.loss, task: data.task, seed: training.seed });
  if (compiled.model === null || compiled.layers === null) throw new Error('trainedIris: the example graph has errors');
  const result = await train(compiled.model, data, training);
  return createModelFile({
    name: project.name,
    layers: compiled.layers,
    model: result.model,
    data,
    standardized: true,
    training,
    metrics: {
      epochsRun: result.history.length,
      bestEpoch: result.bestEpoch,
      interrupted: false,
      trainLoss: result.best.trainLoss,
      valLoss: result.best.valLoss,
      trainAccuracy: result.best.trainAccuracy ?? null,
      valAccuracy: result.best.valAccuracy ?? null,
      valMse: null,
    },
  });
}

describe.skipIf(torchMissing)(`PyTorch snippet in docs/model-file.md${skipReason}`, () => {
  it('finds the loader and the usage snippet', () => {
    const snippets = pythonSnippets();

    expect(snippets).toHaveLength(2);
    expect(snippets[0]).toContain('def load_wiregrad_model(path):');
    expect(snippets[1]).toContain('load_wiregrad_model("iris.model.json")');
  });

  it('matches the engine on a model with every layer type', () => {
    const file = everyLayerModelFile(11);
    const rows = Array.from({ length: 16 }, (_, i) => Array.from({ length: 5 }, (_, j) => Math.fround(Math.sin(i * 5 + j) * 4)));

    expectClose(torchOutputs(file, rows, 'every-layer'), engineOutputs(file, rows));
  });

  it('matches the engine on a trained iris model and every iris row', async () => {
    const file = await trainedIris();
    const table = await readCsvFile(join(root, 'datasets/iris.csv'));
    const columns = file.features.map((name) => table.columns[table.names.indexOf(name)]);
    const rows = Array.from({ length: table.rowCount }, (_, i) => columns.map((column) => column.values[i]));

    expectClose(torchOutputs(file, rows, 'iris'), engineOutputs(file, rows));
  });

  it('prints the same classes as the engine in the usage snippet', async () => {
    const file = await trainedIris();
    writeFileSync(join(workDir, 'iris.model.json'), serializeModelFile(file));
    const printed = runPython(pythonSnippets().join('\n'), []);

    const rows = [
      [5.1, 3.5, 1.4, 0.2],
      [6.7, 3.0, 5.2, 2.3],
    ];
    const x = Float32Array.from(rows.flat());
    if (file.standardization !== null) standardize(x, file.standardization);
    const predictions = readPredictions(predict(modelFromFile(file), new Tensor(x, [2, 4])), file);
    const labels = predictions.map((prediction) => (prediction.kind === 'class' ? prediction.label : ''));

    expect(printed.trim()).toBe(`[${labels.map((label) => `'${label}'`).join(', ')}]`);
  });
});
