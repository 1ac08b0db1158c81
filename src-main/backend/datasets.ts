/**
 * The bundled data sets: their list for the data panel and their previews, read from
 * the CSV files in the datasets folder.
 */

import { join } from 'node:path';
import { BUILTIN_DATASETS, findBuiltinDataset, type BuiltinDataset } from '../../engine/data/builtin';
import { readCsvFile } from '../../engine/data/csv/read-file';
import type { CsvTable } from '../../engine/data/csv';
import { UserFacingError } from './errors';
import type { DatasetInfo, TablePreview } from './protocol';
import { previewTable } from './table-preview';

/** Lists the bundled data sets with their feature columns, read from each file's header. */
export async function listDatasets(datasetsDir: string): Promise<DatasetInfo[]> {
  return Promise.all(
    BUILTIN_DATASETS.map(async (dataset) => {
      const table = await readDataset(datasetsDir, dataset.name);
      return {
        name: dataset.name,
        title: dataset.title,
        description: dataset.description,
        rowCount: table.rowCount,
        features: table.names.filter((name) => name !== dataset.target),
        target: dataset.target,
        task: dataset.task,
      };
    }),
  );
}

/** Previews a bundled data set, with its own target and task as the suggestion. */
export async function previewDataset(datasetsDir: string, name: string): Promise<TablePreview> {
  const dataset = requireDataset(name);
  const table = await readDataset(datasetsDir, name);
  const preview = previewTable(dataset.file, table);
  return { ...preview, suggestedTarget: dataset.target, suggestedTask: dataset.task };
}

/** Reads a bundled data set's table; files are read once per process and then cached. */
export async function readDataset(datasetsDir: string, name: string): Promise<CsvTable> {
  const dataset = requireDataset(name);
  const path = join(datasetsDir, dataset.file);
  let table = tableCache.get(path);
  if (table === undefined) {
    table = readCsvFile(path);
    tableCache.set(path, table);
    table.catch(() => tableCache.delete(path));
  }
  return table;
}

const tableCache = new Map<string, Promise<CsvTable>>();

function requireDataset(name: string): BuiltinDataset {
  const dataset = findBuiltinDataset(name);
  if (dataset !== undefined) return dataset;

  const known = BUILTIN_DATASETS.map((entry) => entry.name).join(', ');
  throw new UserFacingError(`There is no bundled data set called '${name}'. The bundled data sets are: ${known}.`);
}
