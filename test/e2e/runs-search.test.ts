/**
 * Random search in the browser shell: 4 trials × 20 epochs of SGD on iris, ranked by
 * validation loss as they finish, recorded as runs, and the best applied to the
 * project in one click. Then a long search stopped early.
 */

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp, openProjectFile } from './helpers/browser';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

const SCREENSHOTS = join(ROOT, 'docs/screenshots');

/**
 * Script run in the page: records the accessible names of trial progress bars as they
 * appear. It is a string because the test's TypeScript has no DOM types.
 */
const PROGRESS_RECORDER = `{
  const seen = new Set();
  window.trialProgressSeen = seen;
  new MutationObserver(() => {
    for (const bar of document.querySelectorAll('progress[aria-label^="Trial "]')) seen.add(bar.getAttribute('aria-label'));
  }).observe(document.body, { subtree: true, childList: true, attributes: true });
}`;

async function fillOption(page: Page, name: string, value: string): Promise<void> {
  await page.getByRole('spinbutton', { name, exact: true }).fill(value);
}

/**
 * Reads the search table's body rows as arrays of cell texts: rank, trial with its status
 * on a second line, lr, momentum, validation loss, accuracy.
 */
async function trialRows(page: Page): Promise<string[][]> {
  const rows = page.getByRole('table', { name: 'Search trials' }).getByRole('row');
  const texts = await rows.allInnerTexts();
  return texts.slice(1).map((text) => text.split('\t').map((cell) => cell.trim()));
}

describe('random search', () => {
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

  test('four trials rank by validation loss', async () => {
    await openProjectFile(page, join(ROOT, 'examples/iris.wiregrad.json'));
    await expect.poll(() => page.getByRole('textbox', { name: 'Project name' }).inputValue()).toBe('Iris species');
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('combobox', { name: 'Optimizer' }).selectOption('SGD');

    await page.getByRole('tab', { name: 'Runs' }).click();
    await fillOption(page, 'Learning rate from', '0.001');
    await fillOption(page, 'Learning rate to', '0.5');
    await fillOption(page, 'Momentum from', '0.5');
    await fillOption(page, 'Momentum to', '0.95');
    await fillOption(page, 'Trials', '4');
    await fillOption(page, 'Epochs per trial', '20');
    await fillOption(page, 'Search seed', '7');
    await page.evaluate(PROGRESS_RECORDER);
    await page.getByRole('button', { name: 'Start search' }).click();

    await expect.poll(() => page.getByText('4 of 4 trials done').count(), { timeout: 90_000 }).toBe(1);
    const progressSeen: unknown = await page.evaluate('[...window.trialProgressSeen]');
    expect(Array.isArray(progressSeen)).toBe(true);
    expect(Array.isArray(progressSeen) ? progressSeen.length : 0).toBeGreaterThan(0);

    const rows = await trialRows(page);
    expect(rows.map((row) => row[0])).toEqual(['1', '2', '3', '4']);
    const losses = rows.map((row) => Number(row[4]));
    expect(losses.every(Number.isFinite)).toBe(true);
    expect([...losses].sort((a, b) => a - b)).toEqual(losses);
    const lrs = rows.map((row) => Number(row[2]));
    expect(new Set(lrs).size).toBe(4);
    for (const lr of lrs) {
      expect(lr).toBeGreaterThanOrEqual(0.001);
      expect(lr).toBeLessThanOrEqual(0.5);
    }

    const recorded = page.getByRole('table', { name: 'Recorded runs' }).getByRole('rowheader');
    await expect.poll(() => recorded.count()).toBe(4);
    const names = await recorded.allInnerTexts();
    expect(names.map((name) => name.replace(/\d+\)$/, 'K)')).sort()).toEqual(
      ['Run 1 (trial K)', 'Run 2 (trial K)', 'Run 3 (trial K)', 'Run 4 (trial K)'],
    );

    await page.getByRole('button', { name: 'Dismiss message' }).first().click();
    await page.getByRole('heading', { name: 'Random search' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'runs-search.png') });
  }, 120_000);

  test('apply best copies its settings', async () => {
    const [best] = await trialRows(page);
    await page.getByRole('button', { name: 'Apply best' }).click();
    await page.getByRole('tab', { name: 'Settings' }).click();

    const lr = Number(await page.getByRole('spinbutton', { name: 'Learning rate' }).inputValue());
    const momentum = Number(await page.getByRole('spinbutton', { name: 'Momentum' }).inputValue());
    expect(Math.abs(lr - Number(best[2])) / lr).toBeLessThan(0.05);
    expect(Math.abs(momentum - Number(best[3]))).toBeLessThan(0.001);
    expect(await page.getByRole('spinbutton', { name: 'Epochs' }).inputValue()).toBe('100');
  });

  test('stop ends a long search', async () => {
    await page.getByRole('tab', { name: 'Runs' }).click();
    await fillOption(page, 'Trials', '6');
    await fillOption(page, 'Epochs per trial', '5000');
    await page.getByRole('button', { name: 'Start search' }).click();
    await expect.poll(() => page.getByRole('progressbar', { name: /^Trial \d progress$/ }).count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Stop search' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Start search' }).count(), { timeout: 30_000 }).toBe(1);

    const statuses = (await trialRows(page)).map((row) => row[1].split('\n').slice(1).join(' ').trim());
    expect(statuses.filter((status) => status === 'Cancelled').length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((status) => status === 'Done (interrupted)').length).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
  }, 60_000);
});
