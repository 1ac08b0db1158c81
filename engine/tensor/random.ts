/**
 * Seeded pseudo-random numbers for initialisation, dropout and shuffling.
 * The stream is xoshiro128**, so it cannot reproduce PyTorch's Mersenne Twister stream;
 * one seed reproduces one Wiregrad run exactly.
 */
export class Generator {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal: number | null = null;

  constructor(seed = Date.now()) {
    this.manualSeed(seed);
  }

  /** Resets the stream to the one `seed` starts. */
  manualSeed(seed: number): this {
    let state = Math.trunc(seed) >>> 0;
    const next = (): number => {
      // splitmix32 spreads a small seed over the whole state.
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    this.spareNormal = null;
    return this;
  }

  /** Draws a uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Draws a uniform number in [0, 1) with 32 random bits. */
  random(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Draws a uniform number in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.random();
  }

  /** Draws a normally distributed number (Box-Muller transform). */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return mean + std * spare;
    }
    let u = 0;
    while (u === 0) u = this.random();
    const v = this.random();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return mean + std * radius * Math.cos(2 * Math.PI * v);
  }

  /** Draws an integer in [0, n). */
  integer(n: number): number {
    return Math.floor(this.random() * n);
  }

  /** Draws a random permutation of 0 … n-1 (Fisher-Yates shuffle). */
  permutation(n: number): Int32Array {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.integer(i + 1);
      const swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The generator that `rand`, `randn`, initialisation and dropout draw from by default. */
export const defaultGenerator = new Generator(0x5eed);

/** Seeds the default generator, like `torch.manual_seed`. */
export function manualSeed(seed: number): Generator {
  if (!Number.isFinite(seed)) {
    throw new TypeError(`manualSeed: seed must be a finite number, got ${seed}`);
  }
  return defaultGenerator.manualSeed(seed);
}
