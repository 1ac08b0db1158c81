import { describe, expect, test } from 'vitest';

import { manualSeed, nn, ones, rand, randn, zeros, type Tensor } from '../../engine';
import { fixtures } from '../helpers/fixtures';
import { valuesOf } from '../helpers/tensors';

// PyTorch's random streams cannot be reproduced, so these tests check distributions.
// Each bound allows about 4.5 standard errors of the statistic. Every test seeds its
// draws, so a result does not change between runs of the same engine.

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function std(values: number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / values.length);
}

function maxAbs(values: number[]): number {
  return values.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
}

describe('Dropout', () => {
  test('train mode zeroes about p and scales survivors', () => {
    manualSeed(5);
    const dropout = new nn.Dropout(0.3);
    dropout.train();

    const out = valuesOf(dropout.forward(ones([200, 100])));
    const zeroed = out.filter((v) => v === 0).length / out.length;
    const survivors = out.filter((v) => v !== 0);

    // Standard error of the zeroed fraction: sqrt(0.3 * 0.7 / 20000) = 0.0032.
    expect(Math.abs(zeroed - 0.3)).toBeLessThan(0.015);
    for (const v of new Set(survivors)) expect(v).toBeCloseTo(1 / 0.7, 6);
  });

  test('gradient uses the same mask and scale', () => {
    manualSeed(6);
    const dropout = new nn.Dropout(0.5);
    const x = ones([10, 10]).mul(3);
    x.requiresGrad = true;

    const out = dropout.forward(x);
    out.sum().backward();

    // out = x * mask * 2 with x = 3, so d(sum)/dx = out / 3.
    const expected = valuesOf(out).map((v) => v / 3);
    expect(x.grad).not.toBeNull();
    expect(x.grad === null ? [] : valuesOf(x.grad)).toEqual(expected);
  });

  test('eval mode is identity', () => {
    const dropout = new nn.Dropout(0.5);
    dropout.eval();
    const x = randn([20, 5]);

    expect(valuesOf(dropout.forward(x))).toEqual(valuesOf(x));
  });

  test('p 0 keeps and p 1 zeroes every element', () => {
    const keep = new nn.Dropout(0);
    const drop = new nn.Dropout(1);
    const x = randn([20, 5]);

    expect(valuesOf(keep.forward(x))).toEqual(valuesOf(x));
    expect(valuesOf(drop.forward(x)).every((v) => v === 0)).toBe(true);
  });
});

describe('rand and randn', () => {
  test('rand is uniform on [0, 1)', () => {
    manualSeed(1);
    const values = valuesOf(rand([20000]));

    // Standard errors: mean 0.289 / sqrt(20000) = 0.002, std about 0.001.
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(Math.abs(mean(values) - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(std(values) - Math.sqrt(1 / 12))).toBeLessThan(0.007);
  });

  test('randn has mean 0 and std 1', () => {
    manualSeed(2);
    const values = valuesOf(randn([20000]));

    // Standard errors: mean 1 / sqrt(20000) = 0.007, std 1 / sqrt(40000) = 0.005.
    expect(Math.abs(mean(values))).toBeLessThan(0.032);
    expect(Math.abs(std(values) - 1)).toBeLessThan(0.023);
  });
});

describe('initialization bounds', () => {
  const bounds = fixtures.initBounds;

  function expectWithin(t: Tensor, bound: number): void {
    const values = valuesOf(t);
    expect(maxAbs(values)).toBeLessThanOrEqual(bound);

    // 600 uniform draws reach past 0.95 of the bound unless the bound is wrong.
    expect(maxAbs(values)).toBeGreaterThan(0.95 * bound);
  }

  test('Linear default init is within 1/sqrt(inFeatures)', () => {
    manualSeed(3);
    const linear = new nn.Linear(bounds.fanIn, bounds.fanOut);
    const [weight, bias] = linear.parameters();

    expectWithin(weight, bounds.linearDefault);
    expect(maxAbs(valuesOf(bias))).toBeLessThanOrEqual(bounds.linearDefault);
  });

  test('xavierUniform_ with gain 2', () => {
    manualSeed(4);
    const weight = zeros([bounds.fanOut, bounds.fanIn]);

    nn.init.xavierUniform_(weight, 2);

    expectWithin(weight, bounds.xavierUniformGain2);
  });

  test('kaimingUniform_ leaky_relu fanIn', () => {
    manualSeed(4);
    const weight = zeros([bounds.fanOut, bounds.fanIn]);

    nn.init.kaimingUniform_(weight, { a: 0.2, mode: 'fan_in', nonlinearity: 'leaky_relu' });

    expectWithin(weight, bounds.kaimingUniformLeakyRelu02FanIn);
  });

  test('kaimingUniform_ relu fanOut', () => {
    manualSeed(4);
    const weight = zeros([bounds.fanOut, bounds.fanIn]);

    nn.init.kaimingUniform_(weight, { mode: 'fan_out', nonlinearity: 'relu' });

    expectWithin(weight, bounds.kaimingUniformReluFanOut);
  });

  test('uniform_ normal_ constant_ zeros_ ones_', () => {
    manualSeed(8);
    const t = zeros([100, 100]);

    nn.init.uniform_(t, -2, 3);
    const uniform = valuesOf(t);
    expect(uniform.every((v) => v >= -2 && v <= 3)).toBe(true);
    expect(Math.abs(mean(uniform) - 0.5)).toBeLessThan(0.07);

    nn.init.normal_(t, 1, 2);
    const normal = valuesOf(t);
    expect(Math.abs(mean(normal) - 1)).toBeLessThan(0.09);
    expect(Math.abs(std(normal) - 2)).toBeLessThan(0.07);

    nn.init.constant_(t, 0.25);
    expect(valuesOf(t).every((v) => v === 0.25)).toBe(true);
    nn.init.ones_(t);
    expect(valuesOf(t).every((v) => v === 1)).toBe(true);
    nn.init.zeros_(t);
    expect(valuesOf(t).every((v) => v === 0)).toBe(true);
  });
});

describe('manualSeed', () => {
  function draw(seed: number): number[] {
    manualSeed(seed);
    const linear = new nn.Linear(4, 3);
    const dropout = new nn.Dropout(0.5);
    const noise = randn([50]);
    const mask = dropout.forward(ones([50]));
    return [...linear.parameters().flatMap(valuesOf), ...valuesOf(noise), ...valuesOf(mask)];
  }

  test('same seed reproduces a run exactly', () => {
    expect(draw(42)).toEqual(draw(42));
  });

  test('different seeds differ', () => {
    expect(draw(42)).not.toEqual(draw(43));
  });
});
