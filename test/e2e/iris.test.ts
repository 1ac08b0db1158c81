/**
 * The iris workflow in the browser shell: build 4 → 16 → 3 by mouse, check shapes and
 * parameter counts, train with live charts, export the model and load it back. Then a
 * failed prediction and a failed import, and what the Model tab shows after them.
 */

import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp } from './helpers/browser';
import { buildMlp, edgeLabels } from './helpers/editor';
import { recordLossChartSummaries, trainAndReadAccuracy } from './helpers/training';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

const SCREENSHOTS = join(ROOT, 'docs/screenshots');

/** Fails unless the control receives a click at its centre, which shows that nothing covers it. */
async function expectUncovered(page: Page, control: Locator): Promise<void> {
  await control.click({ trial: true, timeout: 2000 });
  const box = await control.boundingBox();
  if (box === null) throw new Error(`${control.toString()} is not visible.`);
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  const topmost: unknown = await page.evaluate(
    `document.elementFromPoint(${x}, ${y})?.closest('button')?.textContent?.trim() ?? null`,
  );
  expect(topmost).toBe((await control.innerText()).trim());
}

describe('iris in the browser shell', () => {
  let shell: WebShell;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let downloadDir: string;

  beforeAll(async () => {
    [shell, browser] = await Promise.all([startWebShell(), launchBrowser()]);
    ({ page, errors } = await openApp(browser, shell.url));
    downloadDir = await mkdtemp(join(tmpdir(), 'wiregrad-e2e-'));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    if (downloadDir !== undefined) await rm(downloadDir, { recursive: true, force: true });
  });

  test('network built by mouse shows shapes and 131 parameters', async () => {
    await expect.poll(() => page.getByRole('combobox', { name: 'Data set' }).inputValue()).toBe('iris');
    await buildMlp(page, 3);

    await expect.poll(() => edgeLabels(page)).toEqual(['[N, 4]', '[N, 16]', '[N, 16]', '[N, 3]']);
    await expect.poll(() => page.getByLabel('Total parameters').innerText()).toBe('131');
    const perLayer = page.getByRole('table', { name: 'Parameters per layer' });
    expect(await perLayer.getByRole('row', { name: /Linear 1/ }).innerText()).toMatch(/\[N, 16\]\s+80/);
    expect(await perLayer.getByRole('row', { name: /Linear 2/ }).innerText()).toMatch(/\[N, 3\]\s+51/);
    await expect.poll(() => page.getByRole('button', { name: 'Train', exact: true }).isEnabled()).toBe(true);

    await page.getByRole('button', { name: 'Fit view' }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SCREENSHOTS, 'editor.png') });
  });

  test('training updates the charts live and reaches 90% accuracy', async () => {
    // Enough epochs that the run lasts seconds, so the charts have time to redraw while it runs.
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('spinbutton', { name: 'Epochs' }).fill('600');
    expect(await page.getByRole('combobox', { name: 'Compute' }).inputValue()).toBe('auto');
    const summaries = await recordLossChartSummaries(page);
    const accuracy = await trainAndReadAccuracy(page);

    expect(accuracy).toBeGreaterThanOrEqual(90);
    expect(await page.getByLabel('Compute backend').innerText()).toMatch(/^Training on the CPU \(WebAssembly SIMD, \d+ threads\)$/);
    expect(await page.getByLabel('Why this backend').innerText()).toBe('The network is small, so the CPU is faster than a GPU.');
    expect((await summaries()).length).toBeGreaterThan(3);
    expect(await page.getByRole('table', { name: 'Confusion matrix' }).getByRole('rowheader').allInnerTexts()).toEqual([
      'setosa',
      'versicolor',
      'virginica',
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, 'training.png') });
  });

  test('exported model loads back and predicts', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export model' }).click(),
    ]);
    const modelPath = join(downloadDir, download.suggestedFilename());
    await download.saveAs(modelPath);
    const modelFile = JSON.parse(readFileSync(modelPath, 'utf8')) as { format: string; features: string[]; classes: string[] };
    expect(modelFile.format).toBe('wiregrad-model');
    expect(modelFile.features).toHaveLength(4);
    expect(modelFile.classes).toEqual(['setosa', 'versicolor', 'virginica']);

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
    await csvChooser.setFiles(join(ROOT, 'datasets/iris.csv'));
    const status = page.getByText(/150 predictions for iris\.csv\. Accuracy/);
    await status.waitFor();
    const accuracy = Number.parseFloat(/Accuracy ([\d.]+)%/.exec(await status.innerText())?.[1] ?? 'NaN');
    expect(accuracy).toBeGreaterThanOrEqual(90);

    const table = page.getByRole('table', { name: 'Predictions' });
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Row', 'Prediction', 'Probability', 'True']);
    const firstRow = await table.getByRole('row').nth(1).getByRole('cell').allInnerTexts();
    expect(firstRow[1]).toBe('setosa');
    expect(Number.parseFloat(firstRow[2])).toBeGreaterThan(50);
    expect(firstRow[2]).toMatch(/^\d+\.\d%$/);
    expect(errors).toEqual([]);
  });

  test('failed predictions and imports clear stale results and name the file', async () => {
    const predict = page.getByRole('button', { name: 'Predict on a CSV…' });
    for (const name of ['other-1.csv', 'other-2.csv', 'other-3.csv', 'other-4.csv']) {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), predict.click()]);
      await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
      await expect.poll(() => page.getByRole('alert').getByText(`${name}: Feature`).count()).toBe(1);
    }
    expect(await page.getByRole('table', { name: 'Predictions' }).count()).toBe(0);
    expect(await page.getByRole('alert').locator('p').count()).toBeLessThanOrEqual(3);
    await expectUncovered(page, predict);

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import model…' }).click()]);
    await chooser.setFiles({ name: 'broken.model.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"x"}') });
    await expect.poll(() => page.getByRole('alert').getByText('broken.model.json is not a valid model file:').count()).toBe(1);
    expect(await page.getByLabel('Model parameters').count()).toBe(0);
    await expectUncovered(page, page.getByRole('button', { name: 'Import model…' }));
    await page.screenshot({ path: join(SCREENSHOTS, 'model-errors.png') });

    // Errors fade after about 10 s, information sooner.
    await expect.poll(() => page.locator('.notice').count(), { timeout: 15_000 }).toBe(0);
  });

  test('the model just trained opens in the Model tab', async () => {
    await page.getByRole('tab', { name: 'Model' }).click();
    await page.getByRole('button', { name: 'Use the trained model' }).click();
    await expect.poll(() => page.getByLabel('Model parameters').innerText()).toBe('131');
    await expect.poll(() => page.getByText(/^Loaded the model .+ you just trained\.$/).count()).toBe(1);
  });
});
