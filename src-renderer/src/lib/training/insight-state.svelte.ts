/**
 * What a run shows of the inside of the network: diagnoses, the latest weight and gradient
 * histograms with the gradient norm of every layer per epoch, and the decision boundary.
 */

import type { TrainingEvent } from '../../../../src-main/backend/protocol';
import type {
  BoundaryPoints,
  DecisionBoundary,
  Diagnosis,
  LayerStats,
} from '../../../../src-main/backend/insight-types';

/** Gradient norm of one layer at the end of one epoch. */
export interface GradientNormPoint {
  epoch: number;
  norm: number;
}

type InsightEvent = Extract<TrainingEvent, { kind: 'diagnoses' | 'layer-stats' | 'boundary' }>;

export class InsightState {
  /** Setup diagnoses first, then those of the finished run. */
  diagnoses: Diagnosis[] = $state.raw([]);
  layers: LayerStats[] = $state.raw([]);
  layersEpoch = $state(0);
  statsBackend: 'cpu' | 'gpu' = $state('cpu');
  /** Gradient norms per layer name, one point per reported epoch. */
  gradientNorms: Map<string, GradientNormPoint[]> = $state.raw(new Map());
  boundary: DecisionBoundary | null = $state.raw(null);
  boundaryEpoch = $state(0);
  boundaryPoints: BoundaryPoints | null = $state.raw(null);

  reset(): void {
    this.diagnoses = [];
    this.layers = [];
    this.layersEpoch = 0;
    this.statsBackend = 'cpu';
    this.gradientNorms = new Map();
    this.boundary = null;
    this.boundaryEpoch = 0;
    this.boundaryPoints = null;
  }

  apply(event: InsightEvent): void {
    switch (event.kind) {
      case 'diagnoses':
        this.diagnoses = [...this.diagnoses, ...event.diagnoses];
        break;
      case 'layer-stats':
        this.applyLayerStats(event);
        break;
      case 'boundary':
        this.boundary = event.boundary;
        this.boundaryEpoch = event.epoch;
        if (event.points !== undefined) this.boundaryPoints = event.points;
        break;
    }
  }

  private applyLayerStats(event: Extract<InsightEvent, { kind: 'layer-stats' }>): void {
    this.layers = event.layers;
    this.layersEpoch = event.epoch;
    this.statsBackend = event.backend;

    const norms = new Map(this.gradientNorms);
    for (const layer of event.layers) {
      if (layer.gradientNorm === null) continue;
      norms.set(layer.name, [...(norms.get(layer.name) ?? []), { epoch: event.epoch, norm: layer.gradientNorm }]);
    }
    this.gradientNorms = norms;
  }
}
