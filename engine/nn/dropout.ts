import { Tensor } from '../tensor/tensor';
import { dropout } from './functional';
import { Module } from './module';

/**
 * Inverted dropout, like `torch.nn.Dropout`: in training mode each element is zeroed with
 * probability `p` and survivors are scaled by 1 / (1 - p); in eval mode it is the identity.
 */
export class Dropout extends Module {
  /** @param p probability of zeroing an element, in [0, 1] (default 0.5) */
  constructor(readonly p = 0.5) {
    super();
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`Dropout: probability p must be between 0 and 1, got ${p}`);
    }
  }

  forward(input: Tensor): Tensor {
    return dropout(input, this.p, this.training);
  }

  override toString(): string {
    return `Dropout(p=${this.p})`;
  }
}
