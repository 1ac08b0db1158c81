/**
 * The benchmark's workloads, as plain JSON specs that every peer (Wiregrad, PyTorch, TF.js)
 * reads, so all three train the same network on data of the same shape.
 */
import type { LayerSpec, WorkloadSpec } from './spec';

const SEED = 1234;

const WIDE_LAYERS: LayerSpec[] = [
  { type: 'linear', inFeatures: 3072, outFeatures: 256 },
  { type: 'relu' },
  { type: 'dropout', p: 0.2 },
  { type: 'linear', inFeatures: 256, outFeatures: 128 },
  { type: 'relu' },
  { type: 'linear', inFeatures: 128, outFeatures: 10 },
];

/** Every workload at its full size, in report order. */
export const WORKLOADS: WorkloadSpec[] = [
  {
    kind: 'train',
    id: 'W1',
    title: 'tiny 30-16-1, batch 2',
    layers: [
      { type: 'linear', inFeatures: 30, outFeatures: 16 },
      { type: 'relu' },
      { type: 'linear', inFeatures: 16, outFeatures: 1 },
      { type: 'sigmoid' },
    ],
    loss: 'bce',
    optimizer: { name: 'sgd', lr: 0.01, momentum: 0 },
    batchSize: 2,
    samples: 569,
    epochs: 5,
    warmupBatches: 285 * 5,
    repeats: 5,
    maxSeconds: 60,
    seed: SEED,
  },
  {
    kind: 'train',
    id: 'W2',
    title: 'iris-size 4-16-3, batch 16',
    layers: [
      { type: 'linear', inFeatures: 4, outFeatures: 16 },
      { type: 'relu' },
      { type: 'linear', inFeatures: 16, outFeatures: 3 },
    ],
    loss: 'cross-entropy',
    optimizer: { name: 'sgd', lr: 0.05, momentum: 0.9 },
    batchSize: 16,
    samples: 150,
    epochs: 200,
    warmupBatches: 10 * 200,
    repeats: 5,
    maxSeconds: 60,
    seed: SEED,
  },
  {
    kind: 'train',
    id: 'W3',
    title: 'digits-size 64-128-64-10, batch 32',
    layers: [
      { type: 'linear', inFeatures: 64, outFeatures: 128 },
      { type: 'relu' },
      { type: 'linear', inFeatures: 128, outFeatures: 64 },
      { type: 'relu' },
      { type: 'linear', inFeatures: 64, outFeatures: 10 },
    ],
    loss: 'cross-entropy',
    optimizer: { name: 'adam', lr: 1e-3 },
    batchSize: 32,
    samples: 1797,
    epochs: 20,
    warmupBatches: 57 * 20,
    repeats: 5,
    maxSeconds: 60,
    seed: SEED,
  },
  {
    kind: 'train',
    id: 'W4',
    title: 'wide 3072-256-128-10, batch 64',
    layers: WIDE_LAYERS,
    loss: 'cross-entropy',
    optimizer: { name: 'sgd', lr: 0.01, momentum: 0.9 },
    batchSize: 64,
    samples: 10_000,
    epochs: 1,
    warmupBatches: 20,
    repeats: 3,
    maxSeconds: 90,
    seed: SEED,
  },
  {
    kind: 'train',
    id: 'W5',
    title: 'large batch 3072-256-128-10, batch 1024',
    layers: WIDE_LAYERS,
    loss: 'cross-entropy',
    optimizer: { name: 'sgd', lr: 0.01, momentum: 0.9 },
    batchSize: 1024,
    samples: 10_000,
    epochs: 1,
    warmupBatches: 2,
    repeats: 3,
    maxSeconds: 90,
    seed: SEED,
  },
  {
    kind: 'matmul',
    id: 'M1',
    title: 'square matmul',
    sizes: [256, 512, 1024, 2048],
    repeats: 5,
    minRunSeconds: 0.2,
    maxSeconds: 30,
    seed: SEED,
  },
];

/**
 * Shrinks a workload for `--quick`: one timed run, fewer epochs and samples, matmul up to
 * n = 512. Its numbers show that the harness works, and are too short to compare peers.
 */
export function quickVersion(spec: WorkloadSpec): WorkloadSpec {
  if (spec.kind === 'matmul') {
    const sizes = spec.sizes.filter((n) => n <= 512);
    return { ...spec, sizes, repeats: 1, minRunSeconds: 0.05, maxSeconds: 5 };
  }

  const samples = Math.min(spec.samples, Math.max(512, spec.batchSize));
  const epochs = Math.max(1, Math.ceil(spec.epochs / 10));
  const batchesPerRun = epochs * Math.ceil(samples / spec.batchSize);
  return {
    ...spec,
    samples,
    epochs,
    warmupBatches: Math.min(spec.warmupBatches, Math.ceil(batchesPerRun / 2)),
    repeats: 1,
    maxSeconds: 10,
  };
}

/**
 * Selects workloads by id (case-insensitive), in report order.
 * Throws a RangeError naming the unknown ids and the valid ones.
 */
export function selectWorkloads(ids: string[] | null): WorkloadSpec[] {
  if (ids === null) return WORKLOADS;

  const requested = new Set(ids.map((id) => id.toUpperCase()));
  const known = new Set(WORKLOADS.map((spec) => spec.id));
  const unknown = [...requested].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new RangeError(
      `--only: unknown workload ${unknown.join(', ')}; valid ids are ${[...known].join(', ')}`,
    );
  }
  return WORKLOADS.filter((spec) => requested.has(spec.id));
}
