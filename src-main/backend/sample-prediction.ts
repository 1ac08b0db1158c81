/**
 * Predictions for one sample typed into the predict panel, with a trained run's model or an
 * imported one, and the PyTorch script of a trained run.
 */

import { pytorchScript } from '../../engine/export/pytorch-script';
import { modelFromFile, parseModelFile, type ModelFile } from '../../engine/model';
import type { Sequential } from '../../engine/nn';
import { Tensor } from '../../engine/tensor';
import { predict } from '../../engine/train';
import { UserFacingError } from './errors';
import type { SamplePrediction } from './insight-types';

/** Models rebuilt from run model files kept at once; one more drops the oldest. */
const MAX_KEPT_RUN_MODELS = 4;

interface LoadedModel {
  file: ModelFile;
  model: Sequential;
}

/** Rebuilds the models of trained runs from their model files, once per run. */
export class RunModelCache {
  private readonly models = new Map<string, LoadedModel>();

  /** Returns the model of run `runId`, built from `modelText` the first time. */
  load(runId: string, modelText: string): LoadedModel {
    const cached = this.models.get(runId);
    if (cached !== undefined) return cached;

    const file = parseModelFile(modelText);
    const loaded = { file, model: modelFromFile(file) };
    this.models.set(runId, loaded);
    if (this.models.size > MAX_KEPT_RUN_MODELS) {
      const oldest = this.models.keys().next().value;
      if (oldest !== undefined) this.models.delete(oldest);
    }
    return loaded;
  }
}

/**
 * Predicts one sample given in the features' own units: standardises it with the model file's
 * mean and std, runs the model in evaluation mode and reads class probabilities or the value.
 */
export function predictSample(file: ModelFile, model: Sequential, values: number[]): SamplePrediction {
  if (values.length !== file.features.length) {
    throw new UserFacingError(
      `The model expects ${file.features.length} feature values (${file.features.join(', ')}), got ${values.length}.`,
    );
  }

  const standardization = file.standardization;
  const x = Float32Array.from(values, (value, j) =>
    standardization === null ? value : (value - standardization.mean[j]) / standardization.std[j],
  );
  const output = Array.from(predict(model, new Tensor(x, [1, values.length])).data);

  if (file.task === 'regression') return { task: 'regression', target: file.target, value: output[0] };
  const classes = file.classes ?? [];
  const lastType = file.layers[file.layers.length - 1]?.type;
  if (file.task === 'binary') {
    const positive = lastType === 'Sigmoid' ? output[0] : 1 / (1 + Math.exp(-output[0]));
    return { task: 'binary', classes, probabilities: [1 - positive, positive] };
  }
  return { task: 'multiclass', classes, probabilities: lastType === 'Softmax' ? output : softmax(output) };
}

/** Returns a run's PyTorch script with the model file it loads. */
export function pytorchExport(
  model: { fileName: string; text: string },
): { fileName: string; text: string; modelFileName: string; modelText: string } {
  const file = parseModelFile(model.text);
  const fileName = model.fileName.replace(/\.model\.json$|\.json$/, '') + '.py';
  return { fileName, text: pytorchScript(file, model.fileName), modelFileName: model.fileName, modelText: model.text };
}

function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - max));
  const sum = exps.reduce((total, value) => total + value, 0);
  return exps.map((value) => value / sum);
}
