/**
 * Recorded runs in the browser shell. Two short iris runs appear in the Runs tab and their
 * curves overlay on one chart. A run's settings restore into the project, a run is
 * deleted, and the runs survive a reload (autosave) and a save to file.
 */

import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseProject } from '../../engine/project';
import { launchBrowser, openApp, openProjectFile } from './helpers/browser';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

const SCREENSHOTS = join(ROOT, 'docs/screenshots');

/** Opens examples/iris.wiregrad.json through the Open… button. */
async function openIris(page: Page): Promise<void> {
  await openProjectFile(page, join(ROOT, 'examples/iris.wiregrad.json'));
  await expect.poll(() => page.getByRole('textbox', { name: 'Project name' }).inputValue()).toBe('Iris species');
}

/** Sets the learning rate and epochs, trains, and waits until the run ends. */
async function train(page: Page, lr: string, epochs: string): Promise<void> {
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('spinbutton', { name: 'Learning rate' }).fill(lr);
  await page.getByRole('spinbutton', { name: 'Epochs' }).fill(epochs);

  const trainButton = page.getByRole('button', { name: 'Train', exact: true });
  await expect.poll(() => trainButton.isEnabled()).toBe(true);
  await trainButton.click();
  await page.getByLabel('Result accuracy').waitFor({ timeout: 90_000 });
}

function runsTable(page: Page) {
  return page.getByRole('table', { name: 'Recorded runs' });
}

/** Returns the two rows of one run: its results, then its settings and buttons. */
function runRows(page: Page, name: string) {
  return runsTable(page)
    .locator('tbody')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

describe('recorded runs', () => {
  let shell: WebShell;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let downloadDir: string;

  beforeAll(async () => {
    [shell, browser] = await Promise.all([startWebShell(), launchBrowser()]);
    ({ page, errors } = await openApp(browser, shell.url));
    page.on('dialog', (dialog) => void dialog.accept());
    downloadDir = await mkdtemp(join(tmpdir(), 'wiregrad-runs-'));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    if (downloadDir !== undefined) await rm(downloadDir, { recursive: true, force: true });
  });

  test('each finished run is listed', async () => {
    await openIris(page);
    await page.getByRole('tab', { name: 'Runs' }).click();
    expect(await page.getByText('Train the network to record the first one.').count()).toBe(1);

    await train(page, '0.01', '30');
    await train(page, '0.05', '40');
    await page.getByRole('tab', { name: 'Runs' }).click();

    const names = runsTable(page).getByRole('rowheader');
    await expect.poll(() => names.count()).toBe(2);
    expect(await names.allInnerTexts()).toEqual(['Run 2', 'Run 1']);
    const first = runRows(page, 'Run 1');
    const second = runRows(page, 'Run 2');
    // Name, parameters, train and validation loss, accuracy and time, then the settings.
    expect(await first.innerText()).toMatch(/Run 1\s+131\s+\d\.\d+\s+\d\.\d+\s+\d+\.\d%\s+[\d.]+ m?s\s/);
    expect(await first.innerText()).toMatch(/Adam · lr 0\.01 · batch 16 · 30 epochs \(best \d+\) · seed 0\s*$/);
    expect(await second.innerText()).toMatch(/Run 2\s+131\s+\d\.\d+\s+\d\.\d+\s+\d+\.\d%\s+[\d.]+ m?s\s/);
    expect(await second.innerText()).toMatch(/Adam · lr 0\.05 · batch 16 · 40 epochs \(best \d+\) · seed 0\s*$/);
  });

  test('ticked runs overlay on one chart', async () => {
    await page.getByRole('checkbox', { name: 'Compare Run 1' }).check();
    await page.getByRole('checkbox', { name: 'Compare Run 2' }).check();

    const chart = page.getByRole('img', { name: 'Validation loss per epoch of Run 1, Run 2' });
    await expect.poll(() => chart.count()).toBe(1);
    expect(await page.getByRole('img', { name: 'Validation accuracy per epoch of Run 1, Run 2' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Dismiss message' }).first().click();
    await page.getByRole('img', { name: 'Validation accuracy per epoch of Run 1, Run 2' }).scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOTS, 'runs-compare.png') });
  });

  test('restore copies a run settings', async () => {
    await page.getByRole('button', { name: 'Restore settings of Run 1' }).click();
    await page.getByRole('tab', { name: 'Settings' }).click();

    expect(await page.getByRole('spinbutton', { name: 'Learning rate' }).inputValue()).toBe('0.01');
    expect(await page.getByRole('spinbutton', { name: 'Epochs' }).inputValue()).toBe('30');
  });

  test('delete removes one run', async () => {
    await page.getByRole('tab', { name: 'Runs' }).click();
    await page.getByRole('button', { name: 'Delete Run 2' }).click();

    await expect.poll(() => runsTable(page).getByRole('rowheader').count()).toBe(1);
    expect(await page.getByRole('img', { name: 'Validation loss per epoch of Run 1' }).count()).toBe(1);
  });

  test('runs survive a reload and a save', async () => {
    await page.waitForTimeout(800);
    await page.reload();
    await page.getByRole('tab', { name: 'Runs' }).click();
    await expect.poll(() => runsTable(page).getByRole('rowheader', { name: 'Run 1', exact: true }).count()).toBe(1);
    expect(await runsTable(page).getByRole('rowheader').count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save' }).click()]);
    const path = join(downloadDir, download.suggestedFilename());
    await download.saveAs(path);
    const saved = parseProject(readFileSync(path, 'utf8'));

    expect(saved.runs).toHaveLength(1);
    expect(saved.runs?.[0].name).toBe('Run 1');
    expect(saved.runs?.[0].points).toHaveLength(30);
    expect(saved.runs?.[0].architecture).toBe('Linear(4 → 16) → ReLU() → Linear(16 → 3)');
    expect(errors).toEqual([]);
  });
});
