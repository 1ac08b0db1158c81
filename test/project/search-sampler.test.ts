import { describe, expect, it } from 'vitest';

import { createUniform, logUniform, sampleTrials, uniformIn, type SearchSpace } from '../../engine/search';

const SPACE: SearchSpace = {
  lr: { min: 1e-4, max: 1 },
  momentum: { min: 0.5, max: 0.99 },
  drawMomentum: true,
  trials: 8,
  seed: 42,
};

describe('search sampler', () => {
  it('repeats the trials for the same seed', () => {
    expect(sampleTrials(SPACE)).toEqual(sampleTrials(SPACE));
  });

  it('draws other trials for another seed', () => {
    const other = sampleTrials({ ...SPACE, seed: 43 });

    expect(other.map((trial) => trial.lr)).not.toEqual(sampleTrials(SPACE).map((trial) => trial.lr));
  });

  it('keeps every draw inside its range', () => {
    const trials = sampleTrials({ ...SPACE, trials: 500 });

    for (const trial of trials) {
      expect(trial.lr).toBeGreaterThanOrEqual(1e-4);
      expect(trial.lr).toBeLessThanOrEqual(1);
      expect(trial.momentum).toBeGreaterThanOrEqual(0.5);
      expect(trial.momentum).toBeLessThanOrEqual(0.99);
    }
  });

  it('spreads the learning rate evenly over decades', () => {
    const uniform = createUniform(7);
    const counts = [0, 0, 0, 0];
    const draws = 40_000;
    for (let i = 0; i < draws; i++) {
      const decade = Math.floor(Math.log10(logUniform(uniform, { min: 1e-4, max: 1 })) + 4);
      counts[Math.min(3, decade)] += 1;
    }

    // Each of the 4 decades gets a quarter of the draws; a linear draw would put 90% in the last.
    for (const count of counts) expect(Math.abs(count / draws - 0.25)).toBeLessThan(0.01);
  });

  it('draws momentum uniformly', () => {
    const uniform = createUniform(11);
    const draws = Array.from({ length: 20_000 }, () => uniformIn(uniform, { min: 0, max: 0.9 }));
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;

    expect(mean).toBeCloseTo(0.45, 2);
  });

  it('leaves momentum out unless drawn', () => {
    const trials = sampleTrials({ ...SPACE, drawMomentum: false });

    expect(trials.every((trial) => trial.momentum === null)).toBe(true);
    expect(trials.map((trial) => trial.lr)).toEqual(sampleTrials(SPACE).map((trial) => trial.lr));
  });

  it('returns a fixed value for an empty range', () => {
    expect(logUniform(createUniform(1), { min: 0.01, max: 0.01 })).toBeCloseTo(0.01, 12);
  });

  it('rejects a reversed range', () => {
    expect(() => logUniform(createUniform(1), { min: 0.1, max: 0.01 })).toThrow(
      'The learning rate range must run from a smaller to a larger number, got 0.1 to 0.01.',
    );
  });

  it('rejects a log range through zero', () => {
    expect(() => logUniform(createUniform(1), { min: 0, max: 0.1 })).toThrow('A log-uniform range must be positive, got min=0.');
  });
});
