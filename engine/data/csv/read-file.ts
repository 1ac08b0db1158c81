import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DataError } from '../errors';
import { CsvParser, type CsvParserOptions } from './parser';
import type { CsvTable } from './table';

export interface ReadCsvFileOptions extends CsvParserOptions {
  /** Called after each chunk with the bytes read so far and the file size in bytes. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/**
 * Streams a UTF-8 CSV file through CsvParser in 1 MiB chunks, so only the parsed
 * columns are held in memory. Node only; the renderer calls `parseCsv` on a file's text.
 */
export async function readCsvFile(
  path: string,
  options: ReadCsvFileOptions = {},
): Promise<CsvTable> {
  let totalBytes: number;
  try {
    totalBytes = (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new DataError('file-not-found', `CSV file not found: ${path}`);
  }

  const parser = new CsvParser(options);
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream) {
    parser.push(chunk as string);
    options.onProgress?.(stream.bytesRead, totalBytes);
  }
  return parser.end();
}
