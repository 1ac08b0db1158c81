/** Messages between the training manager and a training worker. */

import type { Project } from '../../../engine/project/types';
import type { TrainingEvent } from '../protocol';

/** The `workerData` of a training worker. */
export interface WorkerInput {
  runId: string;
  project: Project;
  /** The uploaded CSV's text when the project's data source is a file. */
  csvText: string | null;
  /** Folder of the bundled data sets. */
  datasetsDir: string;
  /** One Int32; the manager sets it to 1 to stop training after the current batch. */
  stopFlag: SharedArrayBuffer;
}

/** A message from a worker: an event for the renderer, or the finished run's model file. */
export type WorkerMessage =
  | { kind: 'event'; event: TrainingEvent }
  | { kind: 'model'; runId: string; modelText: string };
