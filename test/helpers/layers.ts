import { nn, type Tensor } from '../../engine';
import type { LayerSpec, TensorMap } from './fixtures';
import { fromFixture } from './tensors';

/** Builds the engine layer a fixture layer spec describes. */
export function makeLayer(spec: LayerSpec): nn.Module {
  switch (spec.type) {
    case 'Linear':
      return new nn.Linear(spec.inFeatures, spec.outFeatures, spec.bias);
    case 'LeakyReLU':
      return new nn.LeakyReLU(spec.negativeSlope);
    case 'Softmax':
      return new nn.Softmax(spec.dim);
    case 'Dropout':
      return new nn.Dropout(spec.p);
    case 'ReLU':
      return new nn.ReLU();
    case 'Tanh':
      return new nn.Tanh();
    case 'Sigmoid':
      return new nn.Sigmoid();
  }
}

/** Builds a Sequential from layer specs and loads the fixture's state dict into it. */
export function makeModel(layers: LayerSpec[], state: TensorMap): nn.Sequential {
  const model = new nn.Sequential(...layers.map(makeLayer));

  const loaded: Record<string, Tensor> = {};
  for (const [name, value] of Object.entries(state)) loaded[name] = fromFixture(value);
  model.loadStateDict(loaded);
  return model;
}
