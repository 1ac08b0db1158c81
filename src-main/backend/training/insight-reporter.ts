/**
 * Sends the events that show the inside of a training run: weight and gradient statistics
 * per Linear layer and, for two-feature classifiers, the decision boundary. Both are sent at
 * most once per epoch and at most at a fixed rate, so a run of many short epochs does not
 * flood the renderer.
 */

import type { PreparedData } from '../../../engine/data/prepare';
import type { LayerSpec } from '../../../engine/graph/layer-spec';
import type { Sequential } from '../../../engine/nn';
import type { TrainingEvent } from '../protocol';
import { boundaryPoints, boundaryRange, decisionBoundary, hasDecisionBoundary } from './decision-boundary';
import { linearLayerStats } from './layer-stats';

/**
 * Shortest time between two layer-statistics events: at most 50 a second, so that the
 * gradient-norm chart of a fast run still gets a point for most epochs.
 */
const LAYER_STATS_INTERVAL_MS = 20;
/** Shortest time between two decision-boundary events: at most 4 a second. */
const BOUNDARY_INTERVAL_MS = 250;

export class InsightReporter {
  private backend: 'cpu' | 'gpu' = 'cpu';
  private lastStats = -Infinity;
  private lastBoundary = -Infinity;
  private pointsSent = false;
  private readonly range: ReturnType<typeof boundaryRange> | null;

  constructor(
    private readonly runId: string,
    private readonly layers: readonly LayerSpec[],
    private readonly data: PreparedData,
    private readonly send: (event: TrainingEvent) => void,
  ) {
    this.range = hasDecisionBoundary(data) ? boundaryRange(data) : null;
  }

  /** Records the backend that trains: the GPU path leaves no gradients to read. */
  setBackend(backend: 'cpu' | 'gpu'): void {
    this.backend = backend;
  }

  /** Reports the model at the end of `epoch`, unless the last report was too recent. */
  epochEnded(model: Sequential, epoch: number, last: boolean): void {
    const now = performance.now();
    if (last || now - this.lastStats >= LAYER_STATS_INTERVAL_MS) {
      this.lastStats = now;
      const layers = linearLayerStats(model, this.backend === 'cpu');
      this.send({ kind: 'layer-stats', runId: this.runId, epoch, backend: this.backend, layers });
    }
    if (last || now - this.lastBoundary >= BOUNDARY_INTERVAL_MS) {
      this.lastBoundary = now;
      this.sendBoundary(model, epoch);
    }
  }

  /** Sends the decision boundary of the model a run keeps, after training. */
  finished(model: Sequential, bestEpoch: number): void {
    this.sendBoundary(model, bestEpoch);
  }

  private sendBoundary(model: Sequential, epoch: number): void {
    if (this.range === null) return;
    const boundary = decisionBoundary(model, this.layers, this.data, this.range);
    const points = this.pointsSent ? undefined : boundaryPoints(this.data);
    this.pointsSent = true;
    this.send({ kind: 'boundary', runId: this.runId, epoch, boundary, ...(points === undefined ? {} : { points }) });
  }
}
