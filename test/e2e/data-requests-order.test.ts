/**
 * The data of the latest request is the data shown, whatever order the backend's replies
 * arrive in. The test sits between the page and the browser shell's WebSocket and holds
 * back chosen replies, to open a project while the app is still starting, and while an
 * earlier data set is still loading.
 */

import { join } from 'node:path';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openProjectFile } from './helpers/browser';
import { ROOT, startWebShell, type WebShell } from './helpers/web-shell';

const DIAGNOSE_PROJECT = join(ROOT, 'examples/diagnose-learning-rate.wiregrad.json');

interface Invoke {
  id: number;
  channel: string;
  payload: { name?: string };
}

/**
 * Forwards the page's backend calls, except that the reply to the first call `hold`
 * picks is kept until `release()`.
 */
class ReplyHolder {
  private heldId: number | null = null;
  private heldReply: string | null = null;
  private route: WebSocketRoute | null = null;
  private pick: ((call: Invoke) => boolean) | null = null;

  async attach(context: BrowserContext): Promise<void> {
    await context.routeWebSocket(/\/ws\?token=/, (route) => {
      this.route = route;
      const server = route.connectToServer();
      route.onMessage((message) => {
        const call = JSON.parse(String(message)) as Invoke;
        if (this.heldId === null && this.pick?.(call) === true) {
          this.heldId = call.id;
          this.pick = null;
        }
        server.send(message);
      });
      server.onMessage((message) => {
        const reply = JSON.parse(String(message)) as { id?: number };
        if (reply.id !== undefined && reply.id === this.heldId) this.heldReply = String(message);
        else route.send(message);
      });
    });
  }

  hold(pick: (call: Invoke) => boolean): void {
    this.heldId = null;
    this.heldReply = null;
    this.pick = pick;
  }

  /** True once the picked call's reply has come from the backend and is being held. */
  holding(): boolean {
    return this.heldReply !== null;
  }

  release(): void {
    if (this.heldReply !== null) this.route?.send(this.heldReply);
    this.heldId = null;
    this.heldReply = null;
  }
}

/** Checks that the diagnose-learning-rate example's data (diabetes, regression) is in place. */
async function expectDiagnoseProjectData(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('textbox', { name: 'Project name' }).inputValue()).toBe('Diagnose the learning rate');
  await page.getByRole('tab', { name: 'Data' }).click();
  await expect.poll(() => page.getByRole('combobox', { name: 'Data set' }).inputValue()).toBe('diabetes');
  await expect.poll(() => page.getByRole('combobox', { name: 'Task' }).inputValue()).toBe('regression');
  await expect.poll(() => page.getByRole('button', { name: 'Train', exact: true }).isEnabled()).toBe(true);
}

describe('data requests answered late', () => {
  let shell: WebShell;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let holder: ReplyHolder;
  const errors: string[] = [];

  beforeAll(async () => {
    [shell, browser] = await Promise.all([startWebShell(), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    holder = new ReplyHolder();
    await holder.attach(context);
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => void dialog.accept());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
  });

  test('project opened during startup stays', async () => {
    holder.hold((call) => call.channel === 'list-datasets');
    await page.goto(shell.url);
    await expect.poll(() => holder.holding()).toBe(true);

    await openProjectFile(page, DIAGNOSE_PROJECT);
    await expect.poll(() => page.getByRole('textbox', { name: 'Project name' }).inputValue()).toBe('Diagnose the learning rate');
    holder.release();

    await expectDiagnoseProjectData(page);
  });

  test('late data set reply is dropped', async () => {
    await page.getByRole('tab', { name: 'Data' }).click();
    holder.hold((call) => call.channel === 'preview-dataset' && call.payload.name === 'iris');
    await page.getByRole('combobox', { name: 'Data set' }).selectOption('iris');
    await expect.poll(() => holder.holding()).toBe(true);

    await openProjectFile(page, DIAGNOSE_PROJECT);
    await expect.poll(() => page.getByRole('combobox', { name: 'Data set' }).inputValue()).toBe('diabetes');
    holder.release();

    await expectDiagnoseProjectData(page);
    expect(errors).toEqual([]);
  });
});
