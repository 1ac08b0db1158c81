/**
 * The CSV workflow in the browser shell: upload a CSV the test writes (with missing
 * values), build and train a classifier on it, export the model, predict on new rows,
 * and find the project again after a reload through autosave.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp } from './helpers/browser';
import { buildMlp, edgeLabels } from './helpers/editor';
import { pressTrain, trainAndReadAccuracy } from './helpers/training';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

const COLOURS = ['red', 'green', 'blue'];
const CENTRES = [
  [0, 0, 0, 0],
  [3, 3, 0, 0],
  [0, 3, 3, 3],
];

/**
 * Writes `rows` samples of three well-separated clusters in four features, with a
 * seeded generator; `missing` lists [row, column] cells written as empty or 'NA'.
 */
function writeBlobs(path: string, rows: number, seed: number, missing: [number, number][] = []): void {
  let state = seed;
  const uniform = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());

  const lines = ['length,width,height,weight,colour'];
  for (let r = 0; r < rows; r++) {
    const label = r % 3;
    const cells = CENTRES[label].map((centre) => (centre + 0.6 * normal()).toFixed(3));
    for (const [row, column] of missing) if (row === r) cells[column] = column % 2 === 0 ? '' : 'NA';
    lines.push([...cells, COLOURS[label]].join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

describe('uploaded CSV in the browser shell', () => {
  let shell: WebShell;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let dir: string;

  beforeAll(async () => {
    [shell, browser] = await Promise.all([startWebShell(), launchBrowser()]);
    ({ page, errors } = await openApp(browser, shell.url));
    dir = await mkdtemp(join(tmpdir(), 'wiregrad-e2e-csv-'));
    writeBlobs(join(dir, 'blobs.csv'), 180, 7, [
      [5, 1],
      [17, 3],
    ]);
    writeBlobs(join(dir, 'new-blobs.csv'), 60, 99);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  test('upload shows preview, target, task and missing values', async () => {
    await expect.poll(() => page.getByRole('combobox', { name: 'Data set' }).inputValue()).toBe('iris');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Upload CSV…' }).click(),
    ]);
    await chooser.setFiles(join(dir, 'blobs.csv'));

    await expect.poll(() => page.getByRole('combobox', { name: 'Target column' }).inputValue()).toBe('colour');
    expect(await page.getByRole('combobox', { name: 'Task' }).inputValue()).toBe('multiclass');
    expect(await page.getByRole('table', { name: 'Data preview' }).innerText()).toContain('180 rows of blobs.csv');
    const missing = page.getByText('Missing values in the chosen columns:').locator('..');
    expect(await missing.innerText()).toContain('width: 1 missing');
    expect(await missing.innerText()).toContain('weight: 1 missing');

    await page.getByRole('checkbox', { name: 'Drop rows with missing values' }).check();
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/csv-data.png') });
  });

  test('classifier on the CSV trains to 90% and predicts new rows', async () => {
    await buildMlp(page, 3);
    await expect.poll(() => edgeLabels(page)).toEqual(['[N, 4]', '[N, 16]', '[N, 16]', '[N, 3]']);
    await expect.poll(() => page.getByLabel('Total parameters').innerText()).toBe('131');

    const accuracy = await trainAndReadAccuracy(page);
    expect(accuracy).toBeGreaterThanOrEqual(90);
    expect(await page.getByText('training rows').innerText()).toMatch(/^142 training rows, 36 validation rows/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export model' }).click(),
    ]);
    const modelPath = join(dir, download.suggestedFilename());
    await download.saveAs(modelPath);
    expect(JSON.parse(readFileSync(modelPath, 'utf8')).classes).toEqual(['blue', 'green', 'red']);

    await page.getByRole('tab', { name: 'Model' }).click();
    const [modelChooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Import model…' }).click(),
    ]);
    await modelChooser.setFiles(modelPath);
    await expect.poll(() => page.getByLabel('Model parameters').innerText()).toBe('131');

    const [csvChooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Predict on a CSV…' }).click(),
    ]);
    await csvChooser.setFiles(join(dir, 'new-blobs.csv'));
    const status = page.getByText(/60 predictions for new-blobs\.csv\. Accuracy/);
    await status.waitFor();
    expect(Number.parseFloat(/Accuracy ([\d.]+)%/.exec(await status.innerText())?.[1] ?? 'NaN')).toBeGreaterThanOrEqual(90);
  });

  test('reload restores the project and its CSV from autosave', async () => {
    await page.waitForTimeout(800);
    await page.reload();

    await expect.poll(() => page.getByLabel('Total parameters').innerText()).toBe('131');
    await page.getByRole('tab', { name: 'Data' }).click();
    expect(await page.getByRole('combobox', { name: 'Target column' }).inputValue()).toBe('colour');
    expect(await page.getByRole('checkbox', { name: 'Drop rows with missing values' }).isChecked()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Train', exact: true }).isEnabled()).toBe(true);

    // The trained model lived in the backend session of the previous page, so the app says it is gone.
    expect(await page.getByRole('button', { name: 'Export model' }).isEnabled()).toBe(false);
    await page.getByRole('tab', { name: 'Training' }).click();
    expect(await page.getByLabel('Earlier model').innerText()).toContain('previous session was not kept');
    await page.getByRole('tab', { name: 'Model' }).click();
    expect(await page.getByText('The model you trained in the previous session was not kept.').count()).toBe(1);
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/reload-model-note.png') });
    expect(errors).toEqual([]);
  });

  test('a typo in a numeric column is named with its line', async () => {
    const text = readFileSync(join(dir, 'new-blobs.csv'), 'utf8').split('\n');
    text[4] = text[4].replace(/^[^,]*/, 'four point six');
    await page.getByRole('tab', { name: 'Data' }).click();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Upload CSV…' }).click(),
    ]);
    await chooser.setFiles({ name: 'typo.csv', mimeType: 'text/csv', buffer: Buffer.from(text.join('\n')) });

    const alert = page.getByRole('alert').filter({ hasText: "Column 'length' is numbers except 'four point six' on line 5" });
    await expect.poll(() => alert.count()).toBe(1);

    // The Input node follows the three numeric columns left, so the network still trains.
    await expect.poll(() => edgeLabels(page)).toEqual(['[N, 3]', '[N, 16]', '[N, 16]', '[N, 3]']);
    await pressTrain(page);
  });
});
