/**
 * Shared shape of the one-thread-per-element kernels: workgroups of 256 threads, dispatched
 * over two grid dimensions when one would exceed WebGPU's 65535 workgroups per dimension.
 */

/** Threads per workgroup of every element-wise kernel. */
export const ELEMENTWISE_WORKGROUP_SIZE = 256;

/** WebGPU's guaranteed `maxComputeWorkgroupsPerDimension`. */
export const MAX_WORKGROUPS_PER_DIMENSION = 65535;

/** Returns the workgroup grid that gives every one of `count` elements a thread. */
export function elementwiseWorkgroups(count: number): [number, number, number] {
  const groups = Math.max(1, Math.ceil(count / ELEMENTWISE_WORKGROUP_SIZE));
  if (groups <= MAX_WORKGROUPS_PER_DIMENSION) return [groups, 1, 1];
  const rows = Math.ceil(groups / MAX_WORKGROUPS_PER_DIMENSION);
  if (rows > MAX_WORKGROUPS_PER_DIMENSION) {
    throw new RangeError(
      `WebGPU kernel: ${count} elements exceed one dispatch of 65535 x 65535 workgroups`,
    );
  }
  return [MAX_WORKGROUPS_PER_DIMENSION, rows, 1];
}

/**
 * Wraps `body` in an entry point where `i` is the element index. Threads past `countExpression`
 * (a WGSL u32 expression) return before touching memory.
 */
export function elementwiseMain(countExpression: string, body: string): string {
  return `
@compute @workgroup_size(${ELEMENTWISE_WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = gid.x + gid.y * groups.x * ${ELEMENTWISE_WORKGROUP_SIZE}u;
  if (i >= ${countExpression}) {
    return;
  }
${body}
}
`;
}
