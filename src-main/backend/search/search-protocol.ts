/** Requests, state and events of a random search, shared by the backend and the renderer. */

import type { Range } from '../../../engine/search/sampler';
import type { TrainingSettings } from '../../../engine/project/types';

/** Options of a search, as the user sets them in the search form. */
export interface SearchOptions {
  trials: number;
  /** Epochs each trial trains for. */
  epochs: number;
  /** Learning rate range, drawn on a log scale. */
  lr: Range;
  /** Momentum range, drawn uniformly when the optimizer is SGD and ignored for Adam. */
  momentum: Range;
  /** Seed of the draws; the same seed draws the same trials. */
  seed: number;
}

export type TrialStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** Losses and metrics of one epoch of a trial. */
export interface TrialEpoch {
  epoch: number;
  trainLoss: number;
  validationLoss: number | null;
  trainMetric: number;
  validationMetric: number | null;
}

/** The current state of one trial of a search. */
export interface TrialState {
  /** 1-based trial number, in draw order. */
  index: number;
  /** The settings the trial trains with: the project's, with the drawn lr, momentum and the search's epochs. */
  training: TrainingSettings;
  status: TrialStatus;
  /** Epochs finished so far. */
  epoch: number;
  metric: 'accuracy' | 'mse' | null;
  epochs: TrialEpoch[];
  /** 1-based epoch with the lowest validation loss, once the trial is done. */
  bestEpoch: number | null;
  stopReason: 'completed' | 'interrupted' | 'diverged' | null;
  error: string | null;
  /** ISO 8601 time the trial's worker started, or null while it waits. */
  startedAt: string | null;
  /** Training time reported by the worker, in milliseconds. */
  durationMs: number;
}

/** A search as `search-status` returns it. */
export interface SearchSnapshot {
  searchId: string;
  status: 'running' | 'stopping' | 'done';
  /** Trials that train at the same time. */
  parallel: number;
  trials: TrialState[];
}

/** Events a search streams to the manager's subscribers: a trial changed, or the search ended. */
export type SearchEvent =
  | { kind: 'trial'; searchId: string; trial: TrialState }
  | { kind: 'search-done'; searchId: string; stopped: boolean };
