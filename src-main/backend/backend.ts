/**
 * The backend both shells share: one object that handles the renderer's invoke
 * channels and streams training events. Electron calls it from `ipcMain.handle`, the
 * browser shell from its WebSocket.
 */

import { DataError } from '../../engine/data/errors';
import { JsonValidationError } from '../../engine/project/json-checks';
import { TrainingError } from '../../engine/train';
import { listDatasets, previewDataset } from './datasets';
import { UserFacingError } from './errors';
import { ModelStore } from './model-store';
import type { BackendChannel, BackendChannels, InvokeResult, TrainingEvent } from './protocol';
import { InvalidRequestError, isBackendChannel, parseRequest } from './schemas';
import { predictSample, pytorchExport, RunModelCache } from './sample-prediction';
import { SearchManager } from './search/search-manager';
import { previewCsvText } from './table-preview';
import { TrainingManager } from './training/training-manager';

export interface BackendOptions {
  /** Folder with the bundled data sets' CSV files. */
  datasetsDir: string;
  /**
   * Script the training worker runs: the bundled `training-worker.js` in Electron, or
   * `training/worker-bootstrap.mjs`, which loads the TypeScript sources through tsx.
   */
  workerEntry: URL;
}

/** The renderer-facing backend. */
export interface Backend {
  /** Validates `payload` for `channel`, runs the request and returns its result or error. */
  invoke(channel: string, payload: unknown): Promise<InvokeResult<unknown>>;
  /** Subscribes to the events of every training run; returns the unsubscribe function. */
  onTrainingEvent(listener: (event: TrainingEvent) => void): () => void;
  /** Stops every training worker. */
  close(): Promise<void>;
}

type Handlers = {
  [C in BackendChannel]: (
    request: BackendChannels[C]['request'],
  ) => Promise<BackendChannels[C]['response']>;
};

/** Creates the backend; it starts no worker until the first training request. */
export function createBackend(options: BackendOptions): Backend {
  const training = new TrainingManager(options.workerEntry, options.datasetsDir);
  const models = new ModelStore();
  const search = new SearchManager({ workerEntry: options.workerEntry, datasetsDir: options.datasetsDir });
  const runModels = new RunModelCache();

  const handlers: Handlers = {
    'list-datasets': async () => listDatasets(options.datasetsDir),
    'preview-dataset': async ({ name }) => previewDataset(options.datasetsDir, name),
    'parse-csv': async ({ fileName, text }) => previewCsvText(fileName, text),
    'start-training': async ({ project, csvText }) => training.start(project, csvText),
    'stop-training': async ({ runId }) => training.stop(runId),
    'export-model': async ({ runId }) => training.exportModel(runId),
    'import-model': async ({ fileName, text }) => models.importModel(fileName, text),
    'predict-csv': async ({ modelId, fileName, text }) => models.predict(modelId, fileName, text),
    'start-search': async ({ project, csvText, options: searchOptions }) => search.start(project, csvText, searchOptions),
    'stop-search': async ({ searchId }) => search.stop(searchId),
    'search-status': async ({ searchId }) => search.status(searchId),
    'predict-sample': async ({ source, values }) => {
      const { file, model } =
        'runId' in source ? runModels.load(source.runId, training.exportModel(source.runId).text) : models.find(source.modelId);
      return predictSample(file, model, values);
    },
    'export-pytorch': async ({ runId }) => pytorchExport(training.exportModel(runId)),
  };

  return {
    invoke: (channel, payload) => invokeHandler(handlers, channel, payload),
    onTrainingEvent: (listener) => training.subscribe(listener),
    close: async () => {
      await Promise.all([training.close(), search.close()]);
    },
  };
}

async function invokeHandler(
  handlers: Handlers,
  channel: string,
  payload: unknown,
): Promise<InvokeResult<unknown>> {
  if (!isBackendChannel(channel)) {
    return { ok: false, error: `Unknown channel '${String(channel).slice(0, 100)}'.` };
  }

  try {
    const value = await runHandler(handlers, channel, payload);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: describeError(channel, error) };
  }
}

function runHandler<C extends BackendChannel>(
  handlers: Handlers,
  channel: C,
  payload: unknown,
): Promise<BackendChannels[C]['response']> {
  const request = parseRequest(channel, payload);
  const handler: (request: BackendChannels[C]['request']) => Promise<BackendChannels[C]['response']> =
    handlers[channel];
  return handler(request);
}

/**
 * Turns a thrown error into the message the renderer shows. Errors the user can fix
 * (bad requests, bad data, an invalid graph or model file) keep their message as is.
 * Anything else is logged with its stack, because it is a bug.
 */
function describeError(channel: BackendChannel, error: unknown): string {
  const userFacing = [InvalidRequestError, DataError, JsonValidationError, TrainingError, UserFacingError];
  if (userFacing.some((type) => error instanceof type)) return (error as Error).message;

  console.error(`wiregrad backend: '${channel}' failed:`, error);
  const message = error instanceof Error ? error.message : String(error);
  return `${channel} failed: ${message}`;
}

