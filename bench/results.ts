/** Writes a benchmark record to bench/results/ as JSON and Markdown. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderMarkdown } from './format';
import type { BenchRecord } from './record';

export const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

/**
 * Writes `<date>[-quick|-partial].json` and `.md`, and, for a full run of every workload,
 * latest.json and latest.md too, so latest.* always contains a complete comparison.
 * Returns the paths written.
 */
export function writeResults(record: BenchRecord): string[] {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = record.startedAt.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  let suffix = '';
  if (record.mode === 'quick') suffix = '-quick';
  else if (record.only !== null) suffix = '-partial';
  const names = [`${stamp}${suffix}`];
  if (suffix === '') names.push('latest');

  const json = `${JSON.stringify(record, null, 2)}\n`;
  const markdown = renderMarkdown(record);
  const written: string[] = [];
  for (const name of names) {
    writeFileSync(`${RESULTS_DIR}${name}.json`, json);
    writeFileSync(`${RESULTS_DIR}${name}.md`, markdown);
    written.push(`${RESULTS_DIR}${name}.json`, `${RESULTS_DIR}${name}.md`);
  }
  return written;
}
