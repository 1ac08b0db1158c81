import { expect } from 'vitest';

import { tensor, type Tensor } from '../../engine';
import type { FixtureTensor } from './fixtures';
import { expectClose, type Tolerance, PARITY_TOLERANCE } from './tolerance';

export type Nested = number | Nested[];

/** Rebuilds nested arrays of `shape` from row-major `data`. */
export function nest(data: readonly number[], shape: readonly number[]): Nested {
  if (shape.length === 0) return data[0];

  const [size, ...rest] = shape;
  const stride = rest.reduce((product, dim) => product * dim, 1);
  const rows: Nested[] = [];
  for (let i = 0; i < size; i++) {
    rows.push(nest(data.slice(i * stride, (i + 1) * stride), rest));
  }
  return rows;
}

/** Flattens the nested arrays of `toArray()` in row-major order. */
export function flatten(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (!Array.isArray(value)) throw new TypeError(`expected nested number arrays, got ${String(value)}`);

  const out: number[] = [];
  for (const item of value) out.push(...flatten(item));
  return out;
}

/** Creates an engine tensor holding exactly the fixture's values. */
export function fromFixture(fixture: FixtureTensor, requiresGrad = false): Tensor {
  return tensor(nest(fixture.data, fixture.shape), { dtype: fixture.dtype, requiresGrad });
}

/** Flat values of an engine tensor. */
export function valuesOf(t: Tensor): number[] {
  return flatten(t.toArray());
}

/** Asserts shape, dtype and values of an engine tensor against a fixture tensor. */
export function expectTensor(
  got: Tensor | null,
  expected: FixtureTensor,
  label: string,
  tolerance: Tolerance = PARITY_TOLERANCE,
): void {
  expect(got, `${label}: tensor`).not.toBeNull();
  if (got === null) return;

  expect([...got.shape], `${label}: shape`).toEqual(expected.shape);
  expect(got.dtype, `${label}: dtype`).toBe(expected.dtype);
  expectClose(valuesOf(got), expected.data, label, tolerance);
}
