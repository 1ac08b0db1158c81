/**
 * Editing and project files in the browser shell: palette clicks, copy and paste,
 * delete, undo and redo by keyboard, save and open a project, edges that break the
 * chain, the target column, and a regression run stopped early.
 */

import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp, openProjectFile } from './helpers/browser';
import { buildMlp, connect } from './helpers/editor';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('editing in the browser shell', () => {
  let shell: WebShell;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let dir: string;
  let savedProject: string;
  /** Messages of the confirmation dialogs, and whether the test accepts or dismisses the next ones. */
  const dialogs: string[] = [];
  let acceptDialogs = true;

  const nodeNames = async (): Promise<string[]> =>
    page.locator('.svelte-flow__node').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));

  beforeAll(async () => {
    [shell, browser] = await Promise.all([startWebShell(), launchBrowser()]);
    ({ page, errors } = await openApp(browser, shell.url));
    dir = await mkdtemp(join(tmpdir(), 'wiregrad-e2e-edit-'));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void (acceptDialogs ? dialog.accept() : dialog.dismiss());
    });
  }, 120_000);

  /** Returns the page boxes of the elements that match `selector`. */
  const boxesOf = (selector: string): Promise<Box[]> =>
    page.locator(selector).evaluateAll((elements) =>
      elements.map((element) => {
        const { x, y, width, height } = element.getBoundingClientRect();
        return { x, y, width, height };
      }),
    );

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  test('copy, paste, delete, undo and redo by keyboard', async () => {
    await expect.poll(() => page.getByRole('combobox', { name: 'Data set' }).inputValue()).toBe('iris');
    for (const type of ['Input', 'Linear', 'ReLU']) await page.getByRole('button', { name: `Add ${type}`, exact: true }).click();
    await expect.poll(nodeNames).toEqual(['Input', 'Linear 1', 'ReLU 1']);

    await page.getByRole('group', { name: 'Linear 1', exact: true }).click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(nodeNames).toEqual(['Input', 'Linear 1', 'ReLU 1', 'Linear 2']);

    await page.keyboard.press('Delete');
    await expect.poll(nodeNames).toEqual(['Input', 'Linear 1', 'ReLU 1']);
    await page.keyboard.press('Control+z');
    await expect.poll(nodeNames).toEqual(['Input', 'Linear 1', 'ReLU 1', 'Linear 2']);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(nodeNames).toEqual(['Input', 'Linear 1', 'ReLU 1']);

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(nodeNames).toHaveLength(4);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(nodeNames).toHaveLength(3);
  });

  test('project saves as a file and opens back', async () => {
    await page.getByRole('textbox', { name: 'Project name' }).fill('Edit test');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save' }).click()]);
    expect(download.suggestedFilename()).toBe('edit-test.wiregrad.json');
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    savedProject = path;
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { format: string; graph: { nodes: unknown[] } };
    expect(saved.format).toBe('wiregrad-project');
    expect(saved.graph.nodes).toHaveLength(3);

    await page.getByRole('button', { name: 'New' }).click();
    await expect.poll(nodeNames).toEqual([]);
    await openProjectFile(page, path);
    await expect.poll(nodeNames).toEqual(['Input', 'Linear 1', 'ReLU 1']);
    expect(await page.getByRole('textbox', { name: 'Project name' }).inputValue()).toBe('Edit test');
  });

  test('invalid project file is reported and changes nothing', async () => {
    await openProjectFile(page, { name: 'broken.wiregrad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"x"}') });
    const alert = page.getByRole('alert').filter({ hasText: 'broken.wiregrad.json is not a valid project file:' });
    await expect.poll(() => alert.count()).toBe(1);
    await expect.poll(nodeNames).toEqual(['Input', 'Linear 1', 'ReLU 1']);
    await alert.getByRole('button', { name: 'Dismiss message' }).click();
    await expect.poll(() => alert.count()).toBe(0);
  });

  test('open asks before replacing the canvas', async () => {
    await page.getByRole('group', { name: 'ReLU 1', exact: true }).click();
    await page.keyboard.press('Delete');
    await expect.poll(nodeNames).toEqual(['Input', 'Linear 1']);
    const openFile = async () => {
      await openProjectFile(page, savedProject);
    };
    dialogs.length = 0;

    acceptDialogs = false;
    try {
      await openFile();
      await expect.poll(() => dialogs).toEqual(['Open edit-test.wiregrad.json? Save this one first if you want to keep it.']);
      expect(await nodeNames()).toEqual(['Input', 'Linear 1']);
    } finally {
      acceptDialogs = true;
    }

    await openFile();
    await expect.poll(nodeNames).toEqual(['Input', 'Linear 1', 'ReLU 1']);
    expect(dialogs).toHaveLength(2);
  });

  test('target switched back returns to the features', async () => {
    await page.getByRole('tab', { name: 'Data' }).click();
    const legend = page.locator('legend', { hasText: /^Feature columns/ });
    const target = page.getByRole('combobox', { name: 'Target column' });
    await expect.poll(() => legend.innerText()).toBe('Feature columns (4 of 4)');

    await target.selectOption('sepal_length_cm');
    await expect.poll(() => legend.innerText()).toBe('Feature columns (3 of 4)');
    await target.selectOption('species');
    await expect.poll(() => legend.innerText()).toBe('Feature columns (4 of 4)');
    expect(await page.getByRole('checkbox', { name: 'sepal_length_cm' }).isChecked()).toBe(true);

    // A column the user unticked stays out after it was the target.
    await page.getByRole('checkbox', { name: 'petal_width_cm' }).uncheck();
    await target.selectOption('petal_width_cm');
    await target.selectOption('species');
    await expect.poll(() => legend.innerText()).toBe('Feature columns (3 of 4)');
    expect(await page.getByRole('checkbox', { name: 'petal_width_cm' }).isChecked()).toBe(false);
    await page.getByRole('checkbox', { name: 'petal_width_cm' }).check();
  });

  test('palette clicks leave room for edge labels', async () => {
    await page.getByRole('button', { name: 'New' }).click();
    await expect.poll(nodeNames).toEqual([]);
    for (const type of ['Input', 'Linear', 'ReLU', 'Linear', 'Output']) {
      await page.getByRole('button', { name: `Add ${type}`, exact: true }).click();
    }
    await page.waitForTimeout(400);
    await connect(page, 'Input', 'Linear 1');
    await connect(page, 'Linear 1', 'ReLU 1');
    await connect(page, 'ReLU 1', 'Linear 2');
    await connect(page, 'Linear 2', 'Output');
    await page.getByRole('button', { name: 'Fit view' }).click();
    await page.waitForTimeout(400);

    const labels = await boxesOf('.shape-label');
    const cards = await boxesOf('.svelte-flow__node');
    expect(labels).toHaveLength(4);
    for (const label of labels) {
      expect(label.height).toBeGreaterThanOrEqual(14);
      expect(cards.filter((card) => overlaps(label, card))).toEqual([]);
    }
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/palette-clicks.png') });
  });

  test('edges that break the chain stay visible and nodes stay clickable', async () => {
    await page.getByRole('button', { name: 'New' }).click();
    await buildMlp(page, 3);
    await connect(page, 'Linear 2', 'Linear 1');
    await connect(page, 'Input', 'Output');
    await page.getByRole('group', { name: 'Linear 2', exact: true }).click();

    // Linear 1 first: the edge from the selected Linear 2 back to it runs across its centre.
    for (const name of ['Linear 1', 'Input', 'ReLU 1', 'Output', 'Linear 2']) {
      await page.getByRole('group', { name, exact: true }).click({ timeout: 2000 });
      await expect.poll(() => page.getByRole('tabpanel').getByRole('heading', { level: 2 }).innerText()).toBe(name);
    }

    const problemEdges = await page
      .locator('.edge-overlay path.edge-problem')
      .evaluateAll((paths) => paths.map((path) => path.getAttribute('data-edge')).sort());
    expect(problemEdges).toEqual(['input-1->linear-1', 'input-1->output-1', 'linear-2->linear-1', 'linear-2->output-1']);

    // The skip edge's label lies over the ReLU card and must be drawn above it. Labels let
    // clicks through, so the probe makes them hit-testable to find what is painted on top.
    const skipLabel = page.locator('.shape-label').last();
    expect(await skipLabel.innerText()).toBe('[N, 4]');
    const box = await skipLabel.boundingBox();
    if (box === null) throw new Error('The label of the edge from Input to Output is not visible.');
    const probe = await page.addStyleTag({ content: '.shape-label { pointer-events: auto !important; }' });
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    const topmost: unknown = await page.evaluate(
      `document.elementFromPoint(${x}, ${y})?.closest('.shape-label')?.textContent?.trim() ?? null`,
    );
    await probe.evaluate((element) => element.remove());
    expect(topmost).toBe('[N, 4]');
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/graph-problems.png') });
  });

  test('regression run stops early and shows predicted versus true', async () => {
    await page.getByRole('button', { name: 'New' }).click();
    await expect.poll(nodeNames).toEqual([]);
    await page.getByRole('tab', { name: 'Data' }).click();
    await page.getByRole('combobox', { name: 'Data set' }).selectOption('diabetes');
    await expect.poll(() => page.getByRole('combobox', { name: 'Task' }).inputValue()).toBe('regression');

    await buildMlp(page, 1);
    await page.getByRole('tab', { name: 'Settings' }).click();
    expect(await page.getByRole('combobox', { name: 'Loss function' }).inputValue()).toBe('MSELoss');
    await page.getByRole('spinbutton', { name: 'Epochs' }).fill('100000');

    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const lossChart = page.getByRole('img', { name: /^Loss chart at epoch/ });
    await expect.poll(async () => Number(/epoch (\d+)/.exec((await lossChart.getAttribute('aria-label')) ?? '')?.[1] ?? 0)).toBeGreaterThan(5);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();

    await page.getByRole('img', { name: /^Predicted versus true values of 88 rows/ }).waitFor({ timeout: 20_000 });
    expect(await page.getByText(/^MSE:/).innerText()).toMatch(/^MSE: \d/);
    expect(await page.getByRole('status').filter({ hasText: 'Training stopped' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Export model' }).isEnabled()).toBe(true);
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/regression.png') });
    expect(errors).toEqual([]);
  });
});
