import { Tensor } from '../tensor/tensor';
import { formatShape } from '../tensor/shape';
import { linear } from '../tensor/ops/matmul';
import { kernels } from '../tensor/kernels/registry';
import { Module } from './module';
import { kaimingUniform_, uniform_, calculateFanInAndFanOut } from './init';

/**
 * Applies y = x · weightᵀ + bias, like `torch.nn.Linear`.
 * Input [N, inFeatures] (or [inFeatures]); output [N, outFeatures].
 * weight has shape [outFeatures, inFeatures], bias [outFeatures].
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;

  /**
   * @param inFeatures size of each input sample
   * @param outFeatures size of each output sample
   * @param bias whether to learn an additive bias (default true)
   */
  constructor(inFeatures: number, outFeatures: number, bias = true) {
    super();
    for (const [name, value] of [['inFeatures', inFeatures], ['outFeatures', outFeatures]] as const) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`Linear: ${name} must be a positive integer, got ${value}`);
      }
    }
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    // Parameters live where the kernels read them without copying (see kernels/registry.ts).
    this.registerParameter('weight', new Tensor(kernels.allocate(outFeatures * inFeatures), [outFeatures, inFeatures]));
    this.registerParameter('bias', bias ? new Tensor(kernels.allocate(outFeatures), [outFeatures]) : null);
    this.resetParameters();
    for (const parameter of this.parameters()) parameter.requiresGrad = true;
  }

  get weight(): Tensor {
    return this.getParameter('weight') as Tensor;
  }

  set weight(value: Tensor) {
    this.registerParameter('weight', value);
  }

  get bias(): Tensor | null {
    return this.getParameter('bias');
  }

  set bias(value: Tensor | null) {
    this.registerParameter('bias', value);
  }

  /**
   * PyTorch's default initialisation: kaiming_uniform_ with a = √5 for the weight, which gives
   * U(-1/√inFeatures, 1/√inFeatures), and the same bound for the bias.
   */
  resetParameters(): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    const bias = this.bias;
    if (bias !== null) {
      const { fanIn } = calculateFanInAndFanOut(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform_(bias, -bound, bound);
    }
  }

  forward(input: Tensor): Tensor {
    const last = input.shape[input.ndim - 1];
    if (input.ndim < 1 || input.ndim > 2 || last !== this.inFeatures) {
      throw new RangeError(
        `${this.toString()} got input of shape ${formatShape(input.shape)}: it expects ` +
          `[batchSize, ${this.inFeatures}], so each sample needs ${this.inFeatures} features` +
          (input.ndim >= 1 ? ` but has ${last}` : ''),
      );
    }
    return linear(input, this.weight, this.bias);
  }

  override toString(): string {
    return `Linear(inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, bias=${this.bias !== null})`;
  }
}
