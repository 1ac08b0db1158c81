/**
 * Writes a trained model as a Python script for PyTorch, as an introductory course writes it:
 * the same `nn.Sequential`, the trained weights loaded from the model file, the same loss,
 * optimizer and settings, a training loop over a `DataLoader`, and prediction on a CSV file.
 */

import type { LayerSpec } from '../graph/layer-spec';
import type { ModelFile } from '../model/types';

/** Python source for one layer, e.g. `nn.Linear(4, 16)`. */
function layerSource(layer: LayerSpec): string {
  switch (layer.type) {
    case 'Linear':
      return `nn.Linear(${layer.inFeatures}, ${layer.outFeatures}${layer.bias ? '' : ', bias=False'})`;
    case 'ReLU':
      return 'nn.ReLU()';
    case 'LeakyReLU':
      return `nn.LeakyReLU(${pythonNumber(layer.negativeSlope)})`;
    case 'Sigmoid':
      return 'nn.Sigmoid()';
    case 'Tanh':
      return 'nn.Tanh()';
    case 'Softmax':
      return `nn.Softmax(dim=${layer.dim})`;
    case 'Dropout':
      return `nn.Dropout(${pythonNumber(layer.p)})`;
  }
}

/** Formats a number as a Python literal, keeping a decimal point on integers, where PyTorch expects a float. */
function pythonNumber(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/** Formats a string as a Python literal (JSON's escapes are valid Python escapes). */
function pythonString(value: string): string {
  return JSON.stringify(value);
}

function optimizerSource(model: ModelFile): string {
  const { optimizer, lr, momentum, weightDecay } = model.training;
  const decay = weightDecay === 0 ? '' : `, weight_decay=${pythonNumber(weightDecay)}`;
  if (optimizer === 'Adam') return `torch.optim.Adam(model.parameters(), lr=${pythonNumber(lr)}${decay})`;
  return `torch.optim.SGD(model.parameters(), lr=${pythonNumber(lr)}, momentum=${pythonNumber(momentum)}${decay})`;
}

/** Returns the Python lines that turn the model's outputs into a label and a probability for the task. */
function predictionSource(model: ModelFile): string {
  if (model.task === 'regression') {
    return ['        for value in outputs[:, 0].tolist():', '            print(repr(value))'].join('\n');
  }
  if (model.task === 'binary') {
    const probability = model.layers.at(-1)?.type === 'Sigmoid' ? 'outputs[:, 0]' : 'torch.sigmoid(outputs[:, 0])';
    return [
      `        for p in ${probability}.tolist():`,
      '            print(CLASSES[1] if p > 0.5 else CLASSES[0], repr(p), sep=",")',
    ].join('\n');
  }
  const probabilities = model.layers.at(-1)?.type === 'Softmax' ? 'outputs' : 'torch.softmax(outputs, dim=1)';
  return [
    `        for row in ${probabilities}.tolist():`,
    '            best = max(range(len(row)), key=row.__getitem__)',
    '            print(CLASSES[best], *(repr(p) for p in row), sep=",")',
  ].join('\n');
}

/**
 * Returns a Python script that rebuilds `model` in PyTorch and trains or predicts with it.
 * Run as `python3 script.py MODEL.json DATA.csv` it loads the weights from the model file and
 * prints one prediction per CSV row; `train(features, targets)` continues training.
 *
 * @param modelFileName the model file's name, used as the default path in the script.
 */
export function pytorchScript(model: ModelFile, modelFileName: string): string {
  const { training } = model;
  const layers = model.layers.map((layer) => `    ${layerSource(layer)},`).join('\n');
  const targetType = model.task === 'multiclass' ? 'torch.long' : 'torch.float32';
  const targetShape = model.task === 'multiclass' ? '' : '.reshape(-1, 1)';
  const standardization = model.standardization;

  return `"""${model.name.replace(/"""/g, "'''")}: a network trained in Wiregrad, rebuilt in PyTorch.

Run: python3 this_script.py ${modelFileName} data.csv
It loads the trained weights from the model file and prints one prediction per CSV row.
The CSV needs the feature columns by name; other columns are ignored.
"""
import csv
import json
import sys

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

FEATURES = ${JSON.stringify(model.features)}
CLASSES = ${model.classes === null ? 'None' : JSON.stringify(model.classes)}
MEAN = ${standardization === null ? 'None' : `torch.tensor(${JSON.stringify(standardization.mean)})`}
STD = ${standardization === null ? 'None' : `torch.tensor(${JSON.stringify(standardization.std)})`}

model = nn.Sequential(
${layers}
)

loss_fn = nn.${training.loss}()
optimizer = ${optimizerSource(model)}


def load_weights(path):
    """Copies the weights of a Wiregrad model file into the model."""
    with open(path, encoding="utf-8") as file:
        saved = json.load(file)
    state = {
        name: torch.tensor(entry["values"], dtype=torch.float32).reshape(entry["shape"])
        for name, entry in saved["stateDict"].items()
    }
    model.load_state_dict(state)


def standardize(features):
    """Scales the features as in training: (x - mean) / std."""
    return features if MEAN is None else (features - MEAN) / STD


def read_features(path):
    """Reads the feature columns of a CSV file, by name, as a float32 tensor."""
    with open(path, newline="", encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    return torch.tensor([[float(row[name]) for name in FEATURES] for row in rows], dtype=torch.float32)


def train(features, targets, epochs=${training.epochs}, batch_size=${training.batchSize}):
    """Trains on raw features [N, ${model.features.length}] and targets with the settings used in Wiregrad."""
    targets = torch.as_tensor(targets, dtype=${targetType})${targetShape}
    loader = DataLoader(TensorDataset(standardize(features), targets), batch_size=batch_size, shuffle=${training.shuffle ? 'True' : 'False'})
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for x, y in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(x)
        print(f"epoch {epoch + 1}/{epochs}  train loss {total / len(loader.dataset):.4f}")


if __name__ == "__main__":
    load_weights(sys.argv[1] if len(sys.argv) > 1 else ${pythonString(modelFileName)})
    if len(sys.argv) > 2:
        model.eval()
        with torch.no_grad():
            outputs = model(standardize(read_features(sys.argv[2])))
${predictionSource(model)}
`;
}
