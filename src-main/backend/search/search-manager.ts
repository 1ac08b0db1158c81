/**
 * Runs random searches: draws each trial's settings from the search seed, trains the
 * trials in training workers, as many at once as the machine has cores, and keeps the
 * state of each trial for `search-status`. Every change is also streamed as an event.
 */

import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { validateProject } from '../../../engine/project';
import type { Project } from '../../../engine/project/types';
import { sampleTrials } from '../../../engine/search';
import { UserFacingError } from '../errors';
import type { TrainingEvent } from '../protocol';
import type { WorkerInput, WorkerMessage } from '../training/worker-protocol';
import type { SearchEvent, SearchOptions, SearchSnapshot, TrialState } from './search-protocol';

/** Finished searches whose state is kept for `search-status`; older ones are forgotten. */
const KEPT_FINISHED_SEARCHES = 5;

interface Trial {
  state: TrialState;
  project: Project;
  worker: Worker | null;
  stopFlag: Int32Array | null;
}

interface Search {
  id: string;
  status: SearchSnapshot['status'];
  trials: Trial[];
  csvText: string | null;
}

export interface SearchManagerOptions {
  workerEntry: URL;
  datasetsDir: string;
  /** Trials that train at the same time (default: the machine's cores, at least 1). */
  parallel?: number;
}

export class SearchManager {
  readonly parallel: number;
  private readonly searches = new Map<string, Search>();
  private readonly listeners = new Set<(event: SearchEvent) => void>();
  private readonly options: SearchManagerOptions;

  constructor(options: SearchManagerOptions) {
    this.options = options;
    this.parallel = Math.max(1, Math.floor(options.parallel ?? availableParallelism()));
  }

  /** Subscribes to the events of every search; returns the unsubscribe function. */
  subscribe(listener: (event: SearchEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Checks the project, draws the trials and starts the first of them. Every trial keeps
   * the project's seed, so all trials share one data split and one set of initial weights.
   */
  start(request: Project, csvText: string | undefined, options: SearchOptions): { searchId: string } {
    const project = validateProject({ ...request, runs: undefined });
    if ('file' in project.data.source && csvText === undefined) {
      throw new UserFacingError(`The project uses ${project.data.source.file}; upload the file before searching.`);
    }
    const running = [...this.searches.values()].find((search) => search.status !== 'done');
    if (running !== undefined) throw new UserFacingError('A search is running already. Stop it, or wait until it finishes.');

    const base = project.training;
    const draws = sampleTrials({
      lr: options.lr,
      momentum: options.momentum,
      drawMomentum: base.optimizer === 'SGD',
      trials: options.trials,
      seed: options.seed,
    });
    const trials = draws.map((draw, i): Trial => {
      const training = { ...base, lr: draw.lr, momentum: draw.momentum ?? base.momentum, epochs: options.epochs };
      return { state: newTrialState(i + 1, training), project: { ...project, training }, worker: null, stopFlag: null };
    });

    const search: Search = {
      id: randomUUID(),
      status: 'running',
      trials,
      csvText: 'file' in project.data.source ? (csvText ?? null) : null,
    };
    this.searches.set(search.id, search);
    this.forgetOldSearches();
    this.launch(search);
    return { searchId: search.id };
  }

  /** Cancels the queued trials and sets the stop flag of the running ones, which stop after their current batch. */
  stop(searchId: string): { stopping: boolean } {
    const search = this.searches.get(searchId);
    if (search === undefined || search.status === 'done') return { stopping: false };

    search.status = 'stopping';
    for (const trial of search.trials) {
      if (trial.state.status === 'queued') this.update(search, trial, { status: 'cancelled' });
      if (trial.stopFlag !== null) Atomics.store(trial.stopFlag, 0, 1);
    }
    this.finishIfIdle(search);
    return { stopping: true };
  }

  /** Returns a copy of the search's state. */
  status(searchId: string): SearchSnapshot {
    const search = this.searches.get(searchId);
    if (search === undefined) throw new UserFacingError('This search is no longer available. Start it again.');
    return {
      searchId: search.id,
      status: search.status,
      parallel: this.parallel,
      trials: search.trials.map((trial) => structuredClone(trial.state)),
    };
  }

  /** Terminates every trial's worker. */
  async close(): Promise<void> {
    const workers = [...this.searches.values()].flatMap((search) =>
      search.trials.flatMap((trial) => (trial.worker === null ? [] : [trial.worker])),
    );
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  /** Starts queued trials until `parallel` of them run. */
  private launch(search: Search): void {
    if (search.status !== 'running') return;
    let running = search.trials.filter((trial) => trial.state.status === 'running').length;
    for (const trial of search.trials) {
      if (running >= this.parallel) break;
      if (trial.state.status !== 'queued') continue;
      this.startWorker(search, trial);
      running += 1;
    }
  }

  private startWorker(search: Search, trial: Trial): void {
    const stopBuffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const workerData: WorkerInput = {
      runId: `${search.id}:${trial.state.index}`,
      project: trial.project,
      csvText: search.csvText,
      datasetsDir: this.options.datasetsDir,
      stopFlag: stopBuffer,
    };
    trial.stopFlag = new Int32Array(stopBuffer);
    trial.worker = new Worker(this.options.workerEntry, { workerData });
    this.update(search, trial, { status: 'running', startedAt: new Date().toISOString() });
    this.watch(search, trial, trial.worker);
  }

  private watch(search: Search, trial: Trial, worker: Worker): void {
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'event') this.apply(search, trial, message.event);
    });

    worker.on('error', (error) => {
      console.error(`wiregrad search: worker of trial ${trial.state.index} of search ${search.id} failed:`, error);
      this.end(search, trial, { status: 'failed', error: `Training failed: ${error.message}` });
    });

    worker.on('exit', (code) => {
      trial.worker = null;
      trial.stopFlag = null;
      if (trial.state.status === 'running') {
        this.end(search, trial, { status: 'failed', error: `The training worker stopped unexpectedly (exit code ${code}).` });
      }
    });
  }

  private apply(search: Search, trial: Trial, event: TrainingEvent): void {
    switch (event.kind) {
      case 'start':
        this.update(search, trial, { metric: event.metric });
        break;
      case 'epoch': {
        const { epoch, trainLoss, validationLoss, trainMetric, validationMetric, elapsedMs } = event;
        const epochs = [...trial.state.epochs, { epoch, trainLoss, validationLoss, trainMetric, validationMetric }];
        this.update(search, trial, { epoch, epochs, durationMs: elapsedMs });
        break;
      }
      case 'done':
        this.end(search, trial, { status: 'done', bestEpoch: event.bestEpoch, stopReason: event.stopReason });
        break;
      case 'error':
        this.end(search, trial, { status: 'failed', error: event.message });
        break;
      default:
        break;
    }
  }

  /** Ends a trial once, then starts the next queued one or finishes the search. */
  private end(search: Search, trial: Trial, change: Partial<TrialState>): void {
    if (trial.state.status !== 'running') return;
    this.update(search, trial, change);
    this.launch(search);
    this.finishIfIdle(search);
  }

  private finishIfIdle(search: Search): void {
    const busy = search.trials.some((trial) => trial.state.status === 'running' || trial.state.status === 'queued');
    if (busy || search.status === 'done') return;
    const stopped = search.status === 'stopping';
    search.status = 'done';
    this.emit({ kind: 'search-done', searchId: search.id, stopped });
  }

  private update(search: Search, trial: Trial, change: Partial<TrialState>): void {
    trial.state = { ...trial.state, ...change };
    this.emit({ kind: 'trial', searchId: search.id, trial: trial.state });
  }

  private emit(event: SearchEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private forgetOldSearches(): void {
    const finished = [...this.searches.values()].filter((search) => search.status === 'done');
    for (const search of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED_SEARCHES))) {
      this.searches.delete(search.id);
    }
  }
}

function newTrialState(index: number, training: TrialState['training']): TrialState {
  return {
    index,
    training,
    status: 'queued',
    epoch: 0,
    metric: null,
    epochs: [],
    bestEpoch: null,
    stopReason: null,
    error: null,
    startedAt: null,
    durationMs: 0,
  };
}
