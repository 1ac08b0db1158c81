/**
 * Diagnoses in the Training tab: a run whose loss becomes NaN (diabetes without
 * standardisation, SGD with lr=0.01) and a run whose loss does not move (iris with
 * lr=1e-6) each explain what went wrong and the fix to try.
 */

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp, openProjectFile } from './helpers/browser';
import { pressTrain } from './helpers/training';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

const SCREENSHOTS = join(ROOT, 'docs/screenshots');

/** Presses Train and waits until the run is done or has failed. */
async function trainToEnd(page: Page): Promise<void> {
  await pressTrain(page);
  await expect
    .poll(() => page.getByRole('status').filter({ hasText: /Training (finished|stopped|failed)/ }).count(), { timeout: 90_000 })
    .toBe(1);
}

async function diagnosisTitles(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Diagnoses' }).getByRole('listitem').locator('.title').allInnerTexts();
}

describe('diagnoses of a training run', () => {
  let shell: WebShell;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    [shell, browser] = await Promise.all([startWebShell(), launchBrowser()]);
    ({ page, errors } = await openApp(browser, shell.url));
    page.on('dialog', (dialog) => void dialog.accept());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
  });

  test('diverged loss explains NaN and the fix', async () => {
    await openProjectFile(page, join(ROOT, 'examples/diagnose-learning-rate.wiregrad.json'));
    await expect.poll(() => page.getByRole('textbox', { name: 'Project name' }).inputValue()).toBe('Diagnose the learning rate');
    await trainToEnd(page);

    const titles = await diagnosisTitles(page);
    expect(titles).toContainEqual(expect.stringMatching(/^The loss became NaN or infinite at epoch 1\.$/));
    expect(titles).toContainEqual(expect.stringMatching(/features/i));
    const diverged = page.getByRole('listitem', { name: /The loss became NaN/ });
    expect(await diverged.innerText()).toContain('Try this: Lower the learning rate (try lr=0.001), and standardise the features.');
    await page.screenshot({ path: join(SCREENSHOTS, 'diagnose-nan.png') });

    await page.getByRole('tab', { name: 'Runs' }).click();
    const runs = page.getByRole('table', { name: 'Recorded runs' });
    await expect.poll(() => runs.getByRole('rowheader', { name: /^Run 1\b/ }).count()).toBe(1);
  });

  test('tiny learning rate explains the stuck loss', async () => {
    await openProjectFile(page, join(ROOT, 'examples/iris.wiregrad.json'));
    await expect.poll(() => page.getByRole('textbox', { name: 'Project name' }).inputValue()).toBe('Iris species');
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('spinbutton', { name: 'Learning rate' }).fill('0.000001');
    await page.getByRole('spinbutton', { name: 'Epochs' }).fill('20');
    await trainToEnd(page);

    expect(await diagnosisTitles(page)).toEqual([
      'The loss has barely moved for 5 epochs and is no better than guessing.',
    ]);
    const stuck = page.getByRole('listitem', { name: /barely moved/ });
    expect(await stuck.innerText()).toContain('Try this: Raise the learning rate (try lr=0.00001)');
    await page.screenshot({ path: join(SCREENSHOTS, 'diagnose-stuck.png') });
    expect(errors).toEqual([]);
  });
});
