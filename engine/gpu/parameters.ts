/// <reference types="@webgpu/types" />
/** The model's parameters on the GPU: one buffer for the values and one for the gradient. */
import type { Tensor } from '../tensor/tensor';
import type { FusedPlan } from '../fused/plan';
import { unshared, type GpuContext } from './context';

export interface GpuParameter {
  /** The model's tensor, which `downloadParameters` updates. */
  tensor: Tensor;
  /** Number of values. */
  count: number;
  buffer: GPUBuffer;
  /** Gradient of the last step; the backward pass overwrites it. */
  grad: GPUBuffer;
}

/**
 * Uploads the weight and bias of every Linear layer of `plan`, in layer order.
 *
 * @returns the parameters keyed by tensor, or null when one tensor is used by two layers: the
 *   backward pass overwrites a gradient, so a shared parameter would keep only one layer's share.
 */
export function uploadParameters(
  context: GpuContext,
  plan: FusedPlan,
): Map<Tensor, GpuParameter> | null {
  const parameters = new Map<Tensor, GpuParameter>();
  for (const layer of plan.layers) {
    if (layer.kind !== 'linear') continue;
    for (const tensor of [layer.weight, layer.bias]) {
      if (tensor === null) continue;
      if (parameters.has(tensor)) {
        destroyParameters(parameters);
        return null;
      }
      const values = tensor.data as Float32Array;
      parameters.set(tensor, {
        tensor,
        count: values.length,
        buffer: context.uploadBuffer(values, `parameter [${tensor.shape.join(', ')}]`),
        grad: context.storageBuffer(values.length, `gradient [${tensor.shape.join(', ')}]`),
      });
    }
  }
  return parameters;
}

/** Copies every parameter's values from the GPU into its tensor, after all submitted steps. */
export async function downloadParameters(
  context: GpuContext,
  parameters: Iterable<GpuParameter>,
): Promise<void> {
  const list = [...parameters];
  const reads = list.map((parameter) => context.readFloat32(parameter.buffer, parameter.count));
  const values = await Promise.all(reads);
  list.forEach((parameter, i) => (parameter.tensor.data as Float32Array).set(values[i]));
}

/** Writes every tensor's current values to its GPU buffer, ahead of the next step. */
export function reuploadParameters(context: GpuContext, parameters: Iterable<GpuParameter>): void {
  for (const parameter of parameters) {
    context.device.queue.writeBuffer(parameter.buffer, 0, unshared(parameter.tensor.data as Float32Array));
  }
}

/** Frees the GPU memory of `parameters`. */
export function destroyParameters(parameters: Map<Tensor, GpuParameter>): void {
  for (const parameter of parameters.values()) {
    parameter.buffer.destroy();
    parameter.grad.destroy();
  }
}
