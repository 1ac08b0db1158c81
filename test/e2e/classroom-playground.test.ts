/**
 * The optimizer playground in the browser shell: the three preset columns and their
 * outcomes, the sliders, adding and removing columns, loading a playground file, and closing.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp } from './helpers/browser';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

describe('optimizer playground', () => {
  let shell: WebShell;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  const dialog = () => page.getByRole('dialog', { name: 'Optimizer playground' });
  const column = (n: number) => dialog().getByRole('region', { name: `Setting ${n}`, exact: true });
  const outcome = (n: number) => dialog().getByLabel(`Outcome of setting ${n}`);
  const columnCount = () => dialog().getByRole('region', { name: /^Setting \d$/ }).count();

  beforeAll(async () => {
    [shell, browser] = await Promise.all([startWebShell(), launchBrowser()]);
    ({ page, errors } = await openApp(browser, shell.url));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
  });

  test('presets show a rate too small, too large and a good one', async () => {
    await page.getByRole('button', { name: 'Optimizer playground' }).click();
    await expect.poll(columnCount).toBe(3);
    await expect.poll(() => outcome(1).innerText(), { timeout: 10_000 }).toMatch(/^Still moving after 100 steps/);
    await expect.poll(() => outcome(2).innerText(), { timeout: 10_000 }).toMatch(/^Diverged/);
    await expect.poll(() => outcome(3).innerText(), { timeout: 10_000 }).toMatch(/^Reached the global minimum/);
    expect(await column(1).getByRole('slider', { name: 'Learning rate' }).getAttribute('aria-valuetext')).toBe('0.001');
    expect(await dialog().getByRole('button', { name: 'Add column' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/classroom-optimizer-playground.png') });
  });

  test('sliders change the run', async () => {
    const rate = column(1).getByRole('slider', { name: 'Learning rate' });
    await rate.fill(String(Math.log10(0.05)));
    await expect.poll(() => rate.getAttribute('aria-valuetext')).toBe('0.05');
    await expect.poll(() => outcome(1).innerText(), { timeout: 10_000 }).toMatch(/^Stalled in the local minimum/);

    await column(1).getByRole('slider', { name: 'Momentum' }).fill('0.9');
    await column(1).getByRole('spinbutton', { name: 'Steps' }).fill('20');
    await column(1).getByRole('spinbutton', { name: 'Steps' }).press('Enter');
    await expect.poll(() => column(1).innerText(), { timeout: 10_000 }).toMatch(/Step 20 of 20/);

    await column(2).getByRole('combobox', { name: 'Optimizer' }).selectOption('Adam');
    expect(await column(2).getByRole('slider', { name: 'Momentum' }).isDisabled()).toBe(true);
  });

  test('columns are added and removed', async () => {
    await column(1).getByRole('button', { name: 'Remove setting 1' }).click();
    await expect.poll(columnCount).toBe(2);
    await dialog().getByRole('button', { name: 'Add column' }).click();
    await expect.poll(columnCount).toBe(3);
  });

  test('example file loads, an invalid one is explained', async () => {
    const picker = dialog().getByLabel('Load settings file…');
    await picker.setInputFiles(join(ROOT, 'examples/optimizer-playground.json'));
    const example = JSON.parse(readFileSync(join(ROOT, 'examples/optimizer-playground.json'), 'utf8'));
    await expect.poll(() => column(1).getByRole('textbox').inputValue()).toBe(example.settings[0].label);
    await expect.poll(() => outcome(1).innerText(), { timeout: 10_000 }).toMatch(/^Stalled in the local minimum/);

    const invalid = JSON.stringify({ format: 'other', version: 1, settings: [{ optimizer: 'RMSprop', lr: 5, start: 0, steps: 10 }] });
    await picker.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(invalid) });
    const alert = dialog().getByRole('alert');
    await expect.poll(() => alert.innerText()).toContain('bad.json is not a valid optimizer playground file');
    expect(await alert.innerText()).toContain('settings[0].optimizer must be "SGD" or "Adam"');
    expect(await alert.innerText()).toContain('settings[0].lr must be a number from 0.0001 to 1, got 5');
    expect(await columnCount()).toBe(3);
  });

  test('close button and Escape close it', async () => {
    await dialog().getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog().count()).toBe(0);

    await page.getByRole('button', { name: 'Optimizer playground' }).click();
    await expect.poll(() => dialog().count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
