/**
 * One training run as the renderer follows it: status, the streamed batch and epoch
 * values for the charts, progress, and the evaluation of the best model at the end.
 */

import type { Project } from '../../../../engine/project/types';
import type { Evaluation, TrainingEvent } from '../../../../src-main/backend/protocol';
import type { Transport } from '../transport';
import { InsightState } from './insight-state.svelte';
import { estimateRemainingMs } from './time-left';

export type TrainingStatus = 'idle' | 'starting' | 'running' | 'stopping' | 'done' | 'failed';

export interface EpochPoint {
  epoch: number;
  trainLoss: number;
  validationLoss: number | null;
  trainMetric: number;
  validationMetric: number | null;
  /** Elapsed run time at the end of the epoch, in milliseconds. */
  elapsedMs: number;
}

export interface BatchPoint {
  /** Fractional epoch at the end of the batch: epoch 3, batch 2 of 8 is 2.25. */
  x: number;
  loss: number;
}

type StartEvent = Extract<TrainingEvent, { kind: 'start' }>;
type BackendEvent = Extract<TrainingEvent, { kind: 'backend' }>;

export class TrainingState {
  status: TrainingStatus = $state('idle');
  runId: string | null = $state(null);
  run: StartEvent | null = $state.raw(null);
  epochs: EpochPoint[] = $state.raw([]);
  batches: BatchPoint[] = $state.raw([]);
  /** 1-based epoch and batch of the last finished batch. */
  position = $state({ epoch: 0, batch: 0 });
  elapsedMs = $state(0);
  evaluation: Evaluation | null = $state.raw(null);
  bestEpoch: number | null = $state(null);
  /** The run's device and the reason for it, as the worker describes them. */
  backend: Pick<BackendEvent, 'description' | 'reason' | 'detail'> | null = $state.raw(null);
  stopReason: Extract<TrainingEvent, { kind: 'done' }>['stopReason'] | null = $state(null);
  error: string | null = $state(null);
  /**
   * True when the restored project had a trained model in the previous session. The model
   * lived only in that session's backend, so it is gone until the network is trained again.
   */
  earlierModelLost = $state(false);
  /** Diagnoses, weight and gradient statistics and the decision boundary of the run. */
  readonly insight = new InsightState();

  readonly active: boolean = $derived(
    this.status === 'starting' || this.status === 'running' || this.status === 'stopping',
  );

  /** Share of all batches done, in [0, 1]. */
  readonly fraction: number = $derived.by(() => {
    if (this.run === null) return 0;
    const total = this.run.epochs * this.run.batchesPerEpoch;
    const done = (this.position.epoch - 1) * this.run.batchesPerEpoch + this.position.batch;
    return total === 0 ? 0 : Math.min(1, Math.max(0, done / total));
  });

  /** Estimate of the time left in milliseconds, from the average epoch time so far. */
  readonly remainingMs: number | null = $derived(
    this.status === 'running' && this.run !== null
      ? estimateRemainingMs(this.epochs, this.run.epochs, this.elapsedMs)
      : null,
  );

  private readonly transport: Transport;
  private pending: TrainingEvent[] = [];
  private flushScheduled = false;

  constructor(transport: Transport) {
    this.transport = transport;
    transport.onTrainingEvent((event) => this.receive(event));
  }

  /** Starts training `project`; `csvText` is the uploaded CSV when the project uses one. */
  async start(project: Project, csvText: string | undefined): Promise<void> {
    this.reset();
    this.status = 'starting';
    try {
      const { runId } = await this.transport.invoke('start-training', { project, csvText });
      this.runId = runId;
      this.flush();
    } catch (error) {
      this.status = 'failed';
      this.error = (error as Error).message;
    }
  }

  /** Asks the run to stop after the current batch; the best model so far is kept. */
  async stop(): Promise<void> {
    if (this.runId === null || !this.active) return;
    this.status = 'stopping';
    await this.transport.invoke('stop-training', { runId: this.runId });
  }

  /** Stops reporting a lost model of the previous session, such as when another project opens. */
  forgetEarlierModel(): void {
    this.earlierModelLost = false;
  }

  /** Fetches the model file of the finished run. */
  exportModel(): Promise<{ fileName: string; text: string }> {
    if (this.runId === null) return Promise.reject(new Error('No trained model yet: train the network first.'));
    return this.transport.invoke('export-model', { runId: this.runId });
  }

  private reset(): void {
    this.runId = null;
    this.run = null;
    this.epochs = [];
    this.batches = [];
    this.position = { epoch: 0, batch: 0 };
    this.elapsedMs = 0;
    this.evaluation = null;
    this.bestEpoch = null;
    this.backend = null;
    this.stopReason = null;
    this.error = null;
    this.earlierModelLost = false;
    this.insight.reset();
    this.pending = [];
  }

  /**
   * Queues an event and applies the queue once per animation frame, so a fast run
   * updates the charts at the screen's rate instead of once per batch.
   */
  private receive(event: TrainingEvent): void {
    this.pending.push(event);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    requestAnimationFrame(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    // Events can arrive before 'start-training' returns the run id; they wait until then.
    if (this.runId === null) return;
    const events = this.pending.filter((event) => event.runId === this.runId);
    this.pending = [];
    if (events.length === 0) return;

    const newBatches: BatchPoint[] = [];
    const newEpochs: EpochPoint[] = [];
    for (const event of events) this.apply(event, newBatches, newEpochs);
    if (newBatches.length > 0) this.batches = [...this.batches, ...newBatches];
    if (newEpochs.length > 0) this.epochs = [...this.epochs, ...newEpochs];
  }

  private apply(event: TrainingEvent, newBatches: BatchPoint[], newEpochs: EpochPoint[]): void {
    switch (event.kind) {
      case 'start':
        this.run = event;
        if (this.status === 'starting') this.status = 'running';
        break;
      case 'backend':
        this.backend = { description: event.description, reason: event.reason, detail: event.detail };
        break;
      case 'batch': {
        const perEpoch = this.run?.batchesPerEpoch ?? 1;
        newBatches.push({ x: event.epoch - 1 + event.batch / perEpoch, loss: event.loss });
        this.position = { epoch: event.epoch, batch: event.batch };
        this.elapsedMs = event.elapsedMs;
        break;
      }
      case 'epoch':
        newEpochs.push({
          epoch: event.epoch,
          trainLoss: event.trainLoss,
          validationLoss: event.validationLoss,
          trainMetric: event.trainMetric,
          validationMetric: event.validationMetric,
          elapsedMs: event.elapsedMs,
        });
        this.elapsedMs = event.elapsedMs;
        break;
      case 'done':
        this.status = 'done';
        this.evaluation = event.evaluation;
        this.bestEpoch = event.bestEpoch;
        this.stopReason = event.stopReason;
        break;
      case 'error':
        this.status = 'failed';
        this.error = event.message;
        break;
      case 'diagnoses':
      case 'layer-stats':
      case 'boundary':
        this.insight.apply(event);
        break;
    }
  }
}
