import { Tensor } from '../tensor/tensor';
import { kernels } from '../tensor/kernels/registry';
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
    for (const param of this.params) {
      if (param.grad === null) continue;
      const p = param.data as Float32Array;
      const grad = param.grad.data as Float32Array;
      if (this.momentum === 0) {
        this.plainStep(p, grad);
        continue;
      }

      let buffer = this.momentumBuffers.get(param);
      if (buffer === undefined) {
        buffer = kernels.allocate(p.length);
        this.momentumBuffers.set(param, buffer);
        this.momentumStep(p, grad, buffer, true);
      } else {
        this.momentumStep(p, grad, buffer, false);
      }
    }
  }

  /** p ← p − lr · (grad + weightDecay · p), without momentum. */
  private plainStep(p: Float32Array, grad: Float32Array): void {
    const { lr, weightDecay } = this;
    if (weightDecay === 0) {
      for (let i = 0; i < p.length; i++) p[i] -= lr * grad[i];
      return;
    }
    // Math.fround keeps each intermediate in float32, as PyTorch's tensor arithmetic does.
    for (let i = 0; i < p.length; i++) p[i] -= lr * Math.fround(grad[i] + weightDecay * p[i]);
  }

  /**
   * Momentum step: the buffer starts as the first gradient, then b ← momentum · b +
   * (1 − dampening) · g. The common case (no weight decay, no Nesterov) has a loop of its own
   * because this update runs over every parameter on every batch.
   */
  private momentumStep(p: Float32Array, grad: Float32Array, buffer: Float32Array, firstStep: boolean): void {
    const { lr, momentum, dampening, nesterov, weightDecay } = this;
    const keep = 1 - dampening;
    if (!firstStep && weightDecay === 0 && !nesterov) {
      kernels.sgdMomentum(p, grad, buffer, lr, momentum, keep);
      return;
    }
    for (let i = 0; i < p.length; i++) {
      const d = weightDecay === 0 ? grad[i] : Math.fround(grad[i] + weightDecay * p[i]);
      buffer[i] = firstStep ? d : momentum * buffer[i] + keep * d;
      p[i] -= lr * (nesterov ? Math.fround(d + momentum * buffer[i]) : buffer[i]);
    }
  }
}
