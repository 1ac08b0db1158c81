/**
 * Builds the record of a finished run that the project keeps: settings, architecture,
 * figures at the best and last epoch, and curves downsampled for long runs.
 */

import { describeLayer, type LayerSpec } from '../../../../engine/graph/layer-spec';
import { MAX_ARCHITECTURE_LENGTH, MAX_RUN_POINTS, MAX_RUNS } from '../../../../engine/project';
import type { RunPoint, RunRecord, TrainingSettings } from '../../../../engine/project/types';

/** One epoch as the renderer receives it; losses may be NaN or infinite in a diverged run. */
export interface EpochFigures {
  epoch: number;
  trainLoss: number;
  validationLoss: number | null;
  trainMetric: number;
  validationMetric: number | null;
}

/** The facts of a finished run or search trial, before it becomes a `RunRecord`. */
export interface FinishedRun {
  id: string;
  startedAt: Date;
  training: TrainingSettings;
  parameterCount: number;
  layers: readonly LayerSpec[] | null;
  metric: 'accuracy' | 'mse';
  stopReason: RunRecord['stopReason'];
  bestEpoch: number;
  durationMs: number;
  epochs: readonly EpochFigures[];
  searchId?: string;
  /** 1-based trial number within the search, shown in the run's name. */
  trialIndex?: number;
}

const finiteOrNull = (value: number | null): number | null =>
  value !== null && Number.isFinite(value) ? value : null;

function toPoint(figures: EpochFigures): RunPoint {
  return {
    epoch: figures.epoch,
    trainLoss: finiteOrNull(figures.trainLoss),
    validationLoss: finiteOrNull(figures.validationLoss),
    trainMetric: finiteOrNull(figures.trainMetric),
    validationMetric: finiteOrNull(figures.validationMetric),
  };
}

const EMPTY_POINT: RunPoint = { epoch: 1, trainLoss: null, validationLoss: null, trainMetric: null, validationMetric: null };

/**
 * Picks at most `maxPoints` items, evenly spaced, always with the first and the last
 * and with `keep` (such as the best epoch's index) when it is given.
 */
export function downsample<T>(items: readonly T[], maxPoints: number, keep?: number): T[] {
  if (items.length <= maxPoints) return [...items];

  const indices = new Set<number>();
  const slots = keep === undefined ? maxPoints : maxPoints - 1;
  for (let i = 0; i < slots; i++) indices.add(Math.round((i * (items.length - 1)) / (slots - 1)));
  if (keep !== undefined && keep >= 0 && keep < items.length) indices.add(keep);
  return [...indices].sort((a, b) => a - b).map((i) => items[i]);
}

/** Describes the layers in order, such as "Linear(4 → 16) → ReLU → Linear(16 → 3)". */
export function describeArchitecture(layers: readonly LayerSpec[] | null): string {
  if (layers === null || layers.length === 0) return 'No layers';
  const text = layers.map(describeLayer).join(' → ');
  return text.length <= MAX_ARCHITECTURE_LENGTH ? text : `${text.slice(0, MAX_ARCHITECTURE_LENGTH - 1)}…`;
}

/** Returns the next free name of the form "Run N", counting names such as "Run 4 (trial 2)" too. */
export function nextRunName(runs: readonly RunRecord[]): string {
  const numbers = runs.map((run) => /^Run (\d+)\b/.exec(run.name)?.[1]).map(Number).filter(Number.isFinite);
  return `Run ${Math.max(0, ...numbers) + 1}`;
}

/** Builds the record of a finished run, named after the runs already kept. */
export function buildRunRecord(run: FinishedRun, existing: readonly RunRecord[]): RunRecord {
  const bestIndex = run.epochs.findIndex((figures) => figures.epoch === run.bestEpoch);
  const best = bestIndex === -1 ? undefined : run.epochs[bestIndex];
  const last = run.epochs.at(-1);

  const record: RunRecord = {
    id: run.id,
    name: run.trialIndex === undefined ? nextRunName(existing) : `${nextRunName(existing)} (trial ${run.trialIndex})`,
    startedAt: run.startedAt.toISOString(),
    training: { ...run.training },
    parameterCount: run.parameterCount,
    architecture: describeArchitecture(run.layers),
    metric: run.metric,
    stopReason: run.stopReason,
    epochsRun: run.epochs.length,
    bestEpoch: run.bestEpoch,
    best: best === undefined ? EMPTY_POINT : toPoint(best),
    final: last === undefined ? EMPTY_POINT : toPoint(last),
    durationMs: Math.max(0, Math.round(run.durationMs)),
    points: downsample(run.epochs, MAX_RUN_POINTS, bestIndex === -1 ? undefined : bestIndex).map(toPoint),
  };
  if (run.searchId !== undefined) record.searchId = run.searchId;
  return record;
}

/** Appends a run; the oldest runs are dropped beyond the file's limit of `MAX_RUNS`. */
export function appendRun(runs: readonly RunRecord[], run: RunRecord): RunRecord[] {
  return [...runs, run].slice(-MAX_RUNS);
}
