/**
 * Builds a training workload in Wiregrad through the engine's public API: the engine's
 * index, plus the Node-only kernels-node module that the CLI uses to install fast kernels.
 */
import {
  Generator,
  data,
  getBackendInfo,
  manualSeed,
  nn,
  optim,
  randn,
  tensor,
  type BackendInfo,
  type Tensor,
} from '../../engine';
import { useFastKernels } from '../../engine/kernels-node';
import { FusedTrainingStep } from '../../engine/fused';
import manifest from '../../package.json' with { type: 'json' };
import type { PeerInfo } from '../protocol';
import type { LayerSpec, TrainSpec } from '../spec';

/** A workload ready to train: model, loss, optimizer and a shuffling DataLoader. */
export interface WiregradSetup {
  model: nn.Sequential;
  loss: nn.CrossEntropyLoss | nn.BCELoss;
  optimizer: optim.SGD | optim.Adam;
  loader: data.DataLoader;
  /** The fused training step, or null for the PyTorch-style autograd loop. */
  fused: FusedTrainingStep | null;
}

/** Synthetic rows: x is [samples, inFeatures] row-major; y contains 0/1 (BCE) or class indices. */
export interface SyntheticData {
  x: Float32Array;
  inFeatures: number;
  y: Float32Array | Int32Array;
}

/**
 * Installs the engine's fastest Node kernels with their defaults, as the CLI does, and
 * returns the backend now in use.
 */
export function installFastKernels(): BackendInfo {
  return useFastKernels();
}

function buildLayer(layer: LayerSpec): nn.Module {
  switch (layer.type) {
    case 'linear':
      return new nn.Linear(layer.inFeatures, layer.outFeatures);
    case 'relu':
      return new nn.ReLU();
    case 'sigmoid':
      return new nn.Sigmoid();
    case 'dropout':
      return new nn.Dropout(layer.p);
  }
}

/** Builds the network of `spec`, initialised from the global generator seeded by spec.seed. */
export function buildModel(spec: TrainSpec): nn.Sequential {
  manualSeed(spec.seed);
  return new nn.Sequential(...spec.layers.map(buildLayer));
}

/**
 * Makes standard normal inputs and uniform labels: 0/1 float targets for BCE, int32
 * class indices otherwise. The seed is spec.seed, so both Wiregrad modes see the same rows.
 */
export function makeSyntheticData(spec: TrainSpec): SyntheticData {
  const first = spec.layers[0];
  const last = spec.layers.filter((layer) => layer.type === 'linear').at(-1);
  if (first.type !== 'linear' || last === undefined || last.type !== 'linear') {
    throw new Error(`${spec.id}: the network must start with a linear layer`);
  }

  const generator = new Generator(spec.seed);
  const x = randn([spec.samples, first.inFeatures], { generator }).data;
  if (!(x instanceof Float32Array)) throw new Error('randn returned non-float32 data');

  const labelCount = spec.loss === 'bce' ? 2 : last.outFeatures;
  const drawLabel = (): number => generator.nextUint32() % labelCount;
  const y =
    spec.loss === 'bce'
      ? Float32Array.from({ length: spec.samples }, drawLabel)
      : Int32Array.from({ length: spec.samples }, drawLabel);
  return { x, inFeatures: first.inFeatures, y };
}

/**
 * Builds the model, loss, optimizer and DataLoader of `spec`, for the fused training step
 * when `useFused` is true and for the autograd loop otherwise.
 */
export function setUpWiregrad(spec: TrainSpec, useFused: boolean): WiregradSetup {
  const rows = makeSyntheticData(spec);
  const model = buildModel(spec);
  const loss = spec.loss === 'bce' ? new nn.BCELoss() : new nn.CrossEntropyLoss();

  const settings = spec.optimizer;
  const optimizer =
    settings.name === 'sgd'
      ? new optim.SGD(model.parameters(), { lr: settings.lr, momentum: settings.momentum })
      : new optim.Adam(model.parameters(), { lr: settings.lr });

  const x = tensor(rows.x).reshape([spec.samples, rows.inFeatures]);
  const y =
    rows.y instanceof Float32Array ? tensor(rows.y).reshape([spec.samples, 1]) : tensor(rows.y);
  const loader = new data.DataLoader(new data.TensorDataset(x, y), {
    batchSize: spec.batchSize,
    shuffle: true,
    seed: spec.seed,
  });
  const fused = useFused ? FusedTrainingStep.create(model, loss, optimizer) : null;
  if (useFused && fused === null) throw new Error(`the fused training step does not support workload ${spec.id}`);
  return { model, loss, optimizer, loader, fused };
}

/** Trains one step on a batch and returns the batch's loss. */
export function trainStep(setup: WiregradSetup, xb: Tensor, yb: Tensor): number {
  if (setup.fused !== null) return setup.fused.step(xb.data as Float32Array, yb.data, xb.shape[0]);
  setup.optimizer.zeroGrad();
  const lossValue = setup.loss.forward(setup.model.forward(xb), yb);
  lossValue.backward();
  setup.optimizer.step();
  return lossValue.item();
}

/** Trains `batches` batches, starting new epochs as needed, and returns the last batch's loss. */
export function trainBatches(setup: WiregradSetup, batches: number): number {
  let lastLoss = Number.NaN;
  let done = 0;
  while (done < batches) {
    for (const [xb, yb] of setup.loader) {
      lastLoss = trainStep(setup, xb, yb);
      done += 1;
      if (done === batches) break;
    }
  }
  return lastLoss;
}

/** Describes the engine build: the package version and the kernels' backend and threads. */
export function wiregradInfo(): PeerInfo {
  const backend = getBackendInfo();
  return {
    name: 'Wiregrad',
    version: manifest.version,
    threads: backend.threads,
    details: { backend: backend.backend, threads: backend.threads, node: process.version },
    notes: [],
  };
}
