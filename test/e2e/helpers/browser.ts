/** Chromium for end-to-end tests: the system's Debian build, headless, no network beyond 127.0.0.1. */

import { chromium, type Browser, type Page } from 'playwright-core';

/** A file given to a file chooser: a path, or a name with its contents. */
export type ChosenFile = string | { name: string; mimeType: string; buffer: Buffer };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Opens the app in a fresh context (empty localStorage) and collects page errors. */
export async function openApp(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  return { page, errors };
}

/** Opens a project file through the toolbar's Open… button and its file chooser. */
export async function openProjectFile(page: Page, file: ChosenFile): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open…' }).click()]);
  await chooser.setFiles(file);
}
