/**
 * Builds a network on the canvas the way a user does: palette items dragged onto the
 * canvas with the mouse, and edges dragged from an output handle to an input handle.
 */

import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Returns the centre of an element in page coordinates. */
async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error(`${locator.toString()} is not visible.`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags a palette item to a point given as fractions of the canvas' width and height. */
export async function dragFromPalette(page: Page, type: string, at: { x: number; y: number }): Promise<void> {
  const canvas = await page.getByRole('region', { name: 'Network canvas' }).boundingBox();
  if (canvas === null) throw new Error('The network canvas is not visible.');

  const start = await centreOf(page.getByRole('button', { name: `Add ${type}`, exact: true }));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(canvas.x + canvas.width * at.x, canvas.y + canvas.height * at.y, { steps: 8 });
  await page.mouse.up();
}

/** Drags from a node's output handle to another node's input handle, by node name. */
export async function connect(page: Page, from: string, to: string): Promise<void> {
  const start = await centreOf(page.getByRole('button', { name: `${from} output`, exact: true }));
  const end = await centreOf(page.getByRole('button', { name: `${to} input`, exact: true }));

  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2 + 20, { steps: 5 });
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await page.mouse.up();
}

/**
 * Builds Input → Linear → ReLU → Linear → Output with drags, connects it, and sets the
 * last Linear layer's out features to `outputs`.
 */
export async function buildMlp(page: Page, outputs: number): Promise<void> {
  const chain = ['Input', 'Linear', 'ReLU', 'Linear', 'Output'];
  for (const [index, type] of chain.entries()) {
    // A zigzag keeps each node clear of its neighbours' handles on a narrow canvas.
    await dragFromPalette(page, type, { x: 0.14 + index * 0.18, y: index % 2 === 0 ? 0.22 : 0.68 });
  }
  for (const name of ['Input', 'Linear 1', 'ReLU 1', 'Linear 2', 'Output']) {
    await expect.poll(() => page.getByRole('group', { name, exact: true }).count()).toBe(1);
  }

  await connect(page, 'Input', 'Linear 1');
  await connect(page, 'Linear 1', 'ReLU 1');
  await connect(page, 'ReLU 1', 'Linear 2');
  await connect(page, 'Linear 2', 'Output');

  await page.getByRole('group', { name: 'Linear 2', exact: true }).click();
  const outFeatures = page.getByRole('spinbutton', { name: 'Out features' });
  await outFeatures.fill(String(outputs));
  await outFeatures.press('Enter');
}

/** Returns the shape labels of the canvas' edges, in document order. */
export async function edgeLabels(page: Page): Promise<string[]> {
  return page.locator('.shape-label').allInnerTexts();
}
