/**
 * Editing and project files in the browser shell: palette clicks, copy and paste,
 * delete, undo and redo by keyboard, save and open a project, and a regression run
 * stopped early.
 */

import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp } from './helpers/browser';
import { buildMlp } from './helpers/editor';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

describe('editing in the browser shell', () => {
  let shell: WebShell;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let dir: string;

  const nodeNames = async (): Promise<string[]> =>
    page.locator('.svelte-flow__node').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));

  beforeAll(async () => {
    [shell, browser] = await Promise.all([startWebShell(), launchBrowser()]);
    ({ page, errors } = await openApp(browser, shell.url));
    dir = await mkdtemp(join(tmpdir(), 'wiregrad-e2e-edit-'));
    page.on('dialog', (dialog) => void dialog.accept());
  }, 120_000);

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
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { format: string; graph: { nodes: unknown[] } };
    expect(saved.format).toBe('wiregrad-project');
    expect(saved.graph.nodes).toHaveLength(3);

    await page.getByRole('button', { name: 'New' }).click();
    await expect.poll(nodeNames).toEqual([]);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open…' }).click()]);
    await chooser.setFiles(path);
    await expect.poll(nodeNames).toEqual(['Input', 'Linear 1', 'ReLU 1']);
    expect(await page.getByRole('textbox', { name: 'Project name' }).inputValue()).toBe('Edit test');
  });

  test('invalid project file is reported and changes nothing', async () => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open…' }).click()]);
    await chooser.setFiles({ name: 'broken.wiregrad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"x"}') });
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'The project file is invalid' }).count()).toBe(1);
    await expect.poll(nodeNames).toEqual(['Input', 'Linear 1', 'ReLU 1']);
    await page.getByRole('button', { name: 'Dismiss message' }).click();
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
