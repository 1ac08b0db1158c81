/**
 * The result line that a peer process prints for the runner: RESULT_MARKER followed by
 * JSON. The runner ignores everything else the peer prints (library banners, warnings).
 */
import { z } from 'zod';

export const RESULT_MARKER = '@@wiregrad-bench-result ';

/** Facts about a peer's build and threading, recorded with every run. */
export const peerInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Threads the peer's kernels use, as the peer itself reports it. */
  threads: z.number(),
  /** Settings and facts worth printing, such as the BLAS library or the wasm build. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  notes: z.array(z.string()),
});
export type PeerInfo = z.infer<typeof peerInfoSchema>;

export const backendInfoSchema = z.object({ backend: z.string(), threads: z.number() });

export const trainResultSchema = z.object({
  kind: z.literal('train'),
  peer: peerInfoSchema,
  /** Samples per second of each timed run, in run order. */
  samplesPerSecond: z.array(z.number()),
  /** Loss of the last batch of the last run, null when it is not finite. */
  finalLoss: z.number().nullable(),
  /** Wiregrad only: the engine's getBackendInfo() after training. */
  backend: backendInfoSchema.optional(),
});
export type TrainResult = z.infer<typeof trainResultSchema>;

export const matmulResultSchema = z.object({
  kind: z.literal('matmul'),
  peer: peerInfoSchema,
  sizes: z.array(z.object({ n: z.number(), gflopsPerSecond: z.array(z.number()) })),
  backend: backendInfoSchema.optional(),
});
export type MatmulResult = z.infer<typeof matmulResultSchema>;

/** Event-loop delay of the Node process's main thread during one epoch of training (ms). */
export const eventLoopMeasurementSchema = z.object({
  /** Thread that trains, such as 'worker thread' or 'main thread'. */
  mode: z.string(),
  p50Ms: z.number(),
  p99Ms: z.number(),
  maxMs: z.number(),
  samplesPerSecond: z.number(),
});
export type EventLoopMeasurement = z.infer<typeof eventLoopMeasurementSchema>;

export const eventLoopResultSchema = z.object({
  kind: z.literal('event-loop'),
  peer: peerInfoSchema,
  measurements: z.array(eventLoopMeasurementSchema),
  backend: backendInfoSchema,
});
export type EventLoopResult = z.infer<typeof eventLoopResultSchema>;

export const peerResultSchema = z.discriminatedUnion('kind', [
  trainResultSchema,
  matmulResultSchema,
  eventLoopResultSchema,
]);
export type PeerResult = z.infer<typeof peerResultSchema>;

/** Writes a result line for the runner to stdout. */
export function printResult(result: PeerResult): void {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

/**
 * Finds the result line in a peer's stdout and validates it.
 * Throws an Error when the line is missing or its JSON does not match the schema.
 */
export function parseResult(stdout: string): PeerResult {
  const line = stdout.split('\n').find((text) => text.startsWith(RESULT_MARKER));
  if (line === undefined) throw new Error('the peer printed no result line');

  const parsed = peerResultSchema.safeParse(JSON.parse(line.slice(RESULT_MARKER.length)));
  if (!parsed.success) {
    throw new Error(`the peer printed an invalid result: ${parsed.error.message}`);
  }
  return parsed.data;
}
