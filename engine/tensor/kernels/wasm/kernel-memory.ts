/**
 * Float arrays that live inside the kernels' WebAssembly memory, so the kernels read and
 * write them in place instead of copying them in and out. Blocks are handed out first-fit
 * from a free list and return to it when their array is garbage-collected.
 */

const PAGE_BYTES = 65536;
/** Block sizes and offsets are multiples of this, so SIMD loads of a block stay aligned. */
const ALIGN_BYTES = 16;
/**
 * Default bytes of live arrays handed out by `allocate`. Blocks return only when the garbage
 * collector finds their arrays, which it does not hurry to do for memory outside the
 * JavaScript heap, and WebAssembly memory never shrinks. Past the budget, `allocate` returns
 * ordinary arrays, whose size the collector does count.
 */
const DEFAULT_BUDGET_BYTES = 256 * 2 ** 20;

interface Block {
  offset: number;
  bytes: number;
}

export class KernelMemory {
  private readonly memory: WebAssembly.Memory;
  /** Free blocks sorted by offset; neighbours are merged when a block is freed. */
  private readonly free: Block[] = [];
  /** First byte after every block handed out so far; the memory grows past it on demand. */
  private top: number;
  /** The buffers the memory has had: a shared memory gets a new buffer object each time it grows. */
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  private readonly registry = new FinalizationRegistry<Block>((block) => this.release(block));
  private readonly budgetBytes: number;
  /** Bytes of the blocks handed out and not yet released. */
  private usedBytes = 0;

  /**
   * Manages `memory` from byte `start` on; the bytes before it belong to the caller.
   * `allocate` keeps its live blocks within `budgetBytes`.
   */
  constructor(memory: WebAssembly.Memory, start: number, budgetBytes = DEFAULT_BUDGET_BYTES) {
    this.memory = memory;
    this.top = alignUp(start);
    this.budgetBytes = budgetBytes;
  }

  /**
   * Returns a zero-filled array of `length` floats inside the memory, or an ordinary array
   * when the budget is spent or the memory cannot grow that far: the kernels then copy it
   * like any other operand.
   */
  allocate(length: number): Float32Array {
    const bytes = alignUp(Math.max(1, length) * 4);
    if (this.usedBytes + bytes > this.budgetBytes) return new Float32Array(length);
    return this.allocateInside(length) ?? new Float32Array(length);
  }

  /** Returns a zero-filled array inside the memory whatever the budget, or null when it cannot grow. */
  allocateInside(length: number): Float32Array | null {
    const block = this.take(alignUp(Math.max(1, length) * 4));
    if (block === null) return null;
    this.usedBytes += block.bytes;
    const view = new Float32Array(this.currentBuffer(), block.offset, length);
    view.fill(0);
    this.registry.register(view, block);
    return view;
  }

  /** Byte offset of `array` in the memory, or -1 when it lives elsewhere. */
  offsetOf(array: Float32Array): number {
    return this.buffers.has(array.buffer) ? array.byteOffset : -1;
  }

  /** Returns the memory's buffer as it is now, remembered so `offsetOf` recognises its views. */
  currentBuffer(): ArrayBufferLike {
    const buffer = this.memory.buffer;
    this.buffers.add(buffer);
    return buffer;
  }

  /** Finds or makes room for a block, or returns null when the memory cannot grow enough. */
  private take(bytes: number): Block | null {
    const index = this.free.findIndex((block) => block.bytes >= bytes);
    if (index >= 0) {
      const block = this.free[index];
      const allocated = { offset: block.offset, bytes };
      if (block.bytes === bytes) this.free.splice(index, 1);
      else this.free[index] = { offset: block.offset + bytes, bytes: block.bytes - bytes };
      return allocated;
    }

    const offset = this.top;
    if (!this.grow(offset + bytes)) return null;
    this.top = offset + bytes;
    return { offset, bytes };
  }

  /** Grows the memory to at least `bytes`; returns false when it cannot. */
  private grow(bytes: number): boolean {
    const current = this.memory.buffer.byteLength;
    if (bytes <= current) return true;
    try {
      this.memory.grow(Math.ceil((bytes - current) / PAGE_BYTES));
      return true;
    } catch {
      return false;
    }
  }

  private release(block: Block): void {
    this.usedBytes -= block.bytes;
    const free = this.free;
    let index = free.findIndex((candidate) => candidate.offset > block.offset);
    if (index < 0) index = free.length;
    free.splice(index, 0, { ...block });

    const next = free[index + 1];
    if (next !== undefined && free[index].offset + free[index].bytes === next.offset) {
      free[index].bytes += next.bytes;
      free.splice(index + 1, 1);
    }
    const previous = free[index - 1];
    if (previous !== undefined && previous.offset + previous.bytes === free[index].offset) {
      previous.bytes += free[index].bytes;
      free.splice(index, 1);
    }
  }
}

function alignUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN_BYTES) * ALIGN_BYTES;
}
