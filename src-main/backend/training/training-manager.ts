/**
 * Starts training runs in worker threads, relays their events, stops them on request,
 * and keeps each finished run's model file for export.
 */

import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { validateProject } from '../../../engine/project';
import type { Project } from '../../../engine/project/types';
import { UserFacingError } from '../errors';
import { fileStem, type TrainingEvent } from '../protocol';
import type { WorkerInput, WorkerMessage } from './worker-protocol';

/** Most runs training at the same time, across every window or browser tab. */
export const MAX_ACTIVE_RUNS = 2;

/** Finished runs whose model files are kept for export; older ones are forgotten. */
const KEPT_FINISHED_RUNS = 20;

interface Run {
  id: string;
  name: string;
  worker: Worker | null;
  stopFlag: Int32Array;
  modelText: string | null;
  finished: boolean;
}

export class TrainingManager {
  private readonly runs = new Map<string, Run>();
  private readonly listeners = new Set<(event: TrainingEvent) => void>();
  private readonly workerEntry: URL;
  private readonly datasetsDir: string;

  constructor(workerEntry: URL, datasetsDir: string) {
    this.workerEntry = workerEntry;
    this.datasetsDir = datasetsDir;
  }

  /** Subscribes to the events of every run; returns the unsubscribe function. */
  subscribe(listener: (event: TrainingEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Checks the project and starts a worker for it. Resolves with the run id at once;
   * data and graph problems arrive as the run's error event.
   */
  async start(request: Project, csvText: string | undefined): Promise<{ runId: string }> {
    const project = validateProject(request);
    if ('file' in project.data.source && csvText === undefined) {
      throw new UserFacingError(`The project uses ${project.data.source.file}; upload the file before training.`);
    }
    const active = [...this.runs.values()].filter((run) => !run.finished).length;
    if (active >= MAX_ACTIVE_RUNS) {
      throw new UserFacingError(`${active} runs are training already. Stop one, or wait until it finishes.`);
    }

    const runId = randomUUID();
    const stopBuffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const workerData: WorkerInput = {
      runId,
      project,
      csvText: 'file' in project.data.source ? (csvText ?? null) : null,
      datasetsDir: this.datasetsDir,
      stopFlag: stopBuffer,
    };

    const worker = new Worker(this.workerEntry, { workerData });
    const run: Run = { id: runId, name: project.name, worker, stopFlag: new Int32Array(stopBuffer), modelText: null, finished: false };
    this.runs.set(runId, run);
    this.watch(run, worker);
    this.forgetOldRuns();
    return { runId };
  }

  /**
   * Asks a run to stop after its current batch. The run then evaluates and keeps the
   * best weights so far, and ends with a 'done' event as usual.
   */
  stop(runId: string): { stopping: boolean } {
    const run = this.runs.get(runId);
    if (run === undefined || run.finished) return { stopping: false };
    Atomics.store(run.stopFlag, 0, 1);
    return { stopping: true };
  }

  /** Returns the model file of a finished run. */
  exportModel(runId: string): { fileName: string; text: string } {
    const run = this.runs.get(runId);
    if (run === undefined) throw new UserFacingError('This training run is no longer available. Train the network again.');
    if (run.modelText === null) {
      throw new UserFacingError(run.finished ? 'This run failed, so it has no model to export.' : 'Training is still running.');
    }
    return { fileName: `${fileStem(run.name, 'model')}.model.json`, text: run.modelText };
  }

  /** Terminates every worker. */
  async close(): Promise<void> {
    const workers = [...this.runs.values()].flatMap((run) => (run.worker === null ? [] : [run.worker]));
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private watch(run: Run, worker: Worker): void {
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'model') {
        run.modelText = message.modelText;
        return;
      }
      if (message.event.kind === 'done' || message.event.kind === 'error') run.finished = true;
      this.emit(message.event);
    });

    worker.on('error', (error) => {
      console.error(`wiregrad training: worker of run ${run.id} failed:`, error);
      this.finish(run, `Training failed: ${error.message}`);
    });

    worker.on('exit', (code) => {
      run.worker = null;
      if (!run.finished) this.finish(run, `The training worker stopped unexpectedly (exit code ${code}).`);
    });
  }

  private finish(run: Run, message: string): void {
    if (run.finished) return;
    run.finished = true;
    this.emit({ kind: 'error', runId: run.id, message });
  }

  private emit(event: TrainingEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private forgetOldRuns(): void {
    const finished = [...this.runs.values()].filter((run) => run.finished);
    for (const run of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED_RUNS))) this.runs.delete(run.id);
  }
}
