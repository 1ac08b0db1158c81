/// <reference types="@webgpu/types" />
/** GPU buffers of one training step, sized for a maximum batch size and reused across steps. */
import type { FusedPlan } from '../fused/plan';
import type { GpuContext } from './context';

export class Workspace {
  /** Largest batch size the buffers hold. */
  readonly capacity: number;
  /** Input of each layer, then the output: activations[0] is the input batch. */
  readonly activations: GPUBuffer[];
  /** Dropout masks by layer index; null for other layers. */
  readonly masks: (GPUBuffer | null)[];
  /** The two gradient buffers that the backward pass alternates between. */
  readonly gradients: [GPUBuffer, GPUBuffer];
  /** Class indices or target values of the batch. */
  readonly target: GPUBuffer;
  /** Loss terms before the sum: one per row or one per output element. */
  readonly terms: GPUBuffer;
  /** The reduced loss of the last step, one value. */
  readonly loss: GPUBuffer;

  /** Allocates every buffer for batches of up to `capacity` rows. */
  constructor(context: GpuContext, plan: FusedPlan, capacity: number) {
    const { widths, layers } = plan;
    const outWidth = widths[widths.length - 1];
    const widest = Math.max(...widths);
    this.capacity = capacity;
    this.activations = widths.map((width, i) =>
      context.storageBuffer(capacity * width, `activation ${i}`),
    );
    this.masks = layers.map((layer, i) => {
      if (layer.kind !== 'dropout') return null;
      return context.storageBuffer(capacity * widths[i], `dropout mask ${i}`);
    });
    this.gradients = [
      context.storageBuffer(capacity * widest, 'gradient A'),
      context.storageBuffer(capacity * widest, 'gradient B'),
    ];
    this.target = context.storageBuffer(capacity * outWidth, 'target');
    this.terms = context.storageBuffer(capacity * outWidth, 'loss terms');
    this.loss = context.storageBuffer(1, 'loss');
  }

  /** Frees every buffer. */
  destroy(): void {
    const buffers = [...this.activations, ...this.gradients, this.target, this.terms, this.loss];
    for (const buffer of buffers) buffer.destroy();
    for (const mask of this.masks) mask?.destroy();
  }
}
