import { Tensor } from '../tensor/tensor';

/** Shared parts of the optimizers: the parameter list and `zeroGrad`. */
export abstract class Optimizer {
  readonly params: Tensor[];

  constructor(params: Iterable<Tensor>, name: string) {
    this.params = [...params];
    if (this.params.length === 0) {
      throw new RangeError(`${name}: got an empty parameter list; pass model.parameters()`);
    }
    this.params.forEach((param, i) => {
      if (!(param instanceof Tensor) || param.dtype !== 'float32') {
        throw new TypeError(`${name}: parameter ${i} is not a float32 tensor`);
      }
    });
  }

  /** Updates every parameter that has a gradient; parameters with grad null (frozen) are skipped. */
  abstract step(): void;

  /** Resets gradients to zero (PyTorch 1.13's default), or to null with `setToNone`. */
  zeroGrad(setToNone = false): void {
    for (const param of this.params) {
      if (param.grad === null) continue;
      if (setToNone) param.grad = null;
      else param.grad.data.fill(0);
    }
  }
}

/** Rejects a setting that is not a finite number in the allowed range, quoting the value. */
export function checkSetting(name: string, option: string, value: number, valid: boolean): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || !valid) {
    throw new RangeError(`${name}: invalid ${option}: ${value}`);
  }
}
