/**
 * Presentation mode in the browser shell: the toolbar toggle and its shortcut, larger type,
 * thicker edges, the hidden side panel and its button, and the choice kept across reloads.
 */

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp, openProjectFile } from './helpers/browser';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

describe('presentation mode', () => {
  let shell: WebShell;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  const toggle = () => page.getByRole('button', { name: 'Presentation' });
  const sidePanel = () => page.getByRole('complementary', { name: 'Side panel' });
  const rootFontSize = () => page.evaluate('getComputedStyle(document.documentElement).fontSize');
  const edgeWidth = () =>
    page.evaluate(`getComputedStyle(document.querySelector('.edge-overlay path')).strokeWidth`);

  beforeAll(async () => {
    [shell, browser] = await Promise.all([startWebShell(), launchBrowser()]);
    ({ page, errors } = await openApp(browser, shell.url));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
  });

  /** Reads the canvas's zoom factor from the Svelte Flow viewport's transform. */
  async function canvasZoom(): Promise<number> {
    const transform = await page.locator('.svelte-flow__viewport').getAttribute('style');
    return Number(/scale\(([\d.]+)\)/.exec(transform ?? '')?.[1] ?? 0);
  }

  test('toggle enlarges type and edges and hides the panel', async () => {
    await openProjectFile(page, join(ROOT, 'examples/iris.wiregrad.json'));
    await expect.poll(() => page.locator('.edge-overlay path').count()).toBe(4);
    expect(await rootFontSize()).toBe('17px');
    expect(await edgeWidth()).toBe('2px');
    expect(await toggle().getAttribute('aria-pressed')).toBe('false');
    await page.getByRole('button', { name: 'Fit view' }).click();
    await expect.poll(canvasZoom).toBeGreaterThan(0);
    await page.waitForTimeout(400);
    const zoomBefore = await canvasZoom();

    await toggle().click();
    expect(await toggle().getAttribute('aria-pressed')).toBe('true');
    expect(await rootFontSize()).toBe('22px');
    expect(await edgeWidth()).toBe('4.5px');
    await expect.poll(() => sidePanel().count()).toBe(0);
    // The wider canvas is fitted again without a click on Fit view.
    await expect.poll(canvasZoom).toBeGreaterThan(zoomBefore * 1.2);
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/classroom-presentation.png') });
  });

  test('side panel shows and hides on request', async () => {
    await page.getByRole('button', { name: 'Show side panel' }).click();
    await expect.poll(() => sidePanel().count()).toBe(1);
    await page.getByRole('button', { name: 'Hide side panel' }).click();
    await expect.poll(() => sidePanel().count()).toBe(0);
  });

  test('mode survives a reload', async () => {
    await page.reload();
    await expect.poll(() => toggle().getAttribute('aria-pressed')).toBe('true');
    expect(await rootFontSize()).toBe('22px');
    await expect.poll(() => sidePanel().count()).toBe(0);
  });

  test('shortcut switches the mode off and on', async () => {
    await page.locator('.svelte-flow__pane').click();
    await page.keyboard.press('Control+Shift+P');
    await expect.poll(() => toggle().getAttribute('aria-pressed')).toBe('false');
    expect(await rootFontSize()).toBe('17px');
    await expect.poll(() => sidePanel().count()).toBe(1);

    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Presentation' }).count()).toBe(1);
    expect(await toggle().getAttribute('aria-pressed')).toBe('false');
    expect(errors).toEqual([]);
  });
});
