/// <reference types="@webgpu/types" />
/**
 * Inverted dropout with a counter-based random stream: element i of layer `layer` in the step
 * seeded `seed` keeps its value with probability 1 - p, decided by a hash of (seed, layer, i).
 * The stream cannot match the CPU generator's, so GPU and CPU runs differ wherever dropout is
 * active. The statistics (share dropped, scale of survivors) are the same.
 */
import type { GpuContext, Dispatch } from '../context';
import { elementwiseMain, elementwiseWorkgroups } from './elementwise';

/**
 * PCG hash (Jarzynski and Olano, "Hash Functions for GPU Rendering", JCGT 2020), chained over
 * seed, layer and element index. The top 24 bits become a uniform number in [0, 1).
 */
const HASH = `
fn pcgHash(value: u32) -> u32 {
  let state = value * 747796405u + 2891336453u;
  let word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
  return (word >> 22u) ^ word;
}

fn uniformDraw(seed: u32, layer: u32, index: u32) -> f32 {
  let stream = pcgHash(seed ^ pcgHash(layer + 0x9e3779b9u));
  return f32(pcgHash(stream + pcgHash(index)) >> 8u) * (1.0 / 16777216.0);
}
`;

/**
 * Dispatches mask[i] = (draw < p ? 0 : 1 / (1 - p)) and output[i] = input[i] · mask[i] over
 * `count` elements. With `active` false (evaluation mode, or p = 0) the mask is all ones.
 *
 * @param seed a uniform buffer whose first u32 is the step's seed.
 * @param layer index of the layer in the plan, so two dropout layers draw different masks.
 */
export function dropoutForward(
  context: GpuContext,
  seed: GPUBuffer,
  input: GPUBuffer,
  output: GPUBuffer,
  mask: GPUBuffer,
  count: number,
  p: number,
  layer: number,
  active: boolean,
): Dispatch {
  const pipeline = context.pipeline('dropout-forward', () => `
struct Params { count: u32, p: f32, scale: f32, layer: u32, enabled: u32 }
struct Step { seed: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<uniform> step: Step;
@group(0) @binding(2) var<storage, read> input: array<f32>;
@group(0) @binding(3) var<storage, read_write> output: array<f32>;
@group(0) @binding(4) var<storage, read_write> mask: array<f32>;
${HASH}
${elementwiseMain('params.count', `
  var keep = 1.0;
  if (params.enabled != 0u) {
    keep = select(params.scale, 0.0, uniformDraw(step.seed, params.layer, i) < params.p);
  }
  mask[i] = keep;
  output[i] = input[i] * keep;`)}`);
  const scale = p === 1 ? 0 : 1 / (1 - p);
  const params = context.uniformBuffer(
    [['u32', count], ['f32', p], ['f32', scale], ['u32', layer], ['u32', active && p > 0 ? 1 : 0]],
    'dropout params',
  );
  const buffers = [params, seed, input, output, mask];
  return context.dispatch('dropout forward', pipeline, buffers, elementwiseWorkgroups(count));
}

/** Dispatches gradInput = grad · mask over `count` elements, with the mask of the forward pass. */
export function dropoutBackward(
  context: GpuContext,
  mask: GPUBuffer,
  grad: GPUBuffer,
  gradInput: GPUBuffer,
  count: number,
): Dispatch {
  const pipeline = context.pipeline('dropout-backward', () => `
struct Params { count: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> mask: array<f32>;
@group(0) @binding(2) var<storage, read> grad: array<f32>;
@group(0) @binding(3) var<storage, read_write> gradInput: array<f32>;
${elementwiseMain('params.count', '  gradInput[i] = grad[i] * mask[i];')}`);
  const params = context.uniformBuffer([['u32', count]], 'dropout backward params');
  const buffers = [params, mask, grad, gradInput];
  return context.dispatch('dropout backward', pipeline, buffers, elementwiseWorkgroups(count));
}
