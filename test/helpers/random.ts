/**
 * Seeded uniform numbers in [0, 1) for test inputs (mulberry32), independent of
 * the engine's own generator so a test input never shifts when the engine changes.
 */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` values drawn uniformly from [low, high). */
export function uniformValues(next: () => number, count: number, low: number, high: number): number[] {
  return Array.from({ length: count }, () => low + (high - low) * next());
}

/** `count` values with magnitude in [low, high) and a random sign, away from kinks at 0. */
export function signedValues(next: () => number, count: number, low: number, high: number): number[] {
  return uniformValues(next, count, low, high).map((v) => (next() < 0.5 ? -v : v));
}
