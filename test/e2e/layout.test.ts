/**
 * The side panel at the window widths of laptops and projectors: every field of the
 * Settings tab stays inside the panel, and the toolbar takes at most two rows from 1280 px up.
 */

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp } from './helpers/browser';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

/** Returns the labels and fields of the side panel that stick out of it, by their text. */
const OVERFLOWING_FIELDS = `(() => {
  const panel = document.querySelector('[role="tabpanel"]');
  const right = panel.getBoundingClientRect().right;
  return [...panel.querySelectorAll('label, input, select')]
    .filter((element) => element.getBoundingClientRect().right > right + 0.5)
    .map((element) => (element.textContent ?? '').trim().split('\\n')[0] || element.outerHTML.slice(0, 60));
})()`;

describe('layout at common window sizes', () => {
  let shell: WebShell;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [shell, browser] = await Promise.all([startWebShell(), launchBrowser()]);
    ({ page } = await openApp(browser, shell.url));
    await page.getByRole('combobox', { name: 'Data set' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
  });

  for (const [width, height] of [
    [1024, 768],
    [1280, 720],
    [1400, 900],
  ]) {
    test(`settings fit the panel at ${width}×${height}`, async () => {
      await page.setViewportSize({ width, height });
      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.getByRole('spinbutton', { name: 'Validation share (%)' }).waitFor();

      expect(await page.evaluate(OVERFLOWING_FIELDS)).toEqual([]);
      const panel = page.getByRole('tabpanel');
      expect(await panel.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      if (width >= 1280) {
        const toolbar = await page.locator('header.toolbar').boundingBox();
        // One row is about 50 px high; the classroom and export buttons wrap to a second row.
        expect(toolbar?.height).toBeLessThan(110);
      }
      await page.screenshot({ path: join(ROOT, `docs/screenshots/settings-${width}.png`) });
    });
  }
});
