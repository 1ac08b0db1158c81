/**
 * Zod schemas for every request the renderer can send. They check the shape and the
 * ranges of the values; the engine checks what only it can judge (graph validity,
 * column names against the data).
 */

import { z } from 'zod';
import { MAX_SAMPLE_VALUE } from './insight-types';
import type { BackendChannel, BackendChannels } from './protocol';
import { createRunsSchema } from './run-schema';
import { createSearchSchemas } from './search/search-schema';

// Zod's default probes `new Function` to decide whether to compile validators, and a
// strict Content-Security-Policy reports every such probe, so it runs interpreted.
z.config({ jitless: true });

/** Maximum length of an uploaded CSV file, in UTF-16 code units (32 Mi). */
export const MAX_FILE_TEXT_LENGTH = 32 * 1024 * 1024;

/** Maximum length of a model file: the engine's 64 MiB limit on model files. */
export const MAX_MODEL_TEXT_LENGTH = 64 * 1024 * 1024;

/** Maximum number of nodes or edges a graph may contain. */
export const MAX_GRAPH_ELEMENTS = 1000;

const MAX_NAME_LENGTH = 256;
const MAX_COLUMNS = 10_000;

const name = z.string().min(1).max(MAX_NAME_LENGTH);
const fileName = z.string().max(MAX_NAME_LENGTH);
const fileText = z.string().max(MAX_FILE_TEXT_LENGTH);
const runId = z.string().min(1).max(100);

const nodeParams = z.strictObject({
  features: z.int().min(1).max(65_536).optional(),
  outFeatures: z.int().min(1).max(65_536).optional(),
  bias: z.boolean().optional(),
  init: z.enum(['default', 'xavierUniform', 'kaimingUniform', 'zeros']).optional(),
  frozen: z.boolean().optional(),
  negativeSlope: z.number().min(0).max(100).optional(),
  p: z.number().min(0).max(1).optional(),
  dim: z.int().min(-2).max(1).optional(),
});

const graphNode = z.strictObject({
  id: z.string().min(1).max(100),
  type: z.enum([
    'Input',
    'Linear',
    'ReLU',
    'LeakyReLU',
    'Sigmoid',
    'Tanh',
    'Softmax',
    'Dropout',
    'Output',
  ]),
  label: z.string().max(100).optional(),
  params: nodeParams.optional(),
  position: z.strictObject({ x: z.number(), y: z.number() }).optional(),
});

const graphEdge = z.strictObject({
  id: z.string().max(200).optional(),
  source: z.string().min(1).max(100),
  target: z.string().min(1).max(100),
});

export const graphSchema = z.strictObject({
  nodes: z.array(graphNode).max(MAX_GRAPH_ELEMENTS),
  edges: z.array(graphEdge).max(MAX_GRAPH_ELEMENTS),
});

const dataSource = z.union([
  z.strictObject({ builtin: name }),
  z.strictObject({ file: name }),
]);

const dataSettings = z.strictObject({
  source: dataSource,
  features: z.array(name).min(1).max(MAX_COLUMNS),
  target: name,
  task: z.enum(['regression', 'binary', 'multiclass']),
  standardize: z.boolean(),
  dropMissing: z.boolean().optional(),
});

const trainingSettings = z.strictObject({
  loss: z.enum(['CrossEntropyLoss', 'MSELoss', 'BCELoss', 'BCEWithLogitsLoss']),
  optimizer: z.enum(['SGD', 'Adam']),
  lr: z.number().gt(0).max(100),
  momentum: z.number().min(0).lt(1),
  weightDecay: z.number().min(0),
  batchSize: z.int().min(1).max(1_000_000),
  epochs: z.int().min(1).max(100_000),
  shuffle: z.boolean(),
  validationSplit: z.number().min(0).lt(1),
  seed: z.int().min(0).max(2 ** 32 - 1),
  backend: z.enum(['auto', 'cpu', 'gpu']).optional(),
});

export const projectSchema = z.strictObject({
  format: z.literal('wiregrad-project'),
  version: z.literal(1),
  name: z.string().max(MAX_NAME_LENGTH),
  graph: graphSchema,
  data: dataSettings,
  training: trainingSettings,
  runs: createRunsSchema(trainingSettings).optional(),
});

type RequestSchemas = { [C in BackendChannel]: z.ZodType<BackendChannels[C]['request']> };

/** One schema per invoke channel; a request with extra or missing fields is rejected. */
export const requestSchemas: RequestSchemas = {
  'list-datasets': z.strictObject({}),
  'preview-dataset': z.strictObject({ name }),
  'parse-csv': z.strictObject({ fileName, text: fileText }),
  'start-training': z.strictObject({ project: projectSchema, csvText: fileText.optional() }),
  'stop-training': z.strictObject({ runId }),
  'export-model': z.strictObject({ runId }),
  'import-model': z.strictObject({ fileName, text: z.string().max(MAX_MODEL_TEXT_LENGTH) }),
  'predict-csv': z.strictObject({ modelId: runId, fileName, text: fileText }),
  ...createSearchSchemas(projectSchema),
  'predict-sample': z.strictObject({
    source: z.union([z.strictObject({ runId }), z.strictObject({ modelId: runId })]),
    values: z.array(z.number().min(-MAX_SAMPLE_VALUE).max(MAX_SAMPLE_VALUE)).min(1).max(MAX_COLUMNS),
  }),
  'export-pytorch': z.strictObject({ runId }),
};

/** A request that failed validation, with a message that names each wrong field. */
export class InvalidRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

/** Returns true when `channel` is one of the backend's invoke channels. */
export function isBackendChannel(channel: unknown): channel is BackendChannel {
  return typeof channel === 'string' && Object.hasOwn(requestSchemas, channel);
}

/**
 * Validates a request payload for `channel` and returns it typed, or throws an
 * `InvalidRequestError` such as `Invalid 'start-training' request: project.training.lr:
 * Too small: expected number to be >0`.
 */
export function parseRequest<C extends BackendChannel>(
  channel: C,
  payload: unknown,
): BackendChannels[C]['request'] {
  const schema: RequestSchemas[C] = requestSchemas[channel];
  const result = schema.safeParse(payload);
  if (result.success) return result.data;

  throw new InvalidRequestError(`Invalid '${channel}' request: ${describeIssues(result.error)}`);
}

/** Formats zod issues as `path: message` pairs, at most five, separated by semicolons. */
export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return shown.join('; ') + more;
}
