/** `wiregrad predict` output, training from a model file, and Ctrl-C during training. */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseModelFile } from '../../engine/model';
import { repoRoot, runCli, startCli } from './run-cli';

const workDir = mkdtempSync(join(tmpdir(), 'wiregrad-cli-predict-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const irisCsv = join(repoRoot, 'datasets/iris.csv');
const irisModel = join(workDir, 'iris.model.json');

beforeAll(async () => {
  const result = await runCli(['train', join(repoRoot, 'examples/iris.wiregrad.json'), '--epochs', '30', '--out', irisModel], workDir);
  if (result.code !== 0) throw new Error(`Training the iris model failed:\n${result.stderr}`);
});

describe('wiregrad predict', () => {
  it('prints a class and probability per row', async () => {
    const result = await runCli(['predict', irisModel, irisCsv], workDir);
    const lines = result.stdout.trim().split('\n');
    const species = readFileSync(irisCsv, 'utf8').trim().split(/\r?\n/).slice(1).map((line) => line.split(',')[4]);
    const predicted = lines.slice(1).map((line) => line.split(',')[1]);
    const correct = predicted.filter((label, i) => label === species[i]).length;

    expect(result.code).toBe(0);
    expect(lines[0]).toBe('row,predicted_species,probability');
    expect(lines).toHaveLength(151);
    expect(lines[1]).toMatch(/^1,setosa,0\.\d{4}$/);
    expect(correct / 150).toBeGreaterThan(0.9);
  });

  it('takes feature columns by name', async () => {
    const path = join(workDir, 'reordered.csv');
    writeFileSync(path, 'note,petal_width_cm,petal_length_cm,sepal_width_cm,sepal_length_cm\nfirst,0.2,1.4,3.5,5.1\nsecond,2.3,5.2,3.0,6.7\n');
    const result = await runCli(['predict', irisModel, path], workDir);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^row,predicted_species,probability\n1,setosa,[0-9.]+\n2,virginica,[0-9.]+\n$/);
  });

  it('names a missing feature column', async () => {
    const path = join(workDir, 'missing-column.csv');
    writeFileSync(path, 'sepal_length_cm,sepal_width_cm,petal_length_cm\n5.1,3.5,1.4\n');
    const result = await runCli(['predict', irisModel, path], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `The model needs column 'petal_width_cm', which '${path}' lacks. ` +
        "The file has these columns: 'sepal_length_cm', 'sepal_width_cm', 'petal_length_cm'.",
    );
    expect(result.stderr).not.toContain('not found');
  });

  it('names a cell that is not a number', async () => {
    const path = join(workDir, 'text-cell.csv');
    writeFileSync(path, 'sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm\n5.1,3.5,1.4,0.2\n6.7,wide,5.2,2.3\n');
    const result = await runCli(['predict', irisModel, path], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain("column 'sepal_width_cm' contains 'wide', which is not a number.");
  });

  it('prints values for a regression model', async () => {
    const model = join(workDir, 'diabetes.model.json');
    const trained = await runCli(['train', join(repoRoot, 'examples/diabetes.wiregrad.json'), '--epochs', '20', '--out', model], workDir);
    expect(trained.code).toBe(0);
    const result = await runCli(['predict', model, join(repoRoot, 'datasets/diabetes.csv')], workDir);
    const lines = result.stdout.trim().split('\n');
    const values = lines.slice(1).map((line) => Number(line.split(',')[1]));

    expect(lines[0]).toBe('row,predicted_progression');
    expect(values).toHaveLength(442);
    expect(Math.min(...values)).toBeGreaterThan(0);
    expect(Math.max(...values)).toBeLessThan(400);
  });
});

describe('wiregrad train from a model file', () => {
  it('continues training on the given data', async () => {
    const out = join(workDir, 'iris-more.model.json');
    const result = await runCli(['train', irisModel, '--data', irisCsv, '--epochs', '3', '--out', out], workDir);
    const before = parseModelFile(readFileSync(irisModel, 'utf8'));
    const after = parseModelFile(readFileSync(out, 'utf8'));

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('epoch 3/3');
    expect(after.standardization).toEqual(before.standardization);
    expect(after.training.epochs).toBe(3);
  });
});

describe('wiregrad train and Ctrl-C', () => {
  it('finishes the batch, writes the best model and exits with 130', async () => {
    const out = join(workDir, 'digits-interrupted.model.json');
    const run = startCli(['train', join(repoRoot, 'examples/digits.wiregrad.json'), '--epochs', '10000', '--out', out], workDir);
    await run.waitForStdout(/^epoch +2\//m);
    run.child.kill('SIGINT');
    const result = await run.done;
    const model = parseModelFile(readFileSync(out, 'utf8'));

    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Stopping after the current batch; the best model so far will be written.');
    expect(result.stdout).toMatch(/Interrupted in epoch \d+\. Wrote the best model so far \(best epoch \d+, validation accuracy/);
    expect(result.stdout).toContain(out);
    expect(model.metrics.interrupted).toBe(true);
    expect(model.metrics.epochsRun).toBeLessThan(10000);
    expect(model.metrics.valAccuracy).toBeGreaterThan(0.8);
    expect(existsSync(`${out}.${run.child.pid}.tmp`)).toBe(false);
  });
});
