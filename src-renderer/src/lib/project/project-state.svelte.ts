/**
 * The project's settings outside the canvas: its name, the data (bundled data set or
 * uploaded CSV, with its preview), and the training settings.
 */

import type { Graph } from '../../../../engine/graph/types';
import type { DataSettings, Project, RunRecord, Task, TrainingSettings } from '../../../../engine/project/types';
import type { ColumnInfo, DatasetInfo, TablePreview } from '../../../../src-main/backend/protocol';
import { appendRun } from '../runs/run-record';
import type { PickedFile, Transport } from '../transport';
import { DEFAULT_DATA, DEFAULT_DATASET, DEFAULT_LOSS, DEFAULT_TRAINING, inferTaskFromLabels } from './defaults';

export class ProjectState {
  name = $state('Untitled project');
  data: DataSettings = $state(structuredClone(DEFAULT_DATA));
  training: TrainingSettings = $state({ ...DEFAULT_TRAINING });
  /** Finished runs and search trials, oldest first. */
  runs: RunRecord[] = $state.raw([]);
  datasets: DatasetInfo[] = $state.raw([]);
  preview: TablePreview | null = $state.raw(null);
  /** The uploaded CSV, kept so training and autosave can send its text. */
  csv: PickedFile | null = $state.raw(null);
  /** Reason the current data cannot be used, such as a CSV that failed to parse. */
  dataError: string | null = $state(null);
  /** The bundled data set being loaded, until it is in use, fails, or is replaced. */
  loadingDataset: string | null = $state(null);
  /** Name of a CSV the opened project needs and the user has not uploaded yet. */
  missingCsvName: string | null = $state(null);

  readonly targetColumn: ColumnInfo | undefined = $derived(
    this.preview?.columns.find((column) => column.name === this.data.target),
  );

  /** Class labels of the target for classification tasks, in class-index order. */
  readonly classes: string[] | undefined = $derived(
    this.data.task === 'regression' ? undefined : (this.targetColumn?.labels ?? undefined),
  );

  /** Columns in use (features and target) that contain missing values. */
  readonly columnsWithMissing: ColumnInfo[] = $derived(
    (this.preview?.columns ?? []).filter(
      (column) =>
        column.missingCount > 0 &&
        (column.name === this.data.target || this.data.features.includes(column.name)),
    ),
  );

  /** Feature columns that contain text, which a Linear layer cannot read. */
  readonly textFeatures: ColumnInfo[] = $derived(
    (this.preview?.columns ?? []).filter(
      (column) => column.kind === 'text' && this.data.features.includes(column.name),
    ),
  );

  /** True once the data is loaded and has at least one feature and a target. */
  readonly dataReady: boolean = $derived(
    this.preview !== null && this.dataError === null && this.data.features.length > 0 && this.data.target !== '',
  );

  private readonly transport: Transport;
  /**
   * Count of the requests that replace the data: a data set chosen, a CSV uploaded, a
   * project opened. A reply is dropped when a later request started while it was pending.
   */
  private dataRequests = 0;
  /** True when the target was a feature before the user made it the target. */
  private targetWasFeature = false;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /** Fetches the bundled data sets' list. */
  async loadDatasets(): Promise<void> {
    this.datasets = await this.transport.invoke('list-datasets', {});
  }

  /** Returns a mark for `replacedSince`, which is true once a later request replaced the data. */
  dataMark(): number {
    return this.dataRequests;
  }

  replacedSince(mark: number): boolean {
    return this.dataRequests !== mark;
  }

  /** Switches to a bundled data set, with its own features, target and task. */
  async selectDataset(name: string = DEFAULT_DATASET): Promise<void> {
    const request = this.startDataRequest();
    this.loadingDataset = name;
    const info = this.datasets.find((dataset) => dataset.name === name);
    let preview: TablePreview;
    try {
      preview = await this.transport.invoke('preview-dataset', { name });
    } finally {
      if (request === this.dataRequests) this.loadingDataset = null;
    }
    if (request !== this.dataRequests) return;
    this.preview = preview;
    this.csv = null;
    this.dataError = null;
    this.missingCsvName = null;

    const target = info?.target ?? this.preview.suggestedTarget;
    const features = info?.features ?? this.preview.columns.map((column) => column.name).filter((n) => n !== target);
    this.setData({ source: { builtin: name }, features, target, task: info?.task ?? this.preview.suggestedTask });
  }

  /**
   * Parses an uploaded CSV and switches to it: the last column becomes the target and
   * every other numeric column a feature. When an opened project was waiting for this
   * CSV, its own feature and target settings stay. Rejects with the parser's message.
   */
  async uploadCsv(file: PickedFile): Promise<void> {
    const request = this.startDataRequest();
    const preview = await this.transport.invoke('parse-csv', { fileName: file.name, text: file.text });
    if (request !== this.dataRequests) return;
    const awaited = this.missingCsvName !== null;
    this.preview = preview;
    this.csv = file;
    this.dataError = null;
    this.missingCsvName = null;

    if (awaited) {
      this.data.source = { file: file.name };
      return;
    }

    const target = preview.suggestedTarget;
    const features = preview.columns
      .filter((column) => column.name !== target && column.kind === 'numeric')
      .map((column) => column.name);
    this.setData({ source: { file: file.name }, features, target, task: preview.suggestedTask });
  }

  /**
   * Makes `name` the target; it stops being a feature, and the task is guessed again. The
   * previous target becomes a feature again when it was one before it became the target.
   */
  setTarget(name: string): void {
    const column = this.preview?.columns.find((candidate) => candidate.name === name);
    const task = column === undefined ? this.data.task : inferTaskFromLabels(column.kind, column.labels);
    const chosen = new Set(this.data.features);
    if (this.targetWasFeature) chosen.add(this.data.target);
    const wasFeature = chosen.delete(name);

    const order = this.preview?.columns.map((candidate) => candidate.name) ?? [...chosen];
    const features = order.filter((candidate) => chosen.has(candidate));
    this.setData({ source: this.data.source, features, target: name, task });
    this.targetWasFeature = wasFeature;
  }

  /** Sets the task and, when the loss does not fit it, the task's usual loss. */
  setTask(task: Task): void {
    this.data.task = task;
    this.training.loss = DEFAULT_LOSS[task];
  }

  /** Adds or removes a feature column, keeping the table's column order. */
  setFeature(name: string, included: boolean): void {
    const order = this.preview?.columns.map((column) => column.name) ?? [];
    const chosen = new Set(this.data.features);
    if (included) chosen.add(name);
    else chosen.delete(name);
    this.data.features = order.filter((column) => chosen.has(column) && column !== this.data.target);
  }

  /** Records a finished run in the project. */
  addRun(run: RunRecord): void {
    this.runs = appendRun(this.runs, run);
  }

  deleteRun(id: string): void {
    this.runs = this.runs.filter((run) => run.id !== id);
  }

  /** Copies a run's settings into the project's training settings, seed included. */
  restoreRunSettings(run: RunRecord): void {
    this.training = { ...run.training };
  }

  /** Builds the project file; the Input node's `features` is set from the chosen columns. */
  toProject(graph: Graph): Project {
    const featureCount = this.data.features.length;
    const nodes = graph.nodes.map((node) =>
      node.type === 'Input' && featureCount > 0
        ? { ...node, params: { ...node.params, features: featureCount } }
        : node,
    );

    const project: Project = {
      format: 'wiregrad-project',
      version: 1,
      name: this.name,
      graph: { nodes, edges: graph.edges },
      data: $state.snapshot(this.data),
      training: $state.snapshot(this.training),
    };
    if (this.runs.length > 0) project.runs = this.runs;
    return project;
  }

  /**
   * Applies an opened or restored project. A bundled data set is loaded again; a CSV
   * source needs its file, which `csv` supplies when autosave kept it.
   */
  async applyProject(project: Project, csv: PickedFile | null): Promise<void> {
    const request = this.startDataRequest();
    this.targetWasFeature = false;
    this.name = project.name;
    this.training = { ...project.training };
    this.runs = project.runs ?? [];
    this.data = structuredClone(project.data);
    this.preview = null;
    this.csv = null;
    this.dataError = null;
    this.missingCsvName = null;

    const source = project.data.source;
    if ('builtin' in source) {
      const preview = await this.transport.invoke('preview-dataset', { name: source.builtin });
      if (request === this.dataRequests) this.preview = preview;
    } else if (csv !== null && csv.name === source.file) {
      const preview = await this.transport.invoke('parse-csv', { fileName: csv.name, text: csv.text });
      if (request !== this.dataRequests) return;
      this.preview = preview;
      this.csv = csv;
    } else {
      this.missingCsvName = source.file;
    }
  }

  /** Resets name, data and training to a new project's. */
  async reset(): Promise<void> {
    this.name = 'Untitled project';
    this.training = { ...DEFAULT_TRAINING };
    this.runs = [];
    await this.selectDataset(DEFAULT_DATASET);
  }

  /** Numbers a request that replaces the data, so earlier pending requests drop their replies. */
  private startDataRequest(): number {
    this.loadingDataset = null;
    return ++this.dataRequests;
  }

  private setData(settings: Pick<DataSettings, 'source' | 'features' | 'target' | 'task'>): void {
    this.targetWasFeature = false;
    this.data = {
      ...settings,
      standardize: this.data.standardize,
      dropMissing: this.data.dropMissing ?? false,
    };
    this.training.loss = DEFAULT_LOSS[settings.task];
  }
}
