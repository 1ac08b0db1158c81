/** Training steps of the end-to-end tests: start, watch the charts update, read the result. */

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Script run in the page: records each new loss-chart summary in
 * `window.lossChartSummaries`. It is a string because the test's TypeScript has no DOM types.
 */
const RECORDER = `{
  const seen = [];
  window.lossChartSummaries = seen;
  new MutationObserver(() => {
    for (const chart of document.querySelectorAll('[role="img"]')) {
      const label = chart.getAttribute('aria-label') ?? '';
      if (label.startsWith('Loss chart at epoch') && seen.at(-1) !== label) seen.push(label);
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
}`;

/**
 * Records every accessible summary the loss chart shows during a run. The summary
 * names the latest epoch, so distinct summaries prove that the chart redrew live.
 */
export async function recordLossChartSummaries(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(RECORDER);
  return async () => {
    const seen: unknown = await page.evaluate('window.lossChartSummaries');
    return Array.isArray(seen) ? seen.map(String) : [];
  };
}

/**
 * Presses Train once it is enabled. The poll reads the button's hint, which names what
 * blocks training, so a failure names the cause.
 */
export async function pressTrain(page: Page): Promise<void> {
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect.poll(async () => ((await train.isEnabled()) ? 'enabled' : await train.getAttribute('title'))).toBe('enabled');
  await train.click();
}

/** Presses Train and waits until the run's results appear; returns the accuracy in percent. */
export async function trainAndReadAccuracy(page: Page): Promise<number> {
  await pressTrain(page);

  await expect.poll(() => page.getByRole('progressbar', { name: 'Training progress' }).count()).toBe(1);
  const accuracy = page.getByLabel('Result accuracy');
  await accuracy.waitFor({ timeout: 90_000 });
  return Number.parseFloat(await accuracy.innerText());
}
