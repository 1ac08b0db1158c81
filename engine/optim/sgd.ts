import { Tensor } from '../tensor/tensor';
import { Optimizer, checkSetting } from './optimizer';

export interface SGDOptions {
  /** Learning rate (required). */
  lr: number;
  /** Momentum factor (default 0). */
  momentum?: number;
  /** Dampening of the momentum (default 0). */
  dampening?: number;
  /** Nesterov momentum (default false); needs momentum > 0 and dampening 0. */
  nesterov?: boolean;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay?: number;
}

/**
 * Stochastic gradient descent with PyTorch's update rule:
 * g ← grad + weightDecay·p; b ← momentum·b + (1 - dampening)·g (b ← g on the first step);
 * g ← g + momentum·b with Nesterov, else g ← b; p ← p - lr·g.
 */
export class SGD extends Optimizer {
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
  private readonly momentumBuffers = new Map<Tensor, Float32Array>();

  constructor(params: Iterable<Tensor>, options: SGDOptions) {
    super(params, 'SGD');
    const { lr, momentum = 0, dampening = 0, nesterov = false, weightDecay = 0 } = options ?? {};
    checkSetting('SGD', 'learning rate (lr)', lr, lr >= 0);
    checkSetting('SGD', 'momentum', momentum, momentum >= 0);
    checkSetting('SGD', 'dampening', dampening, true);
    checkSetting('SGD', 'weightDecay', weightDecay, weightDecay >= 0);
    if (nesterov && (momentum <= 0 || dampening !== 0)) {
      throw new RangeError(
        `SGD: Nesterov momentum requires a momentum above 0 and zero dampening, ` +
          `got momentum ${momentum} and dampening ${dampening}`,
      );
    }
    this.lr = lr;
    this.momentum = momentum;
    this.dampening = dampening;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
  }

  step(): void {
    const { lr, momentum, dampening, nesterov, weightDecay } = this;
    for (const param of this.params) {
      if (param.grad === null) continue;
      const p = param.data as Float32Array;
      const grad = param.grad.data;
      let buffer = this.momentumBuffers.get(param);
      const firstStep = buffer === undefined;
      if (momentum !== 0 && buffer === undefined) {
        buffer = new Float32Array(p.length);
        this.momentumBuffers.set(param, buffer);
      }

      // Math.fround keeps each intermediate in float32, as PyTorch's tensor arithmetic does.
      for (let i = 0; i < p.length; i++) {
        let d = weightDecay === 0 ? grad[i] : Math.fround(grad[i] + weightDecay * p[i]);
        if (buffer !== undefined) {
          buffer[i] = firstStep ? d : momentum * buffer[i] + (1 - dampening) * d;
          d = nesterov ? Math.fround(d + momentum * buffer[i]) : buffer[i];
        }
        p[i] -= lr * d;
      }
    }
  }
}
