/// <reference types="@webgpu/types" />
/**
 * Turns a fused plan into the ordered dispatches of one training step on the GPU: forward
 * (Linear with its bias and a following activation fused), loss and its gradient, backward,
 * and the optimizer update. A program is built once per batch size and mode, then re-encoded
 * every step. Values that change between steps (inputs, seeds, optimizer settings) are
 * written to buffers that the program binds.
 */
import type { Tensor } from '../tensor/tensor';
import type { FusedPlan, LayerStep } from '../fused/plan';
import type { Dispatch, GpuContext } from './context';
import type { GpuParameter } from './parameters';
import type { GpuOptimizer } from './gpu-optimizer';
import type { Workspace } from './workspace';
import { matmul } from './kernels/matmul';
import {
  activationBackward,
  activationForward,
  backwardUsesInput,
  type ActivationKind,
} from './kernels/activation';
import { softmaxBackward, softmaxForward } from './kernels/softmax';
import { dropoutBackward, dropoutForward } from './kernels/dropout';
import { lossGradient, type TargetKind } from './kernels/loss';
import { columnSums, sumToScalar } from './kernels/reduce';

/** Buffers and state that a program reads and writes. */
export interface ProgramResources {
  context: GpuContext;
  plan: FusedPlan;
  workspace: Workspace;
  parameters: Map<Tensor, GpuParameter>;
  optimizer: GpuOptimizer;
  /** Uniform buffer whose first u32 is the step's dropout seed. */
  seed: GPUBuffer;
}

/** The dispatches of one step and the parameters whose update they include. */
export interface Program {
  dispatches: Dispatch[];
  updated: GpuParameter[];
}

/** Settings that select a program: anything else is read from buffers at run time. */
export interface ProgramSettings {
  batchSize: number;
  training: boolean;
  targetKind: TargetKind;
}

interface Activation {
  kind: ActivationKind;
  /** LeakyReLU's negative slope; 0 for the other kinds. */
  slope: number;
}

function activationOf(layer: LayerStep | undefined): Activation | null {
  if (layer === undefined) return null;
  if (layer.kind === 'relu' || layer.kind === 'sigmoid' || layer.kind === 'tanh') {
    return { kind: layer.kind, slope: 0 };
  }
  if (layer.kind === 'leakyRelu') return { kind: 'leakyRelu', slope: layer.negativeSlope };
  return null;
}

/** Builds the dispatches of one training step for batches of `settings.batchSize` rows. */
export function buildProgram(resources: ProgramResources, settings: ProgramSettings): Program {
  const { parameters, optimizer } = resources;
  const updated = [...parameters.values()].filter((parameter) =>
    optimizer.updates(parameter.tensor),
  );
  const dispatches = [
    ...forwardDispatches(resources, settings),
    ...lossDispatches(resources, settings),
    ...backwardDispatches(resources, settings.batchSize, new Set(updated)),
    ...updated.map((parameter) => optimizer.updateDispatch(parameter)),
  ];
  return { dispatches, updated };
}

function forwardDispatches(resources: ProgramResources, settings: ProgramSettings): Dispatch[] {
  const { context, plan, workspace, parameters, seed } = resources;
  const { layers, widths } = plan;
  const { activations, masks } = workspace;
  const { batchSize, training } = settings;
  const dispatches: Dispatch[] = [];

  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l];
    const input = activations[l];
    const output = activations[l + 1];
    const count = batchSize * widths[l];
    switch (layer.kind) {
      case 'linear': {
        const weight = parameters.get(layer.weight)!;
        const bias = layer.bias === null ? undefined : parameters.get(layer.bias)!;
        const fused = activationOf(layers[l + 1]);
        const slope = fused?.slope ?? 0;
        const shape = { m: batchSize, n: layer.outFeatures, k: layer.inFeatures, slope };
        const buffers = {
          a: input,
          b: weight.buffer,
          out: output,
          bias: bias?.buffer,
          activated: fused === null ? undefined : activations[l + 2],
        };
        const options = { transB: true, bias: bias !== undefined, activation: fused?.kind };
        dispatches.push(matmul(context, buffers, shape, options));
        // The activation's output is written by the fused store, so its own forward is skipped.
        if (fused !== null) l += 1;
        break;
      }
      case 'relu':
      case 'leakyRelu':
      case 'sigmoid':
      case 'tanh': {
        const { kind, slope } = activationOf(layer)!;
        dispatches.push(activationForward(context, kind, slope, input, output, count));
        break;
      }
      case 'softmax':
        dispatches.push(softmaxForward(context, input, output, batchSize, widths[l]));
        break;
      case 'dropout': {
        const { p } = layer.module;
        const mask = masks[l]!;
        dispatches.push(dropoutForward(context, seed, input, output, mask, count, p, l, training));
        break;
      }
    }
  }
  return dispatches;
}

function lossDispatches(resources: ProgramResources, settings: ProgramSettings): Dispatch[] {
  const { context, plan, workspace } = resources;
  const { batchSize, targetKind } = settings;
  const outWidth = plan.widths[plan.widths.length - 1];
  const size = batchSize * outWidth;
  const denominator = plan.loss === 'crossEntropy' ? batchSize : size;
  const scale = plan.reduction === 'mean' ? 1 / denominator : 1;

  const buffers = {
    output: workspace.activations[plan.layers.length],
    target: workspace.target,
    grad: workspace.gradients[0],
    terms: workspace.terms,
  };
  const { dispatch, termCount } = lossGradient(
    context,
    plan.loss,
    targetKind,
    buffers,
    batchSize,
    outWidth,
    scale,
  );
  return [dispatch, sumToScalar(context, workspace.terms, workspace.loss, termCount, scale)];
}

function backwardDispatches(
  resources: ProgramResources,
  batchSize: number,
  updated: Set<GpuParameter>,
): Dispatch[] {
  const { context, plan, workspace, parameters } = resources;
  const { layers, widths } = plan;
  const { activations, masks, gradients } = workspace;
  const dispatches: Dispatch[] = [];

  // Layers before the first trained Linear layer need no gradient, nor does that layer's input.
  const isTrained = (tensor: Tensor | null) =>
    tensor !== null && updated.has(parameters.get(tensor)!);
  const firstTrained = layers.findIndex(
    (layer) => layer.kind === 'linear' && (isTrained(layer.weight) || isTrained(layer.bias)),
  );
  if (firstTrained < 0) return dispatches;
  let grad = gradients[0];

  for (let l = layers.length - 1; l >= firstTrained; l--) {
    const layer = layers[l];
    const gradInput = grad === gradients[0] ? gradients[1] : gradients[0];
    const needInputGrad = l > firstTrained;
    const count = batchSize * widths[l];
    switch (layer.kind) {
      case 'linear': {
        const weight = parameters.get(layer.weight)!;
        const bias = layer.bias === null ? null : parameters.get(layer.bias)!;
        const { inFeatures, outFeatures } = layer;
        if (updated.has(weight)) {
          const shape = { m: outFeatures, n: inFeatures, k: batchSize };
          const buffers = { a: grad, b: activations[l], out: weight.grad };
          dispatches.push(matmul(context, buffers, shape, { transA: true }));
        }
        if (bias !== null && updated.has(bias)) {
          dispatches.push(columnSums(context, grad, bias.grad, batchSize, outFeatures));
        }
        if (needInputGrad) {
          const shape = { m: batchSize, n: inFeatures, k: outFeatures };
          dispatches.push(matmul(context, { a: grad, b: weight.buffer, out: gradInput }, shape));
        }
        break;
      }
      case 'relu':
      case 'leakyRelu':
      case 'sigmoid':
      case 'tanh': {
        const { kind, slope } = activationOf(layer)!;
        const saved = backwardUsesInput(kind) ? activations[l] : activations[l + 1];
        dispatches.push(activationBackward(context, kind, slope, saved, grad, gradInput, count));
        break;
      }
      case 'softmax':
        const output = activations[l + 1];
        dispatches.push(softmaxBackward(context, output, grad, gradInput, batchSize, widths[l]));
        break;
      case 'dropout':
        dispatches.push(dropoutBackward(context, masks[l]!, grad, gradInput, count));
        break;
    }
    grad = gradInput;
  }
  return dispatches;
}
