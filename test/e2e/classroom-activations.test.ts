/**
 * Activation plots in the inspector: the derivative read out at a slider or hovered point,
 * LeakyReLU's slope, Sigmoid's vanishing gradient, and Softmax's explanation.
 */

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp } from './helpers/browser';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

describe('activation plots', () => {
  let shell: WebShell;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  const readout = () => page.getByLabel('Gradient readout').innerText();
  const pointSlider = () => page.getByRole('slider', { name: 'Point x' });

  async function addAndSelect(type: string, name: string): Promise<void> {
    await page.getByRole('button', { name: `Add ${type}`, exact: true }).click();
    await page.getByRole('group', { name, exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name }).count()).toBe(1);
  }

  beforeAll(async () => {
    [shell, browser] = await Promise.all([startWebShell(), launchBrowser()]);
    ({ page, errors } = await openApp(browser, shell.url));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
  });

  test('ReLU gradient is 0 at -1 and 1 on hover right', async () => {
    await addAndSelect('ReLU', 'ReLU 1');
    await expect.poll(readout).toContain('At x = -1.0: ReLU(x) = 0, gradient = 0.');

    const plot = page.getByRole('img', { name: 'ReLU and its derivative for x from −4 to 4' });
    const box = await plot.boundingBox();
    if (box === null) throw new Error('The ReLU plot is not visible.');
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
    await expect.poll(readout).toContain('At x = 2.0: ReLU(x) = 2.000, gradient = 1.000.');
  });

  test('LeakyReLU plot follows its slope', async () => {
    await addAndSelect('LeakyReLU', 'LeakyReLU 1');
    const slope = page.getByRole('spinbutton', { name: 'Negative slope' });
    await slope.fill('0.2');
    await slope.press('Enter');
    await pointSlider().fill('-1');
    await expect.poll(readout).toContain('gradient = 0.200');
    expect(await page.getByRole('heading', { level: 3, name: /LeakyReLU\(x\)/ }).innerText()).toContain('0.2·x');
  });

  test('Sigmoid gradient vanishes at 4', async () => {
    await addAndSelect('Sigmoid', 'Sigmoid 1');
    await pointSlider().fill('0');
    await expect.poll(readout).toContain('gradient = 0.250');
    expect(await readout()).not.toContain('vanishes');

    await pointSlider().fill('4');
    await expect.poll(readout).toContain('The gradient vanishes here');
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/classroom-activation-plot.png') });
  });

  test('Softmax explains the vector', async () => {
    await addAndSelect('Softmax', 'Softmax 1');
    const section = page.getByRole('region', { name: 'Activation plot' });
    await expect.poll(() => section.innerText()).toContain('Softmax works on a whole vector');
    expect(await section.getByRole('img').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
