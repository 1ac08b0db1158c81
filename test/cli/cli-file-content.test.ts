/**
 * What the CLI prints about the contents of files: escape sequences in names and labels,
 * numbers beyond float32, missing and decimal-comma cells, and a file of the wrong kind.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { repoRoot, runCli } from './run-cli';

const workDir = mkdtempSync(join(tmpdir(), 'wiregrad-cli-content-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const irisProject = join(repoRoot, 'examples/iris.wiregrad.json');
const irisCsv = join(repoRoot, 'datasets/iris.csv');
const irisModel = join(workDir, 'iris.model.json');
const irisHeader = 'sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm';

/** Control characters a terminal obeys: C0 except tab and newline, DEL, and C1. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

beforeAll(async () => {
  const result = await runCli(['train', irisProject, '--epochs', '20', '--out', irisModel], workDir);
  if (result.code !== 0) throw new Error(`Training the iris model failed:\n${result.stderr}`);
});

/** Writes `text` to a file in the work folder and returns its path. */
function writeWorkFile(name: string, text: string): string {
  const path = join(workDir, name);
  writeFileSync(path, text);
  return path;
}

/** The fields of a model file that these tests edit. */
interface ModelJson {
  target: string;
  features: string[];
  classes: string[] | null;
  standardization: { mean: number[]; std: number[] } | null;
  stateDict: Record<string, { shape: number[]; values: number[] }>;
}

/** Writes the iris model with `edit` applied to its parsed JSON and returns the path. */
function writeModel(name: string, edit: (model: ModelJson) => void): string {
  const model: ModelJson = JSON.parse(readFileSync(irisModel, 'utf8'));
  edit(model);
  return writeWorkFile(name, JSON.stringify(model));
}

describe('escape sequences in files', () => {
  it('escapes a project name', async () => {
    const project = JSON.parse(readFileSync(irisProject, 'utf8'));
    project.name = 'Iris\u001b]0;pwned\u0007\u001b[2J';
    const path = writeWorkFile('escape.wiregrad.json', JSON.stringify(project));
    const result = await runCli(['train', path, '--epochs', '1', '--out', 'escape.model.json'], workDir);

    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    expect(result.stdout).toContain("Training 'Iris\\u001b]0;pwned\\u0007\\u001b[2J' on 120 rows");
  });

  it('escapes the target and class labels', async () => {
    const path = writeModel('labels.model.json', (model) => {
      model.target = 'species\u001b[31m';
      model.classes = ['setosa\u001b[2J', 'versicolor\u009b1m', 'virginica\u007f'];
    });
    const result = await runCli(['predict', path, irisCsv], workDir);
    const lines = result.stdout.trim().split('\n');

    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    expect(lines[0]).toBe('row,predicted_species\\u001b[31m,probability');
    expect(lines[1]).toMatch(/^1,setosa\\u001b\[2J,0\.\d{4}$/);
    expect(result.stdout).toContain(',versicolor\\u009b1m,');
  });

  it('escapes a feature name in errors', async () => {
    const path = writeModel('feature.model.json', (model) => {
      model.features = ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal\u001b[2J'];
    });
    const result = await runCli(['predict', path, irisCsv], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(RAW_CONTROL);
    expect(result.stderr).toContain("The model needs column 'petal\\u001b[2J'");
  });
});

describe('numbers beyond float32', () => {
  it('rejects a CSV number too large for float32', async () => {
    const path = writeWorkFile('huge.csv', `${irisHeader}\n5.1,3.5,1.4,0.2\n1e308,3,1,1\n`);
    const result = await runCli(['predict', irisModel, path], workDir);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `Error: Invalid data in '${path}': Line 3 of the file, column 'sepal_length_cm': 1e308 is too large ` +
        'for a 32-bit float, whose largest value is about 3.4e38. Rescale the column, for example by ' +
        'changing its unit.\n',
    );
  });

  it('rejects a model weight too large for float32', async () => {
    const path = writeModel('infinite.model.json', (model) => {
      model.stateDict['0.weight'].values[0] = 1e308;
    });
    const result = await runCli(['predict', path, irisCsv], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The model file '${path}' is invalid:`);
    expect(result.stderr).toContain(
      'stateDict.0.weight.values[0] must be a finite number within the range of a 32-bit float ' +
        '(about ±3.4e38), got 1e+308.',
    );
  });

  it('names the row instead of printing NaN', async () => {
    const path = writeModel('overflowing.model.json', (model) => {
      model.stateDict['0.weight'].values.fill(3e38);
    });
    const result = await runCli(['predict', path, irisCsv], workDir);

    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('NaN');
    expect(result.stderr).toMatch(
      /^Error: In '.*iris\.csv', line \d+ of the file \(data row \d+\), the model's output is not a finite number, so the row has no prediction\./,
    );
  });

  it('rejects overflow after standardisation', async () => {
    const path = writeModel('tiny-std.model.json', (model) => {
      model.standardization = { mean: [0, 0, 0, 0], std: [1e-40, 1, 1, 1] };
    });
    const result = await runCli(['predict', path, irisCsv], workDir);

    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('NaN');
    expect(result.stderr).toContain(
      "line 2 of the file (data row 1), column 'sepal_length_cm' is too large for a 32-bit float after standardisation",
    );
  });
});

describe('cells that are not numbers', () => {
  it('calls a NaN cell a missing value', async () => {
    const path = writeWorkFile('nan.csv', `${irisHeader}\n5.1,3.5,1.4,0.2\n6.7,NaN,5.2,2.3\n`);
    const result = await runCli(['predict', irisModel, path], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `Error: In '${path}', line 3 of the file (data row 2), column 'sepal_width_cm' is 'NaN' (not a number), ` +
        'which counts as a missing value (1 row in all). Fill in the cells or remove those rows.\n',
    );
  });

  it('calls an empty cell empty', async () => {
    const path = writeWorkFile('empty.csv', `${irisHeader}\n5.1,,1.4,0.2\n6.7,,5.2,2.3\n`);
    const result = await runCli(['predict', irisModel, path], workDir);

    expect(result.stderr).toContain("column 'sepal_width_cm' is empty (2 rows in all).");
  });

  it('hints at a decimal comma', async () => {
    const path = writeWorkFile('comma.csv', `${irisHeader.replaceAll(',', ';')}\n5,1;3,5;1,4;0,2\n`);
    const result = await runCli(['predict', irisModel, path], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "column 'sepal_length_cm' contains '5,1', which is not a number. '5,1' looks like a number with a " +
        'decimal comma. Write decimals with a point, as in 5.1.',
    );
  });
});

describe('a file of the wrong kind', () => {
  it('rejects a project file in predict', async () => {
    const result = await runCli(['predict', irisProject, irisCsv], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `Error: '${irisProject}' is a Wiregrad project file, not a model file. Train it first with ` +
        `'wiregrad train ${irisProject}', then use the model file it writes.\n`,
    );
  });

  it('counts one argument in the singular', async () => {
    const result = await runCli(['predict', irisModel], workDir);

    expect(result.stderr).toBe(
      "Error: 'wiregrad predict' takes a model file and a CSV file, got 1 argument. Run 'wiregrad predict --help'.\n",
    );
  });

  it('reports an unknown node type once', async () => {
    const project = JSON.parse(readFileSync(irisProject, 'utf8'));
    project.graph.nodes[2].type = 'GELU';
    const path = writeWorkFile('gelu.wiregrad.json', JSON.stringify(project));
    const result = await runCli(['train', path], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `Error: The project file '${path}' is invalid:\n` +
        '  graph.nodes[2].type must be one of "Input", "Linear", "ReLU", "LeakyReLU", "Sigmoid", "Tanh", ' +
        '"Softmax", "Dropout", "Output", got "GELU".\n',
    );
  });
});
