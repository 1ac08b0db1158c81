/**
 * The window at the widths of laptops and projectors, measured as a user sees it. Every field
 * of the Settings tab stays inside the side panel. The toolbar keeps one row from 1280 px up,
 * in presentation mode too, and every button keeps its name. The runs and search tables fit
 * the Runs tab without scrolling sideways, and the confusion matrix of ten digits fits its panel.
 */

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp, openProjectFile } from './helpers/browser';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

const SCREENSHOTS = join(ROOT, 'docs/screenshots');

/** Window sizes of common laptops and projectors. */
const WINDOW_SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1600, height: 900 },
];

/** Accessible names of the toolbar's buttons, which other tests and screen readers rely on. */
const TOOLBAR_BUTTONS = [
  'New',
  'Open…',
  'Save',
  'Undo',
  'Redo',
  'Delete',
  'Fit view',
  'Train',
  'Stop',
  'Export model',
  'Export PyTorch script',
  'Optimizer playground',
  'Lessons',
  'Presentation',
];

/** Maximum difference between the tops of buttons on one row, in CSS pixels. */
const SAME_ROW_PX = 3;

/** Returns the labels and fields of the side panel that stick out of it, by their text. */
const OVERFLOWING_FIELDS = `(() => {
  const panel = document.querySelector('[role="tabpanel"]');
  const right = panel.getBoundingClientRect().right;
  return [...panel.querySelectorAll('label, input, select')]
    .filter((element) => element.getBoundingClientRect().right > right + 0.5)
    .map((element) => (element.textContent ?? '').trim().split('\\n')[0] || element.outerHTML.slice(0, 60));
})()`;

/** Returns the toolbar's width, the width its content needs and its buttons' boxes. */
const TOOLBAR_BOXES = `(() => {
  const toolbar = document.querySelector('header.toolbar');
  const buttons = [...toolbar.querySelectorAll('button')].map((button) => {
    const box = button.getBoundingClientRect();
    return { name: button.getAttribute('aria-label') ?? button.textContent.trim(), top: box.top, right: box.right };
  });
  return { clientWidth: toolbar.clientWidth, scrollWidth: toolbar.scrollWidth, right: toolbar.getBoundingClientRect().right, buttons };
})()`;

interface ToolbarBoxes {
  clientWidth: number;
  scrollWidth: number;
  right: number;
  buttons: { name: string; top: number; right: number }[];
}

/**
 * Returns a script that measures the element matched by `selector` against its scrolling
 * container (its parent) and the side panel's tab panel.
 */
function fitScript(selector: string): string {
  return `(() => {
    const element = document.querySelector(${JSON.stringify(selector)});
    const container = element.parentElement;
    const panel = document.querySelector('[role="tabpanel"]');
    const box = element.getBoundingClientRect();
    const panelBox = panel.getBoundingClientRect();
    return {
      scrollWidth: container.scrollWidth,
      clientWidth: container.clientWidth,
      left: box.left,
      right: box.right,
      panelLeft: panelBox.left,
      panelRight: panelBox.right,
      panelScrollWidth: panel.scrollWidth,
      panelClientWidth: panel.clientWidth,
    };
  })()`;
}

interface Fit {
  scrollWidth: number;
  clientWidth: number;
  left: number;
  right: number;
  panelLeft: number;
  panelRight: number;
  panelScrollWidth: number;
  panelClientWidth: number;
}

async function measureFit(page: Page, selector: string): Promise<Fit> {
  return (await page.evaluate(fitScript(selector))) as Fit;
}

/** Checks that a measured table neither scrolls sideways nor leaves its panel. */
function expectInsidePanel(fit: Fit): void {
  expect(fit.scrollWidth).toBeLessThanOrEqual(fit.clientWidth);
  expect(fit.left).toBeGreaterThanOrEqual(fit.panelLeft - 0.5);
  expect(fit.right).toBeLessThanOrEqual(fit.panelRight + 0.5);
  expect(fit.panelScrollWidth).toBeLessThanOrEqual(fit.panelClientWidth);
}

/**
 * Sets the learning rate and epochs in the Settings tab, trains, and waits until the run is
 * recorded as the `runCount`-th row of the Runs tab and Train is enabled again.
 */
async function train(page: Page, settings: { lr?: string; epochs: string }, runCount: number): Promise<void> {
  await page.getByRole('tab', { name: 'Settings' }).click();
  if (settings.lr !== undefined) await page.getByRole('spinbutton', { name: 'Learning rate' }).fill(settings.lr);
  await page.getByRole('spinbutton', { name: 'Epochs' }).fill(settings.epochs);

  const trainButton = page.getByRole('button', { name: 'Train', exact: true });
  await expect.poll(() => trainButton.isEnabled()).toBe(true);
  await trainButton.click();

  await page.getByRole('tab', { name: 'Runs' }).click();
  const runs = page.getByRole('table', { name: 'Recorded runs' }).getByRole('rowheader');
  await expect.poll(() => runs.count(), { timeout: 90_000 }).toBe(runCount);
  await expect.poll(() => trainButton.isEnabled()).toBe(true);
}

/**
 * Switches presentation mode on or off with the toolbar toggle. Switching it on also shows
 * the side panel, which presentation mode hides.
 */
async function setPresentation(page: Page, on: boolean): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Presentation', exact: true });
  if ((await toggle.getAttribute('aria-pressed')) !== String(on)) await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe(String(on));
  if (on) await page.getByRole('button', { name: 'Show side panel' }).click();
}

/** Scrolls the side panel to the Runs heading and the runs table to its newest run. */
async function scrollRunsIntoView(page: Page): Promise<void> {
  await page.evaluate(`document.getElementById('runs-title').scrollIntoView({ block: 'start' })`);
  await page.evaluate(`document.querySelector('table[aria-label="Recorded runs"]').parentElement.scrollTop = 0`);
  // Lets the compared runs' charts finish their animation.
  await page.waitForTimeout(300);
}

/** Dismisses every notice, so that none covers the panel in a screenshot. */
async function dismissNotices(page: Page): Promise<void> {
  const dismiss = page.getByRole('button', { name: 'Dismiss message' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
}

describe('layout at common window sizes', () => {
  let shell: WebShell;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    [shell, browser] = await Promise.all([startWebShell(), launchBrowser()]);
    ({ page, errors } = await openApp(browser, shell.url));
    page.on('dialog', (dialog) => void dialog.accept());
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
      const tabs = page.getByRole('tablist', { name: 'Side panel tabs' });
      expect(await tabs.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      const runsTab = await page.getByRole('tab', { name: 'Runs' }).boundingBox();
      const tabsBox = await tabs.boundingBox();
      expect(runsTab!.x + runsTab!.width).toBeLessThanOrEqual(tabsBox!.x + tabsBox!.width + 0.5);
      // Each label fits its tab, so no label runs into the next.
      const clippedLabels = await tabs.getByRole('tab').evaluateAll((elements) =>
        elements.filter((element) => element.scrollWidth > element.clientWidth).map((element) => element.textContent?.trim()),
      );
      expect(clippedLabels).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `settings-${width}.png`) });
    });
  }

  for (const presentation of [false, true]) {
    for (const size of WINDOW_SIZES) {
      const mode = presentation ? 'presentation' : 'normal';
      test(`toolbar keeps one row at ${size.width}×${size.height}, ${mode} type`, async () => {
        const toggle = page.getByRole('button', { name: 'Presentation', exact: true });
        if ((await toggle.getAttribute('aria-pressed')) !== String(presentation)) await toggle.click();
        await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe(String(presentation));
        await page.setViewportSize(size);

        for (const name of TOOLBAR_BUTTONS) {
          expect(await page.getByRole('banner').getByRole('button', { name, exact: true }).isVisible(), name).toBe(true);
        }
        const toolbar = (await page.evaluate(TOOLBAR_BOXES)) as ToolbarBoxes;
        expect(toolbar.buttons.map((button) => button.name)).toEqual(TOOLBAR_BUTTONS);
        const tops = toolbar.buttons.map((button) => button.top);
        expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(SAME_ROW_PX);
        expect(toolbar.scrollWidth).toBeLessThanOrEqual(toolbar.clientWidth);
        for (const button of toolbar.buttons) expect(button.right, button.name).toBeLessThanOrEqual(toolbar.right);

        if (size.width === 1280) {
          const name = `layout-1280-toolbar${presentation ? '-presentation' : ''}.png`;
          await page.screenshot({ path: join(SCREENSHOTS, name), clip: { x: 0, y: 0, width: 1280, height: 120 } });
        }
      });
    }
  }

  test('runs and search tables fit the panel', async () => {
    await setPresentation(page, false);
    await page.setViewportSize({ width: 1280, height: 720 });
    await openProjectFile(page, join(ROOT, 'examples/iris.wiregrad.json'));
    await expect.poll(() => page.getByRole('textbox', { name: 'Project name' }).inputValue()).toBe('Iris species');

    await train(page, { lr: '0.01', epochs: '5' }, 1);
    await train(page, { lr: '0.05', epochs: '8' }, 2);
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('combobox', { name: 'Optimizer' }).selectOption('SGD');
    await page.getByRole('tab', { name: 'Runs' }).click();
    await page.getByRole('spinbutton', { name: 'Trials', exact: true }).fill('3');
    await page.getByRole('spinbutton', { name: 'Epochs per trial', exact: true }).fill('5');
    await page.getByRole('button', { name: 'Start search' }).click();
    await expect.poll(() => page.getByText('3 of 3 trials done').count(), { timeout: 90_000 }).toBe(1);

    const runs = page.getByRole('table', { name: 'Recorded runs' });
    await expect.poll(() => runs.getByRole('rowheader').count()).toBe(5);
    const headers = await runs.getByRole('columnheader').allInnerTexts();
    expect(headers.map((header) => header.replace(/\s+/g, ' '))).toEqual([
      'Compare',
      'Run',
      'Params',
      'Train loss',
      'Val. loss',
      'Accuracy',
      'Time',
    ]);
    for (const size of WINDOW_SIZES) {
      await page.setViewportSize(size);
      expectInsidePanel(await measureFit(page, 'table[aria-label="Recorded runs"]'));
      expectInsidePanel(await measureFit(page, 'table[aria-label="Search trials"]'));
    }

    await page.setViewportSize({ width: 1280, height: 720 });
    await dismissNotices(page);
    await page.getByRole('checkbox', { name: 'Compare Run 1' }).check();
    await page.getByRole('checkbox', { name: 'Compare Run 2' }).check();
    await scrollRunsIntoView(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'layout-1280-runs.png') });
    await page.evaluate(`document.querySelector('table[aria-label="Search trials"]').scrollIntoView({ block: 'center' })`);
    await page.screenshot({ path: join(SCREENSHOTS, 'layout-1280-search.png') });
  });

  test('runs tables fit in presentation mode', async () => {
    await setPresentation(page, true);
    for (const size of WINDOW_SIZES) {
      await page.setViewportSize(size);
      expectInsidePanel(await measureFit(page, 'table[aria-label="Recorded runs"]'));
      expectInsidePanel(await measureFit(page, 'table[aria-label="Search trials"]'));
    }

    await page.setViewportSize({ width: 1280, height: 720 });
    await scrollRunsIntoView(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'layout-1280-runs-presentation.png') });
    await setPresentation(page, false);
  });

  test('digits confusion matrix fits the panel', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openProjectFile(page, join(ROOT, 'examples/digits.wiregrad.json'));
    await expect.poll(() => page.getByRole('textbox', { name: 'Project name' }).inputValue()).toBe('Handwritten digits');
    await train(page, { epochs: '3' }, 1);
    await page.getByRole('tab', { name: 'Training' }).click();

    const matrix = page.getByRole('table', { name: 'Confusion matrix' });
    expect(await matrix.getByRole('rowheader').allInnerTexts()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const classHeaders = await matrix.locator('thead tr:last-child th').allInnerTexts();
    expect(classHeaders.slice(1)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const fontSize = Number.parseFloat(
      String(await page.evaluate(`getComputedStyle(document.querySelector('table[aria-label="Confusion matrix"]')).fontSize`)),
    );
    // Smaller than the 17 px of the rest of the panel, but still readable on a projector.
    expect(fontSize).toBeGreaterThanOrEqual(14);

    for (const size of WINDOW_SIZES) {
      await page.setViewportSize(size);
      expectInsidePanel(await measureFit(page, 'table[aria-label="Confusion matrix"]'));
    }

    await page.setViewportSize({ width: 1280, height: 720 });
    await dismissNotices(page);
    await page.evaluate(`document.querySelector('table[aria-label="Confusion matrix"]').scrollIntoView({ block: 'center' })`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOTS, 'layout-1280-digits-confusion.png') });
  });

  test('confusion matrix fits in presentation mode', async () => {
    await setPresentation(page, true);
    for (const size of WINDOW_SIZES) {
      await page.setViewportSize(size);
      expectInsidePanel(await measureFit(page, 'table[aria-label="Confusion matrix"]'));
    }

    await page.setViewportSize({ width: 1280, height: 720 });
    await page.evaluate(`document.querySelector('table[aria-label="Confusion matrix"]').scrollIntoView({ block: 'center' })`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOTS, 'layout-1280-digits-confusion-presentation.png') });
    await setPresentation(page, false);
    expect(errors).toEqual([]);
  });
});
