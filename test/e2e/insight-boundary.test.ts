/**
 * Generated two-feature data and the live decision boundary: two moons generated in the Data
 * tab with a noise level and a seed train the two-moons example, and the boundary redraws
 * during the run until nearly every training point lies in the region of its class.
 */

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp, openProjectFile } from './helpers/browser';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

const SCREENSHOTS = join(ROOT, 'docs/screenshots');

/** Script run in the page: records each new decision-boundary summary in `window.boundarySummaries`. */
const RECORDER = `{
  const seen = [];
  window.boundarySummaries = seen;
  new MutationObserver(() => {
    for (const element of document.querySelectorAll('[role="img"]')) {
      const label = element.getAttribute('aria-label') ?? '';
      if (label.startsWith('Decision boundary at epoch') && seen.at(-1) !== label) seen.push(label);
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
}`;

/** Reads epoch, points on their side and all points from a boundary summary. */
function readSummary(summary: string): { epoch: number; correct: number; total: number } {
  const match = /at epoch (\d+): (\d+) of (\d+) training points/.exec(summary);
  return { epoch: Number(match?.[1]), correct: Number(match?.[2]), total: Number(match?.[3]) };
}

describe('decision boundary of two moons', () => {
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

  test('generated moons feed the example project', async () => {
    await openProjectFile(page, join(ROOT, 'examples/two-moons.wiregrad.json'));
    await page.getByRole('tab', { name: 'Data' }).click();
    await page.getByText('This project uses the file two-moons.csv.').waitFor();

    const generated = page.getByRole('group', { name: 'Generated two-feature data' });
    await generated.getByRole('combobox', { name: 'Shape' }).selectOption({ label: 'Two moons' });
    await generated.getByRole('slider', { name: /Noise/ }).fill('0.15');
    await generated.getByRole('spinbutton', { name: 'Seed' }).fill('3');
    await generated.getByRole('button', { name: 'Generate' }).click();

    await page.getByText('Generated moons-noise-0.15-seed-3.csv: 200 rows.').waitFor();
    expect(await page.getByRole('combobox', { name: 'Data set' }).inputValue()).toBe('__uploaded__');
    expect(await page.getByRole('combobox', { name: 'Target column' }).inputValue()).toBe('label');
    expect(await page.getByRole('checkbox', { name: 'x1' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'x2' }).isChecked()).toBe(true);
  });

  test('boundary redraws live and separates the moons', async () => {
    // Enough epochs that the run lasts seconds, so the boundary has time to redraw while it runs.
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('spinbutton', { name: 'Epochs' }).fill('1500');
    await page.evaluate(RECORDER);
    const train = page.getByRole('button', { name: 'Train', exact: true });
    await expect.poll(() => train.isEnabled()).toBe(true);
    await train.click();
    await page.getByLabel('Result accuracy').waitFor({ timeout: 90_000 });

    const seen: unknown = await page.evaluate('window.boundarySummaries');
    const summaries = (Array.isArray(seen) ? seen.map(String) : []).map(readSummary);
    expect(summaries.length).toBeGreaterThan(2);
    const first = summaries[0];
    const final = summaries.at(-1) ?? first;
    expect(first.total).toBe(160);
    expect(final.epoch).toBeGreaterThan(first.epoch);
    expect(final.correct / final.total).toBeGreaterThanOrEqual(0.95);

    const boundary = page.getByRole('img', { name: /^Decision boundary at epoch/ });
    await boundary.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'decision-boundary-moons.png') });
    expect(errors).toEqual([]);
  });
});
