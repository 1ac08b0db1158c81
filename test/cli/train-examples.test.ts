/**
 * Trains each example project with the CLI, as a user would, and checks the figures
 * the examples promise. Each run also writes a model file that must load again.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { parseModelFile } from '../../engine/model';
import { repoRoot, runCli } from './run-cli';

const workDir = mkdtempSync(join(tmpdir(), 'wiregrad-cli-examples-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Returns the number after `label` in the CLI's final line, such as "validation accuracy 96.7%". */
function figure(stdout: string, label: string): number {
  const done = stdout.split('\n').find((line) => line.startsWith('Done: '));
  const match = done?.match(new RegExp(`${label} ([0-9.e+-]+)`));
  if (match === undefined || match === null) throw new Error(`No "${label}" in the final line of:\n${stdout}`);
  return Number(match[1]);
}

async function trainExample(name: string): Promise<{ stdout: string; seconds: number; modelPath: string }> {
  const modelPath = join(workDir, `${name}.model.json`);
  const result = await runCli(['train', join(repoRoot, 'examples', `${name}.wiregrad.json`), '--out', modelPath], workDir);

  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  console.log(`${name}: ${result.stdout.trim().split('\n').pop()} (${result.seconds.toFixed(1)} s)`);
  return { stdout: result.stdout, seconds: result.seconds, modelPath };
}

describe('wiregrad train on the examples', () => {
  it('reaches 93% validation accuracy on iris', async () => {
    const { stdout, seconds, modelPath } = await trainExample('iris');

    expect(figure(stdout, 'validation accuracy')).toBeGreaterThanOrEqual(93);
    expect(stdout).toMatch(/^epoch +1\/100 {2}train loss [0-9.]+ {2}val loss [0-9.]+ {2}train accuracy [0-9.]+% {2}val accuracy/m);
    expect(seconds).toBeLessThan(10);
    expect(parseModelFile(readFileSync(modelPath, 'utf8')).classes).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('reaches 95% validation accuracy on breast cancer', async () => {
    const { stdout, seconds, modelPath } = await trainExample('breast-cancer');
    const model = parseModelFile(readFileSync(modelPath, 'utf8'));

    expect(figure(stdout, 'validation accuracy')).toBeGreaterThanOrEqual(95);
    expect(seconds).toBeLessThan(10);
    expect(model.task).toBe('binary');
    expect(model.metrics.valAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('reaches 95% validation accuracy on digits', async () => {
    const { stdout, seconds } = await trainExample('digits');

    expect(figure(stdout, 'validation accuracy')).toBeGreaterThanOrEqual(95);
    expect(seconds).toBeLessThan(20);
  });

  it('beats predicting the mean on diabetes by far', async () => {
    const { stdout, seconds, modelPath } = await trainExample('diabetes');
    const mse = figure(stdout, 'validation MSE');
    const baseline = figure(stdout, 'predicting the mean gives');

    expect(mse).toBeLessThan(0.7 * baseline);
    expect(seconds).toBeLessThan(10);
    expect(stdout).toMatch(/val MSE [0-9.]+/);
    expect(parseModelFile(readFileSync(modelPath, 'utf8')).metrics.valMse).toBeCloseTo(mse, -1);
  });
});
