import { describe, expect, it } from 'vitest';

import { formatFloat32Shortest } from '../../engine/model';

describe('formatFloat32Shortest', () => {
  it.each([
    [0.1, '0.1'],
    [1 / 3, '0.33333334'],
    [1, '1'],
    [-2.5, '-2.5'],
    [100, '100'],
    [1e-7, '1e-7'],
    [3.4028234663852886e38, '3.4028235e+38'],
    [1.401298464324817e-45, '1e-45'],
  ])('formats fround(%s) as %s', (value, text) => {
    expect(formatFloat32Shortest(Math.fround(value))).toBe(text);
  });

  it('keeps the sign of negative zero', () => {
    const text = formatFloat32Shortest(-0);

    expect(text).toBe('-0');
    expect(Object.is(JSON.parse(text), -0)).toBe(true);
  });

  it('round-trips a million random float32 bit patterns', () => {
    const bits = new Uint32Array(1);
    const floats = new Float32Array(bits.buffer);
    let state = 12345;
    let checked = 0;

    for (let i = 0; i < 1_000_000; i += 1) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      bits[0] = state;
      const value = floats[0];
      if (!Number.isFinite(value)) continue;

      const parsed = Math.fround(Number(formatFloat32Shortest(value)));
      if (!Object.is(parsed, value)) throw new Error(`bits ${state.toString(16)}: ${value} came back as ${parsed}`);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(990_000);
  });

  it('uses no more digits than needed', () => {
    for (const value of [0.5, 0.25, 0.3, 12.75, -1234.5]) {
      const f = Math.fround(value);
      const text = formatFloat32Shortest(f);
      const digits = text.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').length;

      expect(digits).toBeLessThanOrEqual(String(value).replace(/^-/, '').replace('.', '').replace(/^0+/, '').length);
    }
  });

  it('rejects values that are not finite', () => {
    expect(() => formatFloat32Shortest(Number.NaN)).toThrow(/must be finite, got NaN/);
  });
});
