/**
 * The model file imported in the Model tab and its predictions on a CSV. The workspace
 * owns it, so both outlast a tab switch. Importing another model replaces them, and
 * opening or starting a project clears them.
 */

import type { ModelSummary, PredictionResult } from '../../../../src-main/backend/protocol';
import type { PickedFile, Transport } from '../transport';

export class ImportedModelState {
  model: ModelSummary | null = $state.raw(null);
  /** Predictions of `model` on the CSV named by `predictionsFile`. */
  predictions: PredictionResult | null = $state.raw(null);
  predictionsFile = $state('');
  /** True while an import or a CSV prediction is pending. */
  busy = $state(false);

  private readonly transport: Transport;
  /**
   * Count of the requests and clears so far. A reply is dropped when a later request or a
   * clear came while it was pending, so an opened project never shows an older model.
   */
  private requests = 0;

  constructor(transport: Transport) {
    this.transport = transport;
  }

  /**
   * Imports a model file and returns its summary, or null when a later request or a clear
   * replaced it. The previous model and predictions are cleared first, so after a failure
   * nothing stale stays on screen. Rejects with the backend's message.
   */
  async importModel(file: PickedFile): Promise<ModelSummary | null> {
    this.clear();
    const request = this.requests;
    this.busy = true;
    try {
      const model = await this.transport.invoke('import-model', { fileName: file.name, text: file.text });
      if (request !== this.requests) return null;
      this.model = model;
      return model;
    } finally {
      if (request === this.requests) this.busy = false;
    }
  }

  /**
   * Predicts every row of a CSV with the imported model. The previous predictions are
   * cleared first. Rejects with the backend's message.
   */
  async predictCsv(file: PickedFile): Promise<void> {
    if (this.model === null) return;
    const request = ++this.requests;
    this.predictions = null;
    this.busy = true;
    try {
      const predictions = await this.transport.invoke('predict-csv', {
        modelId: this.model.modelId,
        fileName: file.name,
        text: file.text,
      });
      if (request !== this.requests) return;
      this.predictions = predictions;
      this.predictionsFile = file.name;
    } finally {
      if (request === this.requests) this.busy = false;
    }
  }

  /** Forgets the model and its predictions, and drops the replies still pending. */
  clear(): void {
    this.requests += 1;
    this.model = null;
    this.predictions = null;
    this.predictionsFile = '';
    this.busy = false;
  }
}
