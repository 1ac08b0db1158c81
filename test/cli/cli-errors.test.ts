/** The CLI's help, and its messages and exit codes for bad input. */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { launcher, repoRoot, runCli } from './run-cli';

const workDir = mkdtempSync(join(tmpdir(), 'wiregrad-cli-errors-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const irisProject = join(repoRoot, 'examples/iris.wiregrad.json');

/** Writes the iris example with `edit` applied to its parsed JSON and returns the path. */
function writeProject(name: string, edit: (project: { training: Record<string, unknown>; graph: { edges: unknown[] } }) => void): string {
  const project = JSON.parse(readFileSync(irisProject, 'utf8'));
  edit(project);
  const path = join(workDir, name);
  writeFileSync(path, JSON.stringify(project, null, 2));
  return path;
}

describe('wiregrad help', () => {
  it('prints usage with --help', async () => {
    const result = await runCli(['--help'], workDir);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: wiregrad <command> [options]');
    expect(result.stdout).toContain('130 interrupted');
  });

  it('prints the train options with train --help', async () => {
    const result = await runCli(['train', '--help'], workDir);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--epochs N');
    expect(result.stdout).toContain('--data FILE.csv');
  });
});

describe('wiregrad errors', () => {
  it('rejects an unknown command', async () => {
    const result = await runCli(['fit', irisProject], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe("Error: Unknown command 'fit'. Use 'train', 'predict' or 'export'; run 'wiregrad --help' for usage.\n");
  });

  it('rejects an unknown flag and suggests the close one', async () => {
    const result = await runCli(['train', irisProject, '--epoch', '5'], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Unknown option '--epoch' for 'wiregrad train'. Did you mean --epochs?");
  });

  it('rejects an unknown backend', async () => {
    const result = await runCli(['train', irisProject, '--backend', 'fast'], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe("Error: --backend must be auto, cpu or gpu, got 'fast'.\n");
  });

  it('names the backend it trains on', async () => {
    const out = join(workDir, 'iris-cpu.model.json');
    const result = await runCli(['train', irisProject, '--epochs', '1', '--backend', 'cpu', '--out', out], workDir);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Running on the CPU \(WebAssembly SIMD kernels, \d+ threads?\): CPU requested\./);
  });

  it('rejects a flag without its value', async () => {
    const result = await runCli(['train', irisProject, '--out'], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Option --out needs a value: --out FILE.json.');
  });

  it('rejects an epoch count that is not a whole number', async () => {
    const result = await runCli(['train', irisProject, '--epochs', '2.5'], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Option --epochs must be a whole number from 1 to 100000, got '2.5'.");
  });

  it('reports a missing project file', async () => {
    const result = await runCli(['train', 'nowhere.wiregrad.json'], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe("Error: The file 'nowhere.wiregrad.json' does not exist. Check the path.\n");
  });

  it('reports a missing CSV file', async () => {
    const result = await runCli(['train', irisProject, '--data', 'missing.csv'], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain("The CSV file 'missing.csv' does not exist.");
  });

  it('names the JSON path of an invalid setting', async () => {
    const path = writeProject('bad-lr.wiregrad.json', (project) => {
      project.training.lr = -1;
    });
    const result = await runCli(['train', path], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The project file '${path}' is invalid:`);
    expect(result.stderr).toContain('training.lr must be a positive number no larger than 100, got -1.');
  });

  it('lists the problems of a broken graph', async () => {
    const path = writeProject('no-edges.wiregrad.json', (project) => {
      project.graph.edges = [];
    });
    const result = await runCli(['train', path], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The graph in '${path}' has 5 problems:`);
    expect(result.stderr).toContain("node 'input': The Input node is not connected to anything after it.");
  });

  it('reports a file that is not JSON', async () => {
    const path = join(workDir, 'broken.json');
    writeFileSync(path, '{"format": "wiregrad-project", ');
    const result = await runCli(['train', path], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The file '${path}' is not valid JSON:`);
  });

  it('reports JSON that is neither a project nor a model', async () => {
    const path = join(workDir, 'other.json');
    writeFileSync(path, '{"name": "x"}');
    const result = await runCli(['train', path], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is neither a Wiregrad project ("format": "wiregrad-project") nor a model file');
  });

  it('rejects a 500 MB file without reading it', async () => {
    const path = join(workDir, 'huge.model.json');
    writeFileSync(path, '');
    truncateSync(path, 500 * 1024 * 1024);
    const result = await runCli(['predict', path, join(repoRoot, 'datasets/iris.csv')], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is 524288000 bytes, but the limit is 67108864 bytes (64 MiB).');
    expect(result.seconds).toBeLessThan(5);
  });

  it('rejects a model file with weights of the wrong shape', async () => {
    const trained = join(workDir, 'iris-for-shape.model.json');
    const trainResult = await runCli(['train', irisProject, '--epochs', '1', '--out', trained], workDir);
    expect(trainResult.code).toBe(0);

    const model = JSON.parse(readFileSync(trained, 'utf8'));
    model.stateDict['2.weight'].shape = [16, 3];
    const path = join(workDir, 'bad-shape.model.json');
    writeFileSync(path, JSON.stringify(model));
    const result = await runCli(['predict', path, join(repoRoot, 'datasets/iris.csv')], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The model file '${path}' is invalid:`);
    expect(result.stderr).toContain('stateDict.2.weight.shape must be [3,16] to match the layers, got [16,3].');
  });

  it('asks for --data when training a model file', async () => {
    const trained = join(workDir, 'iris-for-data.model.json');
    await runCli(['train', irisProject, '--epochs', '1', '--out', trained], workDir);
    const result = await runCli(['train', trained], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('needs --data FILE.csv with the columns sepal_length_cm');
  });
});

const scriptCommand = '/usr/bin/script';
const hasScript = existsSync(scriptCommand);

describe.skipIf(!hasScript)(`wiregrad progress bar${hasScript ? '' : ` (skipped: ${scriptCommand} is missing)`}`, () => {
  it('draws a progress bar on a terminal only', async () => {
    const command = `"${process.execPath}" "${launcher}" train "${irisProject}" --epochs 2 --out "${join(workDir, 'tty.model.json')}"`;
    const terminal = spawnSync(scriptCommand, ['-qc', command, '/dev/null'], { cwd: workDir, encoding: 'utf8', timeout: 30_000 });
    const piped = await runCli(['train', irisProject, '--epochs', '2', '--out', join(workDir, 'piped.model.json')], workDir);

    expect(terminal.status).toBe(0);
    expect(terminal.stdout).toMatch(/\r\x1b\[K\[#+-*\] epoch 1\/2 batch \d+\/8 loss [0-9.]+/);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).not.toContain('\x1b[K');
  });
});
