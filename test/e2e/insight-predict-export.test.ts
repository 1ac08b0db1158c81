/**
 * The predict panel and the PyTorch export after a run: iris samples typed and pasted get
 * class probabilities, a digit drawn on the 8×8 grid gets ten bars, and Export PyTorch
 * script downloads a script that, where PyTorch is installed, predicts all 150 iris rows.
 */

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp, openProjectFile } from './helpers/browser';
import { probabilities } from './helpers/predict';
import { pressTrain } from './helpers/training';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

const SCREENSHOTS = join(ROOT, 'docs/screenshots');

function pythonHasTorch(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch (error) {
    console.info(`PyTorch is not importable by /usr/bin/python3, so the script is not run: ${(error as Error).message}`);
    return false;
  }
}

async function openAndTrain(page: Page, example: string, epochs: number): Promise<void> {
  await openProjectFile(page, join(ROOT, 'examples', example));
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('spinbutton', { name: 'Epochs' }).fill(String(epochs));
  await pressTrain(page);
  await page.getByLabel('Result accuracy').waitFor({ timeout: 90_000 });
}

describe('predict panel and PyTorch export', () => {
  let shell: WebShell;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let downloadDir: string;

  beforeAll(async () => {
    [shell, browser] = await Promise.all([startWebShell(), launchBrowser()]);
    ({ page, errors } = await openApp(browser, shell.url));
    page.on('dialog', (dialog) => void dialog.accept());
    downloadDir = await mkdtemp(join(tmpdir(), 'wiregrad-insight-'));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    if (downloadDir !== undefined) await rm(downloadDir, { recursive: true, force: true });
  });

  test('typed and pasted iris samples', async () => {
    await openAndTrain(page, 'iris.wiregrad.json', 100);
    const panel = page.getByRole('region', { name: 'Predict one sample' });
    for (const [feature, value] of [['sepal_length_cm', '5.1'], ['sepal_width_cm', '3.5'], ['petal_length_cm', '1.4'], ['petal_width_cm', '0.2']]) {
      await panel.getByRole('spinbutton', { name: feature }).fill(value);
    }
    await panel.getByRole('button', { name: 'Predict' }).click();
    await expect.poll(async () => (await probabilities(page)).get('setosa') ?? 0).toBeGreaterThan(90);
    const shares = [...(await probabilities(page)).values()];
    expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(100, 0);

    await panel.getByRole('textbox', { name: 'Paste feature values' }).fill('6.7, 3.0, 5.2, 2.3');
    await panel.getByRole('button', { name: 'Use pasted values' }).click();
    await expect.poll(async () => (await probabilities(page)).get('virginica') ?? 0).toBeGreaterThan(50);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'predict-iris.png') });
  });

  test('PyTorch script downloads with its model', async () => {
    const downloads: Promise<string>[] = [];
    page.on('download', (download) => {
      const path = join(downloadDir, download.suggestedFilename());
      downloads.push(download.saveAs(path).then(() => path));
    });
    await page.getByRole('button', { name: 'Export PyTorch script' }).click();
    await expect.poll(() => downloads.length).toBe(2);
    const [scriptPath, modelPath] = await Promise.all(downloads);
    expect(scriptPath).toMatch(/iris-species\.py$/);
    expect(modelPath).toMatch(/iris-species\.model\.json$/);

    const script = readFileSync(scriptPath, 'utf8');
    expect(script).toContain('nn.Sequential(');
    expect(script).toMatch(/nn\.Linear\(4, 16\)[\s\S]*nn\.ReLU\(\)[\s\S]*nn\.Linear\(16, 3\)/);
    expect(script).toContain('torch.optim.');
    if (!pythonHasTorch()) return;

    const output = execFileSync('/usr/bin/python3', [scriptPath, modelPath, join(ROOT, 'datasets/iris.csv')], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    const lines = output.trim().split('\n');
    expect(lines).toHaveLength(150);
    expect(lines[0]).toMatch(/^setosa,/);
  });

  test('digit drawn on the grid', async () => {
    await openAndTrain(page, 'digits.wiregrad.json', 3);
    const grid = page.getByRole('group', { name: 'Drawing grid, 8 by 8 pixels' });
    for (let row = 1; row <= 8; row++) await grid.getByRole('button', { name: `Pixel row ${row} column 4` }).click();
    expect(await grid.getByRole('button', { pressed: true }).count()).toBe(8);
    await page.getByRole('region', { name: 'Predict one sample' }).getByRole('button', { name: 'Predict' }).click();
    await expect.poll(async () => (await probabilities(page)).size).toBe(10);
    await grid.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'predict-digit.png') });
    expect(errors).toEqual([]);
  });
});
