/**
 * `wiregrad train`: trains a project's graph, or continues training a model file, and
 * writes the best model as a model file.
 */

import { basename } from 'node:path';

import { DataError } from '../../engine/data/errors';
import { prepareData, type PreparedData } from '../../engine/data/prepare';
import { standardize } from '../../engine/data/standardize';
import { compileGraph } from '../../engine/graph';
import type { LayerSpec } from '../../engine/graph/layer-spec';
import { createModelFile, modelFromFile, serializeModelFile, type ModelFile } from '../../engine/model';
import type { Sequential } from '../../engine/nn';
import { MAX_EPOCHS } from '../../engine/project/validate-settings';
import type { DataSettings, TrainingSettings } from '../../engine/project';
import { train, type TrainingGpu, type TrainResult } from '../../engine/train';
import { useFastKernels } from '../../engine/kernels-node';
import type { BackendInfo } from '../../engine/backend';
import type { BackendChoice } from '../../engine/gpu/select';
import { gpuForTraining } from '../common/gpu-for-training';
import { integerOption, type ParsedArgs } from './args';
import { UserError } from './errors';
import { dataSourcePath, readCsv, readProjectOrModel, type LoadedInput } from './input-files';
import { checkOutputPath, writeAtomically } from './output-file';
import { formatEpochLine, formatLoss, formatPercent, ProgressBar } from './progress';
import { plural, printable } from './terminal-text';

/** Exit code of a run stopped with Ctrl-C, as shells report a process ended by SIGINT. */
export const EXIT_INTERRUPTED = 130;

/** Settings the command takes from the project or model file. */
interface TrainingPlan {
  name: string;
  csvPath: string;
  data: DataSettings;
  training: TrainingSettings;
  /** Set for a model file: its standardisation and classes must carry over. */
  baseModel: ModelFile | null;
}

/** The interface of `process` that the command uses, so tests of it can pass their own. */
export interface CommandIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Registers a Ctrl-C handler and returns a function that removes it. */
  onInterrupt(handler: () => void): () => void;
}

function defaultOutPath(input: LoadedInput): string {
  const base = basename(input.path).replace(/(\.wiregrad|\.model)?\.json$/i, '');
  return input.kind === 'project' ? `${base}.model.json` : `${base}.retrained.model.json`;
}

/** Lists up to five column names, then an ellipsis. */
function columnList(names: string[]): string {
  const listed = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${listed}, …` : listed;
}

/** Reads --backend, which must be auto, cpu or gpu. */
function backendOption(args: ParsedArgs): TrainingSettings['backend'] {
  const value = args.options.get('backend');
  if (value === undefined) return undefined;
  if (value === 'auto' || value === 'cpu' || value === 'gpu') return value;
  throw new UserError(`--backend must be auto, cpu or gpu, got '${value}'.`);
}

function planFor(input: LoadedInput, args: ParsedArgs): TrainingPlan {
  const epochs = integerOption(args.options, 'epochs', 1, MAX_EPOCHS);
  const backend = backendOption(args);
  const dataOption = args.options.get('data');

  if (input.kind === 'project') {
    const { project } = input;
    return {
      name: project.name,
      csvPath: dataOption ?? dataSourcePath(project.data.source, input.path),
      data: project.data,
      training: withBackend({ ...project.training, epochs: epochs ?? project.training.epochs }, backend),
      baseModel: null,
    };
  }

  const { model } = input;
  if (dataOption === undefined) {
    throw new UserError(
      `A model file does not name its data set, so training '${input.path}' needs --data FILE.csv ` +
        `with the columns ${columnList(model.features)} and ${model.target}.`,
    );
  }
  return {
    name: model.name,
    csvPath: dataOption,
    data: {
      source: { file: dataOption },
      features: model.features,
      target: model.target,
      task: model.task,
      standardize: model.standardization !== null,
    },
    training: withBackend({ ...model.training, epochs: epochs ?? model.training.epochs }, backend),
    baseModel: model,
  };
}

/** Reads and prepares the rows; a model file's standardisation and classes are reused. */
async function loadData(plan: TrainingPlan): Promise<PreparedData> {
  const table = await readCsv(plan.csvPath);
  const base = plan.baseModel;
  try {
    const data = prepareData(table, {
      ...plan.data,
      standardize: base === null ? plan.data.standardize : false,
      validationSplit: plan.training.validationSplit,
      seed: plan.training.seed,
    });
    if (base === null) return data;

    if (JSON.stringify(data.classes) !== JSON.stringify(base.classes)) {
      throw new UserError(
        `The model predicts the classes ${JSON.stringify(base.classes)}, but column '${base.target}' of ` +
          `'${plan.csvPath}' has ${JSON.stringify(data.classes)}. Train on data with the same classes.`,
      );
    }
    if (base.standardization !== null) {
      standardize(data.trainX, base.standardization);
      standardize(data.valX, base.standardization);
      return { ...data, featureMean: base.standardization.mean, featureStd: base.standardization.std };
    }
    return data;
  } catch (error) {
    if (error instanceof DataError) {
      throw new UserError(`Invalid data in '${plan.csvPath}': ${error.message}`);
    }
    throw error;
  }
}

/** Builds the model to train: the compiled graph of a project, or the model file's network. */
function buildModel(
  input: LoadedInput,
  data: PreparedData,
  training: TrainingSettings,
): { model: Sequential; layers: LayerSpec[] } {
  if (input.kind === 'model') {
    return { model: modelFromFile(input.model).train(), layers: input.model.layers };
  }

  const compiled = compileGraph(input.project.graph, {
    inputFeatures: data.features.length,
    loss: training.loss,
    task: data.task,
    ...(data.classes === null ? {} : { classes: data.classes }),
    seed: training.seed,
  });
  if (compiled.model === null || compiled.layers === null) {
    const lines = compiled.errors.map((error) => {
      const where = error.nodeId === null ? '' : `node '${error.nodeId}': `;
      return `  ${where}${error.message}`;
    });
    const count = compiled.errors.length;
    const heading = `The graph in '${input.path}' has ${count} ${count === 1 ? 'problem' : 'problems'}:`;
    throw new UserError([heading, ...lines].join('\n'));
  }
  return { model: compiled.model, layers: compiled.layers };
}

function describeBest(result: TrainResult, data: PreparedData): string {
  const best = result.best;
  const parts = [`best epoch ${result.bestEpoch}`];
  if (best.valAccuracy !== undefined) parts.push(`validation accuracy ${formatPercent(best.valAccuracy)}`);
  if (best.valMse !== undefined) {
    const variance = targetVariance(data.valY);
    const baseline = `predicting the mean gives ${formatLoss(variance)}`;
    parts.push(`validation MSE ${formatLoss(best.valMse)} (${baseline})`);
  }
  if (best.valLoss !== null) parts.push(`validation loss ${formatLoss(best.valLoss)}`);
  return parts.join(', ');
}

function targetVariance(values: Float32Array | Int32Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return squares / values.length;
}

/**
 * Runs `wiregrad train` and returns the exit code: 0 when training finished,
 * 130 when Ctrl-C stopped it (the best model so far is still written).
 *
 * @throws UserError for problems in the files or options.
 */
export async function runTrain(args: ParsedArgs, io: CommandIo): Promise<number> {
  if (args.positionals.length !== 1) {
    throw new UserError(
      `'wiregrad train' takes one project or model file, got ${args.positionals.length}. ` +
        "Run 'wiregrad train --help'.",
    );
  }
  const input = await readProjectOrModel(args.positionals[0]);
  const plan = planFor(input, args);
  const outPath = args.options.get('out') ?? defaultOutPath(input);
  await checkOutputPath(outPath, defaultOutPath(input));
  const data = await loadData(plan);
  const { model, layers } = buildModel(input, data, plan.training);

  const kernels = useFastKernels();
  const gpu = await gpuForTraining(model, plan.training, (message) => io.stderr.write(`${message}\n`));
  io.stdout.write(
    `Training '${printable(plan.name)}' on ${plural(data.nTrain, 'row')} (validating on ${data.nVal}) ` +
      `of ${printable(plan.csvPath)}, ${plural(plan.training.epochs, 'epoch')}.\n`,
  );

  const bar = new ProgressBar(io.stderr.isTTY ? io.stderr : null);
  let stopRequested = false;
  const removeHandler = io.onInterrupt(() => {
    stopRequested = true;
    bar.clear();
    io.stderr.write(
      'Stopping after the current batch; the best model so far will be written. ' +
        'Press Ctrl-C again to quit at once.\n',
    );
  });

  let result: TrainResult;
  try {
    result = await train(model, data, plan.training, {
      gpu,
      backend: plan.training.backend ?? 'auto',
      onBackend: (choice) => io.stdout.write(`${describeChoice(choice, kernels, gpu)}\n`),
      shouldStop: () => stopRequested,
      onBatch: (progress) => bar.update(progress, plan.training.epochs),
      onEpoch: (progress) => {
        bar.clear();
        io.stdout.write(`${formatEpochLine(progress)}\n`);
      },
    });
  } finally {
    bar.clear();
    removeHandler();
  }

  const file = createModelFile({
    name: plan.name,
    layers,
    model: result.model,
    data,
    standardized: plan.data.standardize,
    training: plan.training,
    metrics: {
      epochsRun: result.history.length,
      bestEpoch: result.bestEpoch,
      interrupted: result.stopReason === 'interrupted',
      trainLoss: result.best.trainLoss,
      valLoss: result.best.valLoss,
      trainAccuracy: result.best.trainAccuracy ?? null,
      valAccuracy: result.best.valAccuracy ?? null,
      valMse: result.best.valMse ?? null,
    },
  });
  writeAtomically(outPath, serializeModelFile(file));

  const summary = describeBest(result, data);
  if (result.stopReason === 'interrupted') {
    io.stdout.write(
      `Interrupted in epoch ${result.history.length}. ` +
        `Wrote the best model so far (${summary}) to ${printable(outPath)}.\n`,
    );
    return EXIT_INTERRUPTED;
  }
  if (result.stopReason === 'diverged') {
    io.stderr.write(
      `Warning: the loss stopped being a number after epoch ${result.history.length}, so training diverged ` +
        `and stopped. Lower the learning rate (now ${plan.training.lr}).\n`,
    );
  }
  io.stdout.write(`Done: ${summary}. Wrote ${printable(outPath)}.\n`);
  return 0;
}

function withBackend(training: TrainingSettings, backend: TrainingSettings['backend']): TrainingSettings {
  return backend === undefined ? training : { ...training, backend };
}

/** Describes in one line where the run trains and why. */
function describeChoice(choice: BackendChoice, kernels: BackendInfo, gpu: TrainingGpu | null): string {
  if (choice.backend === 'gpu') return `Running on the GPU (${gpu?.adapterInfo.description ?? 'WebGPU'}).`;
  const cpu = kernels.backend === 'wasm-simd' ? 'WebAssembly SIMD kernels' : 'TypeScript kernels';
  const threads = `${kernels.threads} thread${kernels.threads === 1 ? '' : 's'}`;
  return `Running on the CPU (${cpu}, ${threads}): ${choice.reason}.`;
}
