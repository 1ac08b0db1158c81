/// <reference types="@webgpu/types" />
/**
 * The WebGPU device for Node: Dawn through the npm package `webgpu`. This is the only module
 * that imports 'webgpu', so the rest of engine/gpu also bundles for the renderer, which gets
 * its device from `navigator.gpu` instead.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'webgpu';
import { summarizeAdapter, type GpuAdapterSummary } from './adapter-summary';

/** A device that is ready, with a summary of the adapter that gave it. */
export interface NodeGpu {
  device: GPUDevice;
  adapterInfo: GpuAdapterSummary;
}

/** No device: `reason` is one line that states what failed. */
export interface NodeGpuUnavailable {
  device: null;
  reason: string;
}

let gpu: GPU | null = null;

/**
 * Gives Dawn an XDG_RUNTIME_DIR when the environment has none, since Vulkan drivers may expect
 * one. The directory is new, private (mode 0700, as mkdtemp creates it) and under the system's
 * temporary directory. NOTE: with llvmpipe (Mesa 25.0.7) Dawn also found an adapter without it.
 */
function ensureRuntimeDir(): void {
  if (process.env.XDG_RUNTIME_DIR) return;
  process.env.XDG_RUNTIME_DIR = mkdtempSync(join(tmpdir(), 'wiregrad-xdg-'));
}

/**
 * Requests a WebGPU device from Dawn.
 *
 * @param powerPreference passed to `requestAdapter` (default 'high-performance').
 * @returns the device and its adapter summary, or `{ device: null, reason }` when Dawn fails
 *   to load or finds no adapter, for example on a machine without a GPU or Mesa's llvmpipe.
 *   The device requests the adapter's full buffer limits, so large batches fit one binding.
 */
export async function requestNodeDevice(
  powerPreference: GPUPowerPreference = 'high-performance',
): Promise<NodeGpu | NodeGpuUnavailable> {
  ensureRuntimeDir();
  try {
    gpu ??= create([]);
  } catch (error) {
    return { device: null, reason: `WebGPU: Dawn failed to load: ${String(error)}` };
  }

  const adapter = await gpu.requestAdapter({ powerPreference });
  if (adapter === null) {
    return {
      device: null,
      reason: 'WebGPU: no adapter found (no GPU driver, and no software Vulkan driver such as llvmpipe)',
    };
  }

  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  });
  return { device, adapterInfo: summarizeAdapter(adapter.info) };
}
