import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvFile } from '../../engine/data/csv/read-file';

const ROW_COUNT = 3_000_000;
const ROWS_PER_WRITE = 10_000;
const LABELS = ['cat', 'dog', 'bird'];

const directory = mkdtempSync(join(tmpdir(), 'wiregrad-csv-'));
const path = join(directory, 'large.csv');

afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Writes a CSV of about 100 MB whose values are exact in float32, and returns column sums. */
function writeLargeCsv(): { x: number; y: number; z: number } {
  const sums = { x: 0, y: 0, z: 0 };
  const fd = openSync(path, 'w');
  writeSync(fd, 'id,x,y,z,constant,label\n');
  for (let start = 0; start < ROW_COUNT; start += ROWS_PER_WRITE) {
    const lines: string[] = [];
    for (let i = start; i < start + ROWS_PER_WRITE; i++) {
      const x = (i % 1000) * 0.25;
      const y = -(i % 777);
      const z = (i % 13) + 0.5;
      sums.x += x;
      sums.y += y;
      sums.z += z;
      lines.push(`${i},${x},${y},${z},123.456,${LABELS[i % 3]}\n`);
    }
    writeSync(fd, lines.join(''));
  }
  closeSync(fd);
  return sums;
}

function sum(values: Float32Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

describe('readCsvFile', () => {
  it('streams a 100 MB file in compact columns', async () => {
    const expected = writeLargeCsv();
    expect(statSync(path).size).toBeGreaterThan(100e6);

    let maxHeapUsed = 0;
    const table = await readCsvFile(path, {
      onProgress: () => {
        maxHeapUsed = Math.max(maxHeapUsed, process.memoryUsage().heapUsed);
      },
    });

    expect(table.rowCount).toBe(ROW_COUNT);
    expect(table.names).toEqual(['id', 'x', 'y', 'z', 'constant', 'label']);
    const [id, x, y, z, , label] = table.columns;
    expect(sum(x.values)).toBe(expected.x);
    expect(sum(y.values)).toBe(expected.y);
    expect(sum(z.values)).toBe(expected.z);
    expect(id.values[ROW_COUNT - 1]).toBe(ROW_COUNT - 1);
    expect(table.lines[ROW_COUNT - 1]).toBe(ROW_COUNT + 1);
    expect(label.dictionary).toEqual(LABELS);
    expect(label.codes?.[ROW_COUNT - 1]).toBe((ROW_COUNT - 1) % 3);
    expect(x.codes).toBeNull();
    expect(maxHeapUsed).toBeGreaterThan(0);
    expect(maxHeapUsed).toBeLessThan(1024 ** 3);
  });

  it('rejects a missing file', async () => {
    const missing = join(directory, 'missing.csv');

    await expect(readCsvFile(missing)).rejects.toMatchObject({
      name: 'DataError',
      code: 'file-not-found',
      message: `CSV file not found: ${missing}`,
    });
  });
});
