/**
 * Every project shipped in examples/ opens as a learner finds it: its data settings name
 * columns of its bundled data set, the data prepares, and the Input node matches the
 * feature count. Lessons may leave the rest of the graph for the learner to fix.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBuiltinDataset } from '../../engine/data/builtin';
import { readCsvFile } from '../../engine/data/csv/read-file';
import { prepareData } from '../../engine/data/prepare';
import { validateProject } from '../../engine/project';

const ROOT = join(import.meta.dirname, '../..');

function projectFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return projectFiles(join(folder, entry.name));
    return entry.name.endsWith('.wiregrad.json') ? [join(folder, entry.name)] : [];
  });
}

const bundled = projectFiles('examples')
  .map((file) => ({ file, project: validateProject(JSON.parse(readFileSync(join(ROOT, file), 'utf8'))) }))
  .filter(({ project }) => 'builtin' in project.data.source);

describe('bundled example projects', () => {
  it('include the lessons', () => {
    expect(bundled.filter(({ file }) => file.includes('lessons')).length).toBeGreaterThanOrEqual(5);
  });

  it.each(bundled.map(({ file, project }) => [file, project] as const))('%s prepares its data', async (_file, project) => {
    const source = project.data.source as { builtin: string };
    const dataset = findBuiltinDataset(source.builtin);
    expect(dataset).toBeDefined();
    const table = await readCsvFile(join(ROOT, 'datasets', dataset!.file));
    const { features, target, task, standardize, dropMissing } = project.data;
    const prepared = prepareData(table, {
      features,
      target,
      task,
      standardize,
      dropMissing,
      validationSplit: project.training.validationSplit,
      seed: project.training.seed,
    });
    expect(prepared.features).toEqual(features);
    expect(features).not.toContain(target);

    const input = project.graph.nodes.find((node) => node.type === 'Input');
    expect(input?.params?.features).toBe(features.length);
  });
});
