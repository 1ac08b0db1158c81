// The part of the WebAssembly JavaScript API that the engine's kernels use. Node 20 provides
// WebAssembly at run time, but @types/node 20 declares none of it, and the DOM library that
// does is not part of the engine's build.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }

  function validate(bytes: Uint8Array): boolean;

  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }

  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
    shared?: boolean;
  }

  class Memory {
    constructor(descriptor: MemoryDescriptor);
    readonly buffer: ArrayBuffer;
    grow(deltaPages: number): number;
  }
}
