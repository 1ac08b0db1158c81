import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A tensor as make_fixtures.py writes it: row-major flat data and its shape. */
export interface FixtureTensor {
  shape: number[];
  dtype: 'float32' | 'int32';
  data: number[];
}

export type TensorMap = Record<string, FixtureTensor>;

export type OpArgs = {
  scalar?: number;
  exponent?: number;
  dim?: number;
  keepdim?: boolean;
  shape?: number[];
  slope?: number;
};

export interface OpCase {
  name: string;
  op: string;
  args: OpArgs;
  inputs: TensorMap;
  out: FixtureTensor;
  w?: FixtureTensor | null;
  grads?: TensorMap;
}

export type LayerSpec =
  | { type: 'Linear'; inFeatures: number; outFeatures: number; bias: boolean }
  | { type: 'LeakyReLU'; negativeSlope: number }
  | { type: 'Softmax'; dim: number }
  | { type: 'Dropout'; p: number }
  | { type: 'ReLU' | 'Tanh' | 'Sigmoid' };

export interface ModelCase {
  name: string;
  layers: LayerSpec[];
  mode: 'train' | 'eval';
  stateDict: TensorMap;
  input: FixtureTensor;
  out: FixtureTensor;
  w: FixtureTensor;
  inputGrad: FixtureTensor;
  paramGrads: TensorMap;
}

export type Reduction = 'mean' | 'sum' | 'none';
export type LossName = 'MSELoss' | 'CrossEntropyLoss' | 'BCELoss' | 'BCEWithLogitsLoss';

export interface LossCase {
  name: string;
  loss: LossName;
  reduction: Reduction;
  input: FixtureTensor;
  target: FixtureTensor;
  out: FixtureTensor;
  w: FixtureTensor | null;
  inputGrad: FixtureTensor;
}

/** SGD options exactly as the engine takes them. */
export interface SgdOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
}

/** Adam options exactly as the engine takes them. An empty object selects the defaults. */
export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
}

export type OptimizerSpec =
  | { optimizer: 'SGD'; options: SgdOptions }
  | { optimizer: 'Adam'; options: AdamOptions };

export type OptimizerCase = OptimizerSpec & {
  name: string;
  data: TensorMap;
  initial: TensorMap;
  losses: number[];
  history: TensorMap[];
};

export type TrainingCase = OptimizerSpec & {
  name: string;
  layers: LayerSpec[];
  loss: 'CrossEntropyLoss' | 'MSELoss';
  batchSize: number;
  epochs: number;
  x: FixtureTensor;
  y: FixtureTensor;
  initial: TensorMap;
  losses: number[];
  final: TensorMap;
};

export interface Fixtures {
  torchVersion: string;
  ops: OpCase[];
  accumulation: { a: FixtureTensor; w1: FixtureTensor; w2: FixtureTensor; grad: FixtureTensor };
  models: ModelCase[];
  losses: LossCase[];
  bceSaturated: { input: FixtureTensor; target: FixtureTensor; out: FixtureTensor };
  optimizers: OptimizerCase[];
  training: TrainingCase[];
  oneHot: { labels: FixtureTensor; numClasses: number; out: FixtureTensor };
  initBounds: {
    fanIn: number;
    fanOut: number;
    linearDefault: number;
    xavierUniformGain2: number;
    kaimingUniformLeakyRelu02FanIn: number;
    kaimingUniformReluFanOut: number;
  };
}

const path = fileURLToPath(new URL('../parity/fixtures.json', import.meta.url));

/** Reference values written by test/parity/make_fixtures.py with PyTorch. */
export const fixtures: Fixtures = JSON.parse(readFileSync(path, 'utf8'));
