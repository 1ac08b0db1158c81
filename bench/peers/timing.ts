/** Timing helpers shared by the TypeScript peers; the PyTorch peer follows the same rules. */

/**
 * Runs `run` up to `repeats` times and returns the seconds each run took. It starts no
 * further run once the time so far plus the last run's time would pass `maxSeconds`, but
 * always does at least one.
 */
export async function timeRuns(
  run: () => void | Promise<void>,
  repeats: number,
  maxSeconds: number,
): Promise<number[]> {
  const seconds: number[] = [];
  let total = 0;

  while (seconds.length < repeats) {
    const last = seconds.at(-1);
    if (last !== undefined && total + last > maxSeconds) break;

    const start = performance.now();
    await run();
    const elapsed = (performance.now() - start) / 1000;
    seconds.push(elapsed);
    total += elapsed;
  }
  return seconds;
}

/**
 * Returns the GFLOP/s of each timed run of an n×n by n×n product, after one untimed
 * product. Each run repeats `product` until it has taken `minRunSeconds`, so small sizes
 * are not lost in timer noise.
 */
export async function timeMatmul(
  product: () => void,
  n: number,
  repeats: number,
  minRunSeconds: number,
  maxSeconds: number,
): Promise<number[]> {
  const flops = 2 * n ** 3;
  const rates: number[] = [];
  product();

  const runUntilMinimum = (): void => {
    let count = 0;
    let elapsed = 0;
    const start = performance.now();
    while (count === 0 || elapsed < minRunSeconds) {
      product();
      count += 1;
      elapsed = (performance.now() - start) / 1000;
    }
    rates.push((flops * count) / elapsed / 1e9);
  };

  await timeRuns(runUntilMinimum, repeats, maxSeconds);
  return rates;
}

/** Makes a seeded stream of uniform numbers in [0, 1) with mulberry32, for the TF.js peer. */
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

/** Shuffles `order` in place (Fisher-Yates) with a seeded stream. */
export function shuffleInPlace(order: Int32Array, uniform: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
}
