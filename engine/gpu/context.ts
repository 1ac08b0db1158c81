/// <reference types="@webgpu/types" />
/**
 * One WebGPU device with the pieces every kernel uses: the pipeline cache, buffer creation,
 * uniform packing, bind groups and readback. Errors that the device reports asynchronously
 * (a WGSL compile error, an invalid binding) are kept and thrown by the next readback.
 */

/** GPUBufferUsage flags, as the WebGPU specification fixes them (Node has no such global). */
export const BufferUsage = {
  MAP_READ: 0x0001,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  UNIFORM: 0x0040,
  STORAGE: 0x0080,
} as const;

/** GPUMapMode.READ. */
const MAP_MODE_READ = 0x0001;

/** One 32-bit field of a uniform struct, in declaration order. */
export type UniformField = ['u32', number] | ['f32', number];

/** A compute dispatch ready to encode. */
export interface Dispatch {
  label: string;
  pipeline: GPUComputePipeline;
  bindGroup: GPUBindGroup;
  workgroups: [number, number, number];
}

const contexts = new WeakMap<GPUDevice, GpuContext>();

export class GpuContext {
  readonly device: GPUDevice;
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  private firstError: string | null = null;

  private constructor(device: GPUDevice) {
    this.device = device;
    device.addEventListener('uncapturederror', (event) => {
      this.firstError ??= event.error.message;
    });
    void device.lost.then((info) => {
      this.firstError ??= `WebGPU device lost (${info.reason}): ${info.message}`;
    });
  }

  /** Returns the one context of `device`, so every user of a device shares its pipelines. */
  static forDevice(device: GPUDevice): GpuContext {
    let context = contexts.get(device);
    if (context === undefined) {
      context = new GpuContext(device);
      contexts.set(device, context);
    }
    return context;
  }

  /**
   * Returns the compute pipeline stored under `key`, compiling `makeCode()` on first use.
   * The key must name every choice that changes the WGSL text; the entry point is `main`.
   */
  pipeline(key: string, makeCode: () => string): GPUComputePipeline {
    let pipeline = this.pipelines.get(key);
    if (pipeline === undefined) {
      const module = this.device.createShaderModule({ label: key, code: makeCode() });
      pipeline = this.device.createComputePipeline({
        label: key,
        layout: 'auto',
        compute: { module, entryPoint: 'main' },
      });
      this.pipelines.set(key, pipeline);
    }
    return pipeline;
  }

  /** Number of compiled pipelines, for tests of the cache. */
  get pipelineCount(): number {
    return this.pipelines.size;
  }

  /** Creates a storage buffer of `floats` 32-bit values (at least one), zero-filled. */
  storageBuffer(floats: number, label: string): GPUBuffer {
    return this.device.createBuffer({
      label,
      size: Math.max(1, floats) * 4,
      usage: BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST,
    });
  }

  /** Creates a storage buffer that contains a copy of `data`. */
  uploadBuffer(data: Float32Array | Int32Array, label: string): GPUBuffer {
    const buffer = this.storageBuffer(data.length, label);
    if (data.length > 0) this.device.queue.writeBuffer(buffer, 0, unshared(data));
    return buffer;
  }

  /** Creates a uniform buffer holding `fields` as one WGSL struct of 32-bit members. */
  uniformBuffer(fields: UniformField[], label: string): GPUBuffer {
    const buffer = this.device.createBuffer({
      label,
      size: uniformByteLength(fields.length),
      usage: BufferUsage.UNIFORM | BufferUsage.COPY_DST,
    });
    this.writeUniform(buffer, fields);
    return buffer;
  }

  /** Overwrites a uniform buffer; the queue orders the write before later submissions. */
  writeUniform(buffer: GPUBuffer, fields: UniformField[]): void {
    this.device.queue.writeBuffer(buffer, 0, packUniform(fields));
  }

  /** Builds a dispatch that binds `buffers` to bindings 0, 1, 2, ... of group 0. */
  dispatch(
    label: string,
    pipeline: GPUComputePipeline,
    buffers: GPUBuffer[],
    workgroups: [number, number, number],
  ): Dispatch {
    const bindGroup = this.device.createBindGroup({
      label,
      layout: pipeline.getBindGroupLayout(0),
      entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    return { label, pipeline, bindGroup, workgroups };
  }

  /** Encodes and submits `dispatches` in order, in one compute pass. */
  run(dispatches: Dispatch[]): void {
    const encoder = this.device.createCommandEncoder();
    encodeDispatches(encoder, dispatches);
    this.device.queue.submit([encoder.finish()]);
  }

  /** Copies the first `count` values of `buffer` to the CPU, after all submitted work. */
  async readFloat32(buffer: GPUBuffer, count: number): Promise<Float32Array> {
    const bytes = count * 4;
    if (bytes === 0) return new Float32Array(0);
    const staging = this.device.createBuffer({
      label: 'readback',
      size: bytes,
      usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST,
    });
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(buffer, 0, staging, 0, bytes);
    this.device.queue.submit([encoder.finish()]);

    await staging.mapAsync(MAP_MODE_READ);
    const values = new Float32Array(staging.getMappedRange().slice(0));
    staging.unmap();
    staging.destroy();
    this.throwIfFailed();
    return values;
  }

  /** Throws the first error the device reported, if any. */
  throwIfFailed(): void {
    if (this.firstError !== null) throw new Error(`WebGPU error: ${this.firstError}`);
  }
}

/** Records `dispatches` into one compute pass of `encoder`; WebGPU orders their memory accesses. */
export function encodeDispatches(encoder: GPUCommandEncoder, dispatches: Dispatch[]): void {
  const pass = encoder.beginComputePass();
  for (const { pipeline, bindGroup, workgroups } of dispatches) {
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(workgroups[0], workgroups[1], workgroups[2]);
  }
  pass.end();
}

/** Uniform buffers are sized in 16-byte steps, the alignment of a WGSL uniform struct. */
function uniformByteLength(fieldCount: number): number {
  return Math.max(16, Math.ceil((fieldCount * 4) / 16) * 16);
}

function packUniform(fields: UniformField[]): ArrayBuffer {
  const bytes = new ArrayBuffer(uniformByteLength(fields.length));
  const view = new DataView(bytes);
  fields.forEach(([type, value], i) => {
    if (type === 'u32') view.setUint32(i * 4, value, true);
    else view.setFloat32(i * 4, value, true);
  });
  return bytes;
}

/**
 * Returns `data`, or a copy of it in an ordinary ArrayBuffer when it lives in shared memory
 * (the CPU kernels' WebAssembly memory), which the `webgpu` package's writeBuffer crashes on.
 */
export function unshared<T extends Float32Array | Int32Array>(data: T): T {
  return data.buffer instanceof SharedArrayBuffer ? (data.slice() as T) : data;
}
