import { Tensor } from '../tensor/tensor';
import { kernels } from '../tensor/kernels/registry';
import { Optimizer, checkSetting } from './optimizer';

export interface AdamOptions {
  /** Learning rate (default 1e-3). */
  lr?: number;
  /** Decay rates of the first and second moment estimates (default [0.9, 0.999]). */
  betas?: [number, number];
  /** Added to the denominator for numerical stability (default 1e-8). */
  eps?: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay?: number;
  /** Use the maximum of past second moments (AMSGrad variant, default false). */
  amsgrad?: boolean;
}

interface AdamState {
  step: number;
  expAvg: Float32Array;
  expAvgSq: Float32Array;
  maxExpAvgSq: Float32Array | null;
}

/**
 * Adam with PyTorch's update rule: m ← β1·m + (1-β1)·g; v ← β2·v + (1-β2)·g²;
 * p ← p - lr/(1-β1ᵗ) · m / (√v / √(1-β2ᵗ) + eps).
 */
export class Adam extends Optimizer {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly amsgrad: boolean;
  private readonly state = new Map<Tensor, AdamState>();

  constructor(params: Iterable<Tensor>, options: AdamOptions = {}) {
    super(params, 'Adam');
    const { lr = 1e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0, amsgrad = false } = options;
    checkSetting('Adam', 'learning rate (lr)', lr, lr >= 0);
    checkSetting('Adam', 'beta parameter at index 0', betas[0], betas[0] >= 0 && betas[0] < 1);
    checkSetting('Adam', 'beta parameter at index 1', betas[1], betas[1] >= 0 && betas[1] < 1);
    checkSetting('Adam', 'epsilon value (eps)', eps, eps >= 0);
    checkSetting('Adam', 'weightDecay', weightDecay, weightDecay >= 0);
    this.lr = lr;
    this.beta1 = betas[0];
    this.beta2 = betas[1];
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.amsgrad = amsgrad;
  }

  step(): void {
    for (const param of this.params) {
      if (param.grad === null) continue;
      const p = param.data as Float32Array;
      const grad = param.grad.data;
      let state = this.state.get(param);
      if (state === undefined) {
        state = {
          step: 0,
          expAvg: kernels.allocate(p.length),
          expAvgSq: kernels.allocate(p.length),
          maxExpAvgSq: this.amsgrad ? new Float32Array(p.length) : null,
        };
        this.state.set(param, state);
      }

      state.step += 1;
      const { beta1, beta2, eps, weightDecay } = this;
      const biasCorrection1 = 1 - beta1 ** state.step;
      const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** state.step);
      const stepSize = this.lr / biasCorrection1;
      const { expAvg, expAvgSq, maxExpAvgSq } = state;
      if (weightDecay === 0 && maxExpAvgSq === null) {
        kernels.adam(p, grad as Float32Array, expAvg, expAvgSq, { beta1, beta2, stepSize, biasCorrection2Sqrt, eps });
        continue;
      }
      for (let i = 0; i < p.length; i++) {
        const g = weightDecay === 0 ? grad[i] : grad[i] + weightDecay * p[i];
        const m = expAvg[i] * beta1 + (1 - beta1) * g;
        const v = expAvgSq[i] * beta2 + (1 - beta2) * g * g;
        expAvg[i] = m;
        expAvgSq[i] = v;
        let second = expAvgSq[i];
        if (maxExpAvgSq !== null) {
          maxExpAvgSq[i] = Math.max(maxExpAvgSq[i], second);
          second = maxExpAvgSq[i];
        }
        p[i] -= (stepSize * expAvg[i]) / (Math.sqrt(second) / biasCorrection2Sqrt + eps);
      }
    }
  }
}
