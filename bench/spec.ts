/**
 * The shape of a workload spec. The runner passes a spec to each peer process as one JSON
 * argument, and the TypeScript peers validate it with these schemas.
 */
import { z } from 'zod';

/** One layer of a workload's network, in order. */
export const layerSpecSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('linear'),
    inFeatures: z.number().int(),
    outFeatures: z.number().int(),
  }),
  z.object({ type: z.literal('relu') }),
  z.object({ type: z.literal('sigmoid') }),
  z.object({ type: z.literal('dropout'), p: z.number() }),
]);
export type LayerSpec = z.infer<typeof layerSpecSchema>;

export const optimizerSpecSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('sgd'), lr: z.number(), momentum: z.number() }),
  z.object({ name: z.literal('adam'), lr: z.number() }),
]);
export type OptimizerSpec = z.infer<typeof optimizerSpecSchema>;

/** A training workload, timed over whole epochs of forward, loss, backward and step. */
export const trainSpecSchema = z.object({
  kind: z.literal('train'),
  id: z.string(),
  title: z.string(),
  layers: z.array(layerSpecSchema),
  /** 'bce': probabilities and float targets [N, 1]. 'cross-entropy': logits and classes [N]. */
  loss: z.enum(['bce', 'cross-entropy']),
  optimizer: optimizerSpecSchema,
  batchSize: z.number().int(),
  samples: z.number().int(),
  epochs: z.number().int(),
  /** Untimed batches trained before the first timed run: a whole run for the small workloads. */
  warmupBatches: z.number().int(),
  /** Timed runs, each of `epochs` epochs. */
  repeats: z.number().int(),
  /** A peer starts no further run once the timed runs so far plus one more would pass this. */
  maxSeconds: z.number(),
  seed: z.number().int(),
});
export type TrainSpec = z.infer<typeof trainSpecSchema>;

/** The matmul workload: GFLOP/s of one forward n×n by n×n product, 2·n³ / seconds. */
export const matmulSpecSchema = z.object({
  kind: z.literal('matmul'),
  id: z.string(),
  title: z.string(),
  sizes: z.array(z.number().int()),
  /** Timed runs per size; each run repeats the product until it has taken minRunSeconds. */
  repeats: z.number().int(),
  minRunSeconds: z.number(),
  /** Per size, as in a training spec. */
  maxSeconds: z.number(),
  seed: z.number().int(),
});
export type MatmulSpec = z.infer<typeof matmulSpecSchema>;

export const workloadSpecSchema = z.discriminatedUnion('kind', [trainSpecSchema, matmulSpecSchema]);
export type WorkloadSpec = z.infer<typeof workloadSpecSchema>;

/**
 * Reads the spec that the runner passed as the process's first argument.
 * Throws an Error naming the problem when it is missing or invalid.
 */
export function readSpecArgument(argv: readonly string[] = process.argv): WorkloadSpec {
  const text = argv[2];
  if (text === undefined) throw new Error('missing argument: a workload spec as JSON');

  const parsed = workloadSpecSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`invalid workload spec: ${parsed.error.message}`);
  return parsed.data;
}
