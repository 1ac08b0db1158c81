/**
 * Lessons: the list opens a starter project, and the instruction card checks the task live
 * as the learner edits and trains.
 */

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openApp, openProjectFile } from './helpers/browser';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

describe('lessons', () => {
  let shell: WebShell;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [shell, browser] = await Promise.all([startWebShell(), launchBrowser()]);
    ({ page } = await openApp(browser, shell.url));
    page.on('dialog', (dialog) => void dialog.accept());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
  });

  test('small-network lesson opens and checks the parameter count', async () => {
    await page.getByRole('button', { name: 'Lessons' }).click();
    const list = page.getByRole('dialog', { name: 'Lessons' });
    await list.getByRole('button', { name: 'Start lesson: A network of fewer than 120 parameters' }).click();

    const card = page.getByRole('region', { name: 'Lesson' });
    await expect.poll(() => card.getByRole('listitem').nth(1).innerText()).toContain('Fewer than 120 parameters (now 131)');
    expect(await card.getByRole('status').innerText()).toBe('Not met yet.');

    await page.getByRole('group', { name: 'Linear 1', exact: true }).click();
    const outFeatures = page.getByRole('spinbutton', { name: 'Out features' });
    await outFeatures.fill('8');
    await outFeatures.press('Enter');
    await expect.poll(() => card.getByRole('listitem').nth(1).innerText()).toContain('Fewer than 120 parameters (now 67) (done)');
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/classroom-lesson.png') });

    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByLabel('Result accuracy').waitFor({ timeout: 90_000 });
    await expect.poll(() => card.getByRole('status').innerText()).toBe('Task met. Well done!');
  });

  test('opening another project closes the card', async () => {
    const card = page.getByRole('region', { name: 'Lesson' });
    expect(await card.count()).toBe(1);
    await openProjectFile(page, join(ROOT, 'examples/iris.wiregrad.json'));
    await expect.poll(() => page.getByRole('textbox', { name: 'Project name' }).inputValue()).toBe('Iris species');
    expect(await card.count()).toBe(0);
  });
});
