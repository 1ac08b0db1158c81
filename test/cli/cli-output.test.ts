/** Where `wiregrad train` writes: the --out checks, a closed stdout, and the usage and version output. */

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { launcher, repoRoot, runCli, startCli, type CliResult } from './run-cli';

const workDir = mkdtempSync(join(tmpdir(), 'wiregrad-cli-output-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const irisProject = join(repoRoot, 'examples/iris.wiregrad.json');
const digitsProject = join(repoRoot, 'examples/digits.wiregrad.json');

/** Returns the temporary files left in `folder`. */
function temporaryFiles(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.endsWith('.tmp'));
}

/** Runs the CLI in `cwd` and closes its stdout after the first line, as `| head -1` does. */
async function runWithHeadOne(args: string[], cwd: string): Promise<CliResult> {
  const run = startCli(args, cwd);
  await run.waitForStdout(/\n/);
  run.child.stdout?.destroy();
  return run.done;
}

describe('wiregrad train --out', () => {
  it('rejects a missing folder', async () => {
    const out = join(workDir, 'nowhere', 'x.json');
    const result = await runCli(['train', irisProject, '--out', out], workDir);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `Error: Cannot write the model file '${out}', because '${join(workDir, 'nowhere')}' does not exist. ` +
        'Create the folder, or choose another path with --out.\n',
    );
  });

  it('rejects a folder as the path', async () => {
    const folder = join(workDir, 'models');
    mkdirSync(folder);
    const result = await runCli(['train', irisProject, '--epochs', '1', '--out', 'models'], workDir);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "Error: The output path 'models' is a folder. Give the path of the model file instead, " +
        `such as --out '${join('models', 'iris.model.json')}'.\n`,
    );
    expect(temporaryFiles(workDir)).toEqual([]);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('rejects a path below a file', async () => {
    const file = join(workDir, 'notes.txt');
    writeFileSync(file, 'not a folder');
    const result = await runCli(['train', irisProject, '--out', join(file, 'x.json')], workDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`because '${file}' is not a folder.`);
  });

  it('counts one epoch in the singular', async () => {
    const result = await runCli(['train', irisProject, '--epochs', '1', '--out', 'one.model.json'], workDir);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Training 'Iris species' on 120 rows \(validating on 30\) of .*, 1 epoch\.\n/);
  });
});

const setpriv = '/usr/bin/setpriv';
const canDropRoot = process.getuid?.() === 0 && existsSync(setpriv);
const skipNote = canDropRoot ? '' : ' (skipped: needs root and setpriv)';

describe.skipIf(!canDropRoot)(`wiregrad train --out as another user${skipNote}`, () => {
  it('rejects a folder it cannot write to', () => {
    const folder = mkdtempSync(join(workDir, 'read-only-'));
    chmodSync(workDir, 0o755);
    chmodSync(folder, 0o555);
    const out = join(folder, 'x.json');
    const asNobody = ['--reuid', '65534', '--regid', '65534', '--clear-groups'];
    const command = [...asNobody, process.execPath, launcher, 'train', irisProject, '--out', out];
    const result = spawnSync(setpriv, command, { cwd: folder, encoding: 'utf8', timeout: 30_000 });

    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `Error: Cannot write the model file '${out}', because the folder '${folder}' is not writable ` +
        '(EACCES). Choose another path with --out.\n',
    );
  });
});

describe('wiregrad train with a closed stdout', () => {
  it('exits quietly during a long run', async () => {
    const folder = mkdtempSync(join(workDir, 'long-'));
    const result = await runWithHeadOne(['train', digitsProject, '--epochs', '10000'], folder);

    expect(result.stdout).toMatch(/^Training 'Handwritten digits'/);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(141);
    expect(temporaryFiles(folder)).toEqual([]);
  });

  it('leaves no temporary file', async () => {
    const folder = mkdtempSync(join(workDir, 'short-'));
    const runs = [1, 2, 3, 4].map(() => runWithHeadOne(['train', irisProject, '--epochs', '3'], folder));
    const results = await Promise.all(runs);

    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(141);
    }
    expect(temporaryFiles(folder)).toEqual([]);
  });
});

describe('wiregrad usage and version', () => {
  it('fails without a command', async () => {
    const result = await runCli([], workDir);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: wiregrad <command> [options]');
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const result = await runCli(['--version'], workDir);

    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`wiregrad ${version}\n`);
  });
});
