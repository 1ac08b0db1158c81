/**
 * Turns a Sequential model and its loss into a flat list of steps that the fused training
 * path can run without building an autograd graph. Models with layers it does not know
 * get no plan, and then training takes the general autograd path.
 */
import { Tensor } from '../tensor/tensor';
import { Module } from '../nn/module';
import { Sequential } from '../nn/sequential';
import { Linear } from '../nn/linear';
import { LeakyReLU, ReLU, Sigmoid, Softmax, Tanh } from '../nn/activation';
import { Dropout } from '../nn/dropout';
import { BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, MSELoss } from '../nn/loss';

export type LayerStep =
  | { kind: 'linear'; inFeatures: number; outFeatures: number; weight: Tensor; bias: Tensor | null }
  | { kind: 'relu' }
  | { kind: 'leakyRelu'; negativeSlope: number }
  | { kind: 'sigmoid' }
  | { kind: 'tanh' }
  | { kind: 'softmax' }
  | { kind: 'dropout'; module: Dropout };

export type LossStep = 'crossEntropy' | 'mse' | 'bce' | 'bceWithLogits';

export interface FusedPlan {
  layers: LayerStep[];
  /** Width of the samples entering each layer, then the output width: layers.length + 1 entries. */
  widths: number[];
  loss: LossStep;
  reduction: 'mean' | 'sum';
}

function layerStep(layer: Module): LayerStep | null {
  if (layer instanceof Linear) {
    return { kind: 'linear', inFeatures: layer.inFeatures, outFeatures: layer.outFeatures, weight: layer.weight, bias: layer.bias };
  }
  if (layer instanceof ReLU) return { kind: 'relu' };
  if (layer instanceof LeakyReLU) return { kind: 'leakyRelu', negativeSlope: layer.negativeSlope };
  if (layer instanceof Sigmoid) return { kind: 'sigmoid' };
  if (layer instanceof Tanh) return { kind: 'tanh' };
  if (layer instanceof Softmax && (layer.dim === -1 || layer.dim === 1)) return { kind: 'softmax' };
  if (layer instanceof Dropout) return { kind: 'dropout', module: layer };
  return null;
}

function lossStep(loss: Module): LossStep | null {
  if (loss instanceof CrossEntropyLoss) return 'crossEntropy';
  if (loss instanceof MSELoss) return 'mse';
  if (loss instanceof BCELoss) return 'bce';
  if (loss instanceof BCEWithLogitsLoss) return 'bceWithLogits';
  return null;
}

/**
 * Builds a plan for `model` trained with `loss`, or returns null when a layer, the loss or
 * its reduction is not supported by the fused path or the layer sizes do not chain.
 */
export function planFusedStep(model: Module, loss: Module): FusedPlan | null {
  if (!(model instanceof Sequential)) return null;
  const lossKind = lossStep(loss);
  const reduction = (loss as CrossEntropyLoss).reduction;
  if (lossKind === null || (reduction !== 'mean' && reduction !== 'sum')) return null;

  const layers: LayerStep[] = [];
  for (const layer of model.layers()) {
    const step = layerStep(layer);
    if (step === null) return null;
    layers.push(step);
  }
  // A layer used twice would need its gradients added; the fused step writes them once.
  const parameters = model.parameters();
  if (new Set(parameters).size !== parameters.length) return null;

  const firstLinear = layers.find((step) => step.kind === 'linear');
  if (firstLinear === undefined || firstLinear.kind !== 'linear') return null;

  const widths = [firstLinear.inFeatures];
  for (const step of layers) {
    const width = widths[widths.length - 1];
    if (step.kind === 'linear') {
      if (step.inFeatures !== width) return null;
      widths.push(step.outFeatures);
    } else {
      widths.push(width);
    }
  }
  return { layers, widths, loss: lossKind, reduction };
}
