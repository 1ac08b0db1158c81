/**
 * Random search over the optimizer's settings, as introductory courses teach it: the
 * learning rate drawn log-uniformly between two values, momentum uniformly. A search
 * seed fixes every draw, so the same seed gives the same trials.
 */

/** A range of values to draw from; `min` may equal `max`. */
export interface Range {
  min: number;
  max: number;
}

/** Ranges a search draws from, with the number of trials and the seed. */
export interface SearchSpace {
  /** Learning rate range, drawn on a log scale; both ends must be positive. */
  lr: Range;
  /** Momentum range, drawn uniformly; used only when `drawMomentum` is true (SGD). */
  momentum: Range;
  drawMomentum: boolean;
  trials: number;
  /** Unsigned 32-bit seed of the draws. */
  seed: number;
}

/** The settings one trial trains with. */
export interface TrialSettings {
  lr: number;
  /** The drawn momentum, or null when the search does not draw momentum. */
  momentum: number | null;
}

/**
 * Returns a generator of uniform numbers in [0, 1) seeded with a 32-bit integer
 * (mulberry32: small, fast, and the same sequence on every platform).
 */
export function createUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from `range` so that every decade between its ends is equally likely. */
export function logUniform(uniform: () => number, range: Range): number {
  checkRange('learning rate', range);
  if (range.min <= 0) throw new RangeError(`A log-uniform range must be positive, got min=${range.min}.`);
  const low = Math.log(range.min);
  const high = Math.log(range.max);
  return Math.exp(low + uniform() * (high - low));
}

/** Draws uniformly from `range`. */
export function uniformIn(uniform: () => number, range: Range): number {
  checkRange('momentum', range);
  return range.min + uniform() * (range.max - range.min);
}

function checkRange(name: string, range: Range): void {
  if (!Number.isFinite(range.min) || !Number.isFinite(range.max) || range.min > range.max) {
    throw new RangeError(`The ${name} range must run from a smaller to a larger number, got ${range.min} to ${range.max}.`);
  }
}

/** Draws the settings of every trial of a search, in trial order. */
export function sampleTrials(space: SearchSpace): TrialSettings[] {
  const uniform = createUniform(space.seed);
  const trials: TrialSettings[] = [];
  for (let i = 0; i < space.trials; i++) {
    // Each trial draws both values, so a trial's learning rate does not depend on drawMomentum.
    const lr = logUniform(uniform, space.lr);
    const momentum = uniformIn(uniform, space.momentum);
    trials.push({ lr, momentum: space.drawMomentum ? momentum : null });
  }
  return trials;
}
