/**
 * Records every training run in the project when it ends: completed, stopped or diverged,
 * including a run whose loss diverged before its first epoch ended, which has no curves.
 * Runs that failed for other reasons (a data error, say) are not recorded.
 */

import { untrack } from 'svelte';
import type { LayerSpec } from '../../../../engine/graph/layer-spec';
import type { TrainingSettings } from '../../../../engine/project/types';
import type { AppContext } from '../context';
import { buildRunRecord } from './run-record';

/** Facts the recorder notes when a run starts, because the user may edit the project meanwhile. */
interface StartedRun {
  runId: string;
  startedAt: Date;
  training: TrainingSettings;
  layers: readonly LayerSpec[] | null;
  parameterCount: number;
  recorded: boolean;
}

export class RunRecorder {
  private started: StartedRun | null = null;
  private readonly app: AppContext;

  /** Must be created while a component initialises, because it registers an effect. */
  constructor(app: AppContext) {
    this.app = app;
    $effect(() => {
      const runId = app.training.runId;
      const status = app.training.status;
      untrack(() => this.observe(runId, status));
    });
  }

  private observe(runId: string | null, status: string): void {
    if (runId === null) return;
    if (this.started?.runId !== runId) this.started = this.describeStart(runId);
    const { training } = this.app;
    const divergedEarly = status === 'failed' && /diverged/.test(training.error ?? '');
    if ((status !== 'done' && !divergedEarly) || this.started.recorded) return;

    this.started.recorded = true;
    const record = buildRunRecord(
      {
        id: runId,
        startedAt: this.started.startedAt,
        training: this.started.training,
        parameterCount: this.started.parameterCount,
        layers: this.started.layers,
        metric: training.run?.metric ?? (this.started.training.loss === 'MSELoss' ? 'mse' : 'accuracy'),
        stopReason: divergedEarly ? 'diverged' : (training.stopReason ?? 'completed'),
        bestEpoch: training.bestEpoch ?? 0,
        durationMs: training.elapsedMs,
        epochs: training.epochs,
      },
      this.app.project.runs,
    );
    this.app.project.addRun(record);
  }

  private describeStart(runId: string): StartedRun {
    const analysis = this.app.analysis.analysis;
    return {
      runId,
      startedAt: new Date(),
      training: $state.snapshot(this.app.project.training),
      layers: analysis.layers,
      parameterCount: analysis.totalParameters,
      recorded: false,
    };
  }
}
