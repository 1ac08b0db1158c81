import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runOptimizer } from '../../engine/playground/optimizer-path';
import {
  parsePlaygroundFile,
  PlaygroundFileError,
  PRESETS,
  serializePlaygroundFile,
} from '../../src-renderer/src/lib/playground/playground-file';

function issuesOf(text: string): string[] {
  try {
    parsePlaygroundFile('test.json', text);
  } catch (error) {
    if (error instanceof PlaygroundFileError) return error.issues;
    throw error;
  }
  throw new Error('The file was accepted.');
}

describe('optimizer playground file', () => {
  it('reads the bundled example', () => {
    const file = parsePlaygroundFile('example', readFileSync('examples/optimizer-playground.json', 'utf8'));
    expect(file.settings).toHaveLength(3);
    expect(file.settings[2].optimizer).toBe('Adam');
  });

  it('round-trips the presets', () => {
    expect(parsePlaygroundFile('presets', serializePlaygroundFile(PRESETS)).settings).toEqual(PRESETS);
  });

  it('presets end as their captions say', () => {
    expect(PRESETS.map((setting) => runOptimizer(setting).outcome)).toEqual(['still moving', 'diverged', 'global minimum']);
  });

  it('rejects text that is not JSON', () => {
    expect(issuesOf('{')[0]).toMatch(/^The text is not valid JSON/);
  });

  it('rejects a wrong format and version', () => {
    const issues = issuesOf(JSON.stringify({ format: 'wiregrad-project', version: 2, settings: PRESETS }));
    expect(issues).toContain('"format" must be "wiregrad-optimizer-playground", got "wiregrad-project".');
    expect(issues).toContain('"version" must be 1, got 2.');
  });

  it('rejects more than three settings', () => {
    const text = JSON.stringify({ format: 'wiregrad-optimizer-playground', version: 1, settings: [...PRESETS, PRESETS[0]] });
    expect(issuesOf(text)).toEqual(['"settings" must be a list of 1 to 3 settings.']);
  });

  it('names each field out of range', () => {
    const setting = { optimizer: 'RMSprop', lr: 0, momentum: 1.5, start: 9, steps: 2.5, label: 3 };
    const issues = issuesOf(JSON.stringify({ format: 'wiregrad-optimizer-playground', version: 1, settings: [setting] }));
    expect(issues).toEqual([
      'settings[0].optimizer must be "SGD" or "Adam", got "RMSprop".',
      'settings[0].label must be text.',
      'settings[0].lr must be a number from 0.0001 to 1, got 0.',
      'settings[0].momentum must be a number from 0 to 0.99, got 1.5.',
      'settings[0].start must be a number from -3 to 3, got 9.',
      'settings[0].steps must be an integer from 1 to 500, got 2.5.',
    ]);
  });

  it('defaults a missing momentum to 0', () => {
    const setting = { optimizer: 'Adam', lr: 0.1, start: 1, steps: 10 };
    const file = parsePlaygroundFile('x', JSON.stringify({ format: 'wiregrad-optimizer-playground', version: 1, settings: [setting] }));
    expect(file.settings[0]).toEqual({ ...setting, momentum: 0, label: '' });
  });
});
