/// <reference types="@webgpu/types" />
/**
 * The WebGPU device for the GPU tests. A machine without an adapter fails these tests with the
 * reason, so that CI cannot pass without running them; WIREGRAD_SKIP_GPU_TESTS=1 skips them.
 */
import { describe, expect, it } from 'vitest';
import {
  requestNodeDevice,
  type NodeGpu,
  type NodeGpuUnavailable,
} from '../../engine/gpu/node-device';
import type { Dispatch, GpuContext } from '../../engine/gpu/context';

export const SKIP_VARIABLE = 'WIREGRAD_SKIP_GPU_TESTS';

/**
 * Returns the device of `result`, null when it has none and skipping was requested, and
 * otherwise throws an error that explains how to install a driver or skip the tests.
 */
export function deviceOrSkip(
  result: NodeGpu | NodeGpuUnavailable,
  skipRequested: boolean,
): NodeGpu | null {
  if (result.device !== null) return result;
  if (skipRequested) return null;
  throw new Error(
    `${result.reason}. The GPU tests need a WebGPU adapter: run ` +
      `scripts/install-webgpu-deps.sh as root (Mesa's llvmpipe from bookworm-backports), ` +
      `or set ${SKIP_VARIABLE}=1 to skip them.`,
  );
}

/** Requests a device for one test file; see `deviceOrSkip`. */
export async function gpuForTests(): Promise<NodeGpu | null> {
  return deviceOrSkip(await requestNodeDevice(), process.env[SKIP_VARIABLE] === '1');
}

/**
 * Declares a suite that runs on `gpu`, or one skipped test when the device is null (only
 * possible with WIREGRAD_SKIP_GPU_TESTS=1), so the skip shows in the report.
 */
export function describeWithGpu(name: string, gpu: NodeGpu | null, body: (gpu: NodeGpu) => void): void {
  if (gpu === null) {
    describe.skip(name, () => {
      it(`needs a WebGPU adapter (skipped by ${SKIP_VARIABLE}=1)`, () => {});
    });
    return;
  }
  describe(name, () => body(gpu));
}

/** Runs `dispatches` on `context` and reads `count` values of `buffer`. */
export async function runAndRead(
  context: GpuContext,
  dispatches: Dispatch[],
  buffer: GPUBuffer,
  count: number,
): Promise<Float32Array> {
  context.run(dispatches);
  return context.readFloat32(buffer, count);
}

/**
 * Asserts |got - expected| <= tolerance · max(1, |expected|) for every element, and reports
 * the first failing element with both values.
 */
export function expectClose(
  got: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: number,
  label: string,
): void {
  expect(got.length, `${label}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const limit = tolerance * Math.max(1, Math.abs(expected[i]));
    if (!(Math.abs(got[i] - expected[i]) <= limit)) {
      expect.fail(`${label}: element ${i} is ${got[i]}, expected ${expected[i]} (tolerance ${limit})`);
    }
  }
}
