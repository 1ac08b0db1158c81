/** Reads the predict panel's result as a user sees it. */

import type { Page } from 'playwright-core';

/** Returns each class's probability in percent, from the bars' accessible names ('setosa 97.1%'). */
export async function probabilities(page: Page): Promise<Map<string, number>> {
  const bars = await page.getByRole('list', { name: 'Predicted probabilities' }).getByRole('listitem').all();
  const entries = await Promise.all(bars.map((bar) => bar.getAttribute('aria-label')));
  return new Map(
    entries.map((entry) => {
      const match = /^(.+) ([\d.]+)%$/.exec(entry ?? '');
      return [match?.[1] ?? '', Number(match?.[2])];
    }),
  );
}
