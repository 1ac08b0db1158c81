/**
 * A random search as the renderer follows it: the form's options, the trials' state,
 * fetched from the backend while the search runs, and the recording of each finished
 * trial as a run of the project.
 */

import type { LayerSpec } from '../../../../engine/graph/layer-spec';
import type { Project } from '../../../../engine/project/types';
import type { SearchOptions, SearchSnapshot, TrialState } from '../../../../src-main/backend/search/search-protocol';
import type { ProjectState } from '../project/project-state.svelte';
import { buildRunRecord } from '../runs/run-record';
import type { Transport } from '../transport';
import { bestTrial, rankTrials } from './rank';

/** Time between two `search-status` requests while a search runs, in milliseconds. */
const POLL_INTERVAL_MS = 250;

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = {
  trials: 8,
  epochs: 30,
  lr: { min: 0.0001, max: 0.5 },
  momentum: { min: 0.5, max: 0.95 },
  seed: 0,
};

/** The network the trials train, noted at the start for the run records. */
interface SearchNetwork {
  layers: readonly LayerSpec[] | null;
  parameterCount: number;
}

export class SearchState {
  options: SearchOptions = $state(structuredClone(DEFAULT_SEARCH_OPTIONS));
  snapshot: SearchSnapshot | null = $state.raw(null);
  starting = $state(false);
  error: string | null = $state(null);

  readonly active: boolean = $derived(this.starting || (this.snapshot !== null && this.snapshot.status !== 'done'));
  readonly ranked: TrialState[] = $derived(rankTrials(this.snapshot?.trials ?? []));
  readonly best: TrialState | null = $derived(bestTrial(this.snapshot?.trials ?? []));

  private readonly transport: Transport;
  private readonly project: ProjectState;
  private network: SearchNetwork = { layers: null, parameterCount: 0 };
  private readonly recorded = new Set<string>();

  constructor(transport: Transport, project: ProjectState) {
    this.transport = transport;
    this.project = project;
  }

  /** Starts a search of `project` with the form's options. */
  async start(project: Project, csvText: string | undefined, network: SearchNetwork): Promise<void> {
    if (this.active) return;
    this.starting = true;
    this.error = null;
    this.snapshot = null;
    this.network = network;
    try {
      const options = $state.snapshot(this.options);
      const { searchId } = await this.transport.invoke('start-search', { project, csvText, options });
      await this.poll(searchId);
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.starting = false;
    }
  }

  /** Cancels the queued trials and stops the running ones after their current batch. */
  async stop(): Promise<void> {
    if (this.snapshot === null || this.snapshot.status !== 'running') return;
    this.snapshot = { ...this.snapshot, status: 'stopping' };
    await this.transport.invoke('stop-search', { searchId: this.snapshot.searchId });
  }

  /** Copies the best trial's learning rate and momentum into the project's settings. */
  applyBest(): TrialState | null {
    const best = this.best;
    if (best === null) return null;
    this.project.training.lr = best.training.lr;
    this.project.training.momentum = best.training.momentum;
    return best;
  }

  /** Fetches the search's state until it is done, recording trials as they finish. */
  private async poll(searchId: string): Promise<void> {
    for (;;) {
      const snapshot = await this.transport.invoke('search-status', { searchId });
      this.snapshot = snapshot;
      this.record(snapshot);
      if (snapshot.status === 'done') return;
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }

  private record(snapshot: SearchSnapshot): void {
    for (const trial of snapshot.trials) {
      const id = `${snapshot.searchId}-${trial.index}`;
      if (trial.status !== 'done' || trial.metric === null || this.recorded.has(id)) continue;
      this.recorded.add(id);
      const run = buildRunRecord(
        {
          id,
          startedAt: trial.startedAt === null ? new Date() : new Date(trial.startedAt),
          training: trial.training,
          parameterCount: this.network.parameterCount,
          layers: this.network.layers,
          metric: trial.metric,
          stopReason: trial.stopReason ?? 'completed',
          bestEpoch: trial.bestEpoch ?? 0,
          durationMs: trial.durationMs,
          epochs: trial.epochs,
          searchId: snapshot.searchId,
          trialIndex: trial.index,
        },
        this.project.runs,
      );
      this.project.addRun(run);
    }
  }
}
