/** Activation layers; none has parameters. */
import { Tensor } from '../tensor/tensor';
import { Module } from './module';

export class ReLU extends Module {
  forward(input: Tensor): Tensor {
    return input.relu();
  }
}

/** max(0, x) + negativeSlope · min(0, x). */
export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) {
    super();
    if (!Number.isFinite(negativeSlope)) {
      throw new RangeError(`LeakyReLU: negativeSlope must be a finite number, got ${negativeSlope}`);
    }
  }

  forward(input: Tensor): Tensor {
    return input.leakyRelu(this.negativeSlope);
  }

  override toString(): string {
    return `LeakyReLU(negativeSlope=${this.negativeSlope})`;
  }
}

export class Sigmoid extends Module {
  forward(input: Tensor): Tensor {
    return input.sigmoid();
  }
}

export class Tanh extends Module {
  forward(input: Tensor): Tensor {
    return input.tanh();
  }
}

/** Softmax over `dim` (default -1, the features of each sample). */
export class Softmax extends Module {
  constructor(readonly dim = -1) {
    super();
    if (!Number.isInteger(dim)) throw new RangeError(`Softmax: dim must be an integer, got ${dim}`);
  }

  forward(input: Tensor): Tensor {
    return input.softmax(this.dim);
  }

  override toString(): string {
    return `Softmax(dim=${this.dim})`;
  }
}
