/**
 * Weights and gradients per layer while training: a deep Sigmoid stack shows the first
 * layer's gradient norm orders of magnitude below the last layer's (vanishing gradients),
 * and the same stack with ReLU does not.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp, openProjectFile } from './helpers/browser';
import { pressTrain } from './helpers/training';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

const SCREENSHOTS = join(ROOT, 'docs/screenshots');
const SIGMOID_EXAMPLE = join(ROOT, 'examples/vanishing-gradients-sigmoid.wiregrad.json');

/**
 * Epochs each stack trains. Later, with lr=0.1 and momentum 0.9, the ReLU stack's path is
 * chaotic: rounding differences between kernels send it to different minima, where the
 * last batch's gradients can be tiny. Early on both stacks behave as the lesson describes.
 */
const EPOCHS = 10;

/** Sets the epochs, presses Train and waits for the run's results. */
async function trainToEnd(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('spinbutton', { name: 'Epochs' }).fill(String(EPOCHS));
  await pressTrain(page);
  await page.getByLabel('Result accuracy').waitFor({ timeout: 90_000 });
}

/** Reads 'Linear 1 (4 → 16) 3.2e-5' pairs from the gradient-norm chart's summary. */
async function gradientNorms(page: Page): Promise<{ epoch: number; norms: number[] }> {
  const summary = await page.getByRole('img', { name: /^Gradient norm per layer at epoch/ }).getAttribute('aria-label');
  const epoch = Number(/at epoch (\d+):/.exec(summary ?? '')?.[1]);
  const norms = [...(summary ?? '').matchAll(/Linear \d+ \(\d+ → \d+\) ([\d.e+-]+)/g)].map((match) => Number(match[1]));
  return { epoch, norms };
}

describe('weights and gradients while training', () => {
  let shell: WebShell;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let sigmoidRatio = 0;

  beforeAll(async () => {
    [shell, browser] = await Promise.all([startWebShell(), launchBrowser()]);
    ({ page, errors } = await openApp(browser, shell.url));
    page.on('dialog', (dialog) => void dialog.accept());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
  });

  test('sigmoid stack shows vanishing gradients', async () => {
    await openProjectFile(page, SIGMOID_EXAMPLE);
    await trainToEnd(page);

    const table = page.getByRole('table', { name: 'Weights and gradients per layer' });
    expect(await table.getByRole('row').count()).toBe(8);
    const weights = table.getByRole('img', { name: /^Linear 1 \(4 → 16\) weights: 64 values from/ });
    expect(await weights.count()).toBe(1);
    expect(await table.getByRole('img', { name: /^Linear 7 \(16 → 3\) gradients: 48 values from/ }).count()).toBe(1);

    const { epoch, norms } = await gradientNorms(page);
    expect(epoch).toBe(EPOCHS);
    expect(norms).toHaveLength(7);
    sigmoidRatio = norms[0] / norms[6];
    expect(sigmoidRatio).toBeLessThan(0.01);
    await page.getByRole('heading', { name: /Weights and gradients/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'vanishing-gradients-sigmoid.png') });
  });

  test('same stack with ReLU keeps gradients', async () => {
    const relu = readFileSync(SIGMOID_EXAMPLE, 'utf8').replaceAll('"Sigmoid"', '"ReLU"').replace(/"name": "[^"]*"/, '"name": "ReLU stack"');
    await openProjectFile(page, { name: 'relu-stack.wiregrad.json', mimeType: 'application/json', buffer: Buffer.from(relu) });
    await expect.poll(() => page.getByRole('textbox', { name: 'Project name' }).inputValue()).toBe('ReLU stack');
    await trainToEnd(page);

    const { epoch, norms } = await gradientNorms(page);
    expect(epoch).toBe(EPOCHS);
    expect(norms).toHaveLength(7);
    const reluRatio = norms[0] / norms[6];
    expect(reluRatio).toBeGreaterThan(10 * sigmoidRatio);
    await page.getByRole('heading', { name: /Weights and gradients/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'gradients-relu.png') });
    expect(errors).toEqual([]);
  });
});
