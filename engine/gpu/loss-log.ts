/// <reference types="@webgpu/types" />
/**
 * The loss of every step since the last read, kept in a GPU buffer so that a step does not
 * wait for a readback. Each step copies its reduced loss into the next slot.
 */
import { BufferUsage, type GpuContext } from './context';

const INITIAL_SLOTS = 1024;

export class LossLog {
  private readonly context: GpuContext;
  private history: GPUBuffer;
  private slots = INITIAL_SLOTS;
  private count = 0;
  /** Buffers replaced by a larger one, destroyed once the copy out of them is submitted. */
  private retired: GPUBuffer[] = [];

  constructor(context: GpuContext) {
    this.context = context;
    this.history = this.createHistory(this.slots);
  }

  /** Steps recorded since the last read. */
  get pending(): number {
    return this.count;
  }

  /**
   * Encodes the copy of `loss` (one f32) into the next slot, first doubling the history on the
   * GPU when it is full. Call `afterSubmit` once the encoder's commands are submitted.
   */
  record(encoder: GPUCommandEncoder, loss: GPUBuffer): void {
    if (this.count === this.slots) {
      const larger = this.createHistory(this.slots * 2);
      encoder.copyBufferToBuffer(this.history, 0, larger, 0, this.slots * 4);
      this.retired.push(this.history);
      this.history = larger;
      this.slots *= 2;
    }
    encoder.copyBufferToBuffer(loss, 0, this.history, this.count * 4, 4);
    this.count += 1;
  }

  /** Frees the histories that submitted commands no longer need to copy from. */
  afterSubmit(): void {
    for (const buffer of this.retired) buffer.destroy();
    this.retired = [];
  }

  /**
   * Returns the losses recorded since the last read, oldest first, and starts a new record.
   * Steps enqueued while the read is pending belong to the next read.
   */
  async read(): Promise<Float32Array> {
    const count = this.count;
    this.count = 0;
    return this.context.readFloat32(this.history, count);
  }

  /** Frees the GPU memory. */
  destroy(): void {
    this.history.destroy();
    this.afterSubmit();
  }

  private createHistory(slots: number): GPUBuffer {
    return this.context.device.createBuffer({
      label: 'loss history',
      size: slots * 4,
      usage: BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST,
    });
  }
}
