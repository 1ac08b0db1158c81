/** Loss layers, called as `loss.forward(input, target)`. */
import { Tensor } from '../tensor/tensor';
import { Module } from './module';
import {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  crossEntropy,
  mseLoss,
  type LossOptions,
  type Reduction,
} from './functional/losses';

abstract class Loss extends Module {
  readonly reduction: Reduction;

  constructor(options: LossOptions = {}) {
    super();
    const reduction = options.reduction ?? 'mean';
    if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
      throw new TypeError(
        `${this.constructor.name}: reduction must be 'mean', 'sum' or 'none', got ${JSON.stringify(reduction)}`,
      );
    }
    this.reduction = reduction;
  }

  abstract override forward(input: Tensor, target: Tensor): Tensor;
}

/** Mean squared error; input and target have the same shape. */
export class MSELoss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, { reduction: this.reduction });
  }
}

/**
 * Cross-entropy on raw logits [N, C]: it applies log-softmax itself, so the model must not
 * end with Softmax. Targets are int32 class indices [N] or float32 class probabilities [N, C].
 */
export class CrossEntropyLoss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropy(input, target, { reduction: this.reduction });
  }
}

/** Binary cross-entropy on probabilities in [0, 1], e.g. after Sigmoid. */
export class BCELoss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropy(input, target, { reduction: this.reduction });
  }
}

/** Sigmoid followed by binary cross-entropy, computed stably on raw logits. */
export class BCEWithLogitsLoss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropyWithLogits(input, target, { reduction: this.reduction });
  }
}
