/** Stateless functions behind the layers, like `torch.nn.functional`. */
import { Tensor, makeResult } from '../../tensor/tensor';
import { defaultGenerator, type Generator } from '../../tensor/random';
import { formatShape } from '../../tensor/shape';

export { linear } from '../../tensor/ops/matmul';
export {
  mseLoss,
  crossEntropy,
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  type LossOptions,
  type Reduction,
} from './losses';

export const relu = (input: Tensor): Tensor => input.relu();
export const sigmoid = (input: Tensor): Tensor => input.sigmoid();
export const tanh = (input: Tensor): Tensor => input.tanh();
export const leakyRelu = (input: Tensor, negativeSlope = 0.01): Tensor => input.leakyRelu(negativeSlope);
export const softmax = (input: Tensor, dim = -1): Tensor => input.softmax(dim);
export const logSoftmax = (input: Tensor, dim = -1): Tensor => input.logSoftmax(dim);

/**
 * One-hot encodes int32 class indices: shape [...] → [..., numClasses], as int32.
 * With `numClasses` -1 (default) it is one more than the largest index.
 */
export function oneHot(labels: Tensor, numClasses = -1): Tensor {
  if (labels.dtype !== 'int32') {
    throw new TypeError(`oneHot: labels must be an int32 tensor of class indices, got ${labels.dtype}`);
  }
  let largest = -1;
  for (const label of labels.data) {
    if (label < 0) throw new RangeError(`oneHot: class indices must be non-negative, got ${label}`);
    largest = Math.max(largest, label);
  }
  const classes = numClasses === -1 ? largest + 1 : numClasses;
  if (largest >= classes) {
    throw new RangeError(`oneHot: class index ${largest} is too large for numClasses = ${classes}`);
  }
  const out = new Int32Array(labels.numel() * classes);
  labels.data.forEach((label, i) => {
    out[i * classes + label] = 1;
  });
  return new Tensor(out, [...labels.shape, classes]);
}

/**
 * Inverted dropout: in training, zeroes each element with probability `p` and scales the
 * survivors by 1 / (1 - p); otherwise returns the input unchanged.
 */
export function dropout(input: Tensor, p = 0.5, training = true, generator: Generator = defaultGenerator): Tensor {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`dropout: probability p must be between 0 and 1, got ${p}`);
  }
  if (!training || p === 0) return input;
  if (!(input.data instanceof Float32Array)) {
    throw new TypeError(`dropout: input must be float32, got ${input.dtype} of shape ${formatShape(input.shape)}`);
  }
  const x = input.data;
  const scale = p === 1 ? 0 : 1 / (1 - p);
  const mask = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) mask[i] = generator.random() < p ? 0 : scale;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] * mask[i];
  return makeResult(out, input.shape, [input], 'dropout', (g) => [g.map((v, i) => v * mask[i])]);
}
