/**
 * A long digits run in the browser shell, with one sample per batch: the time-left
 * estimate, Stop ending the run at once, and the misclassified samples with their
 * pixel values as the CSV file has them.
 */

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp } from './helpers/browser';
import { buildMlp } from './helpers/editor';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

/** Maximum time from a click on Stop to the run's results, in milliseconds. */
const MAX_STOP_MS = 2000;

/**
 * Script run in the page: records each new progress line in `window.progressLines`. It is
 * a string because the test's TypeScript has no DOM types.
 */
const PROGRESS_RECORDER = `{
  const seen = [];
  window.progressLines = seen;
  new MutationObserver(() => {
    const text = document.querySelector('.progress-text')?.textContent ?? '';
    if (text !== '' && seen.at(-1) !== text) seen.push(text);
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}`;

/** Reads "about 3 min 20 s left" from a progress line, in seconds, or null without it. */
function secondsLeft(line: string): number | null {
  const match = /about (?:(\d+) min )?(\d+) s left/.exec(line);
  if (match === null) return null;
  return Number(match[1] ?? 0) * 60 + Number(match[2]);
}

function epochOf(line: string): number {
  return Number(/^Epoch (\d+) of/.exec(line)?.[1] ?? Number.NaN);
}

describe('digits with one sample per batch', () => {
  let shell: WebShell;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    [shell, browser] = await Promise.all([startWebShell(), launchBrowser()]);
    ({ page, errors } = await openApp(browser, shell.url));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
  });

  test('stop ends a long run within 2 s', async () => {
    await expect.poll(() => page.getByRole('combobox', { name: 'Data set' }).inputValue()).toBe('iris');
    await page.getByRole('combobox', { name: 'Data set' }).selectOption('digits');
    await expect.poll(() => page.locator('legend', { hasText: /^Feature columns/ }).innerText()).toBe('Feature columns (64 of 64)');
    await buildMlp(page, 10);
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('spinbutton', { name: 'Batch size' }).fill('1');
    await page.getByRole('spinbutton', { name: 'Epochs' }).fill('5000');

    await page.evaluate(PROGRESS_RECORDER);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const lossChart = page.getByRole('img', { name: /^Loss chart at epoch/ });
    const epoch = async () => Number(/epoch (\d+)/.exec((await lossChart.getAttribute('aria-label')) ?? '')?.[1] ?? 0);
    await expect.poll(epoch, { timeout: 60_000 }).toBeGreaterThanOrEqual(4);

    const stopClicked = Date.now();
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Training stopped' }).waitFor({ timeout: 10_000 });
    expect(Date.now() - stopClicked).toBeLessThan(MAX_STOP_MS);
  });

  test('time left appears after a few epochs and does not jump', async () => {
    const lines: unknown = await page.evaluate('window.progressLines');
    if (!Array.isArray(lines)) throw new Error('The progress recorder did not run.');
    const estimates = lines.map(String).flatMap((line) => {
      const seconds = secondsLeft(line);
      return seconds === null ? [] : [{ epoch: epochOf(line), seconds }];
    });

    expect(estimates.length).toBeGreaterThan(0);
    expect(Math.min(...estimates.map((estimate) => estimate.epoch))).toBeGreaterThanOrEqual(3);
    for (const [index, estimate] of estimates.entries()) {
      if (index === 0) continue;
      const previous = estimates[index - 1].seconds;
      expect(estimate.seconds).toBeGreaterThan(previous * 0.5);
      expect(estimate.seconds).toBeLessThan(previous * 1.5 + 2);
    }
  });

  test('misclassified samples show the pixel values of the CSV', async () => {
    const table = page.getByRole('table', { name: 'Misclassified samples' });
    await table.waitFor();
    const headers = await table.getByRole('columnheader').allInnerTexts();
    expect(headers.slice(0, 5)).toEqual(['Row', 'True', 'Predicted', 'Confidence', 'px_0_0']);

    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    );
    expect(rows.length).toBeGreaterThan(0);
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/misclassified-digits.png') });
    for (const cells of rows) {
      const pixels = cells.slice(4);
      expect(pixels).toHaveLength(8);
      for (const pixel of pixels) {
        expect(pixel).toMatch(/^\d+$/);
        expect(Number(pixel)).toBeLessThanOrEqual(16);
      }
    }
    expect(errors).toEqual([]);
  });
});
