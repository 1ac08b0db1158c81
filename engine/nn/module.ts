import { Tensor } from '../tensor/tensor';
import { formatShape, sameShape } from '../tensor/shape';
import { noGrad } from '../tensor/grad-mode';

/**
 * Base class of every layer and model, like `torch.nn.Module`: it owns named parameters
 * and child modules, and switches between training and evaluation mode.
 */
export abstract class Module {
  /** True in training mode (the default); `eval()` sets it to false. */
  training = true;
  private readonly parameterSlots = new Map<string, Tensor | null>();
  private readonly children = new Map<string, Module>();

  abstract forward(...inputs: Tensor[]): Tensor;

  /** Registers a parameter under `name`; it requires gradients unless it is frozen later. */
  protected registerParameter(name: string, parameter: Tensor | null): void {
    if (parameter !== null && parameter.dtype !== 'float32') {
      throw new TypeError(`registerParameter: parameter '${name}' must be float32, got ${parameter.dtype}`);
    }
    if (parameter !== null && !parameter.isLeaf) {
      throw new TypeError(`registerParameter: parameter '${name}' must be a leaf tensor; detach() it first`);
    }
    this.parameterSlots.set(name, parameter);
  }

  protected getParameter(name: string): Tensor | null {
    return this.parameterSlots.get(name) ?? null;
  }

  protected registerModule(name: string, module: Module): void {
    if (!(module instanceof Module)) {
      throw new TypeError(`registerModule: '${name}' is not a Module`);
    }
    this.children.set(name, module);
  }

  /** Child modules with their names, in registration order. */
  namedChildren(): [string, Module][] {
    return [...this.children.entries()];
  }

  /** Lists every parameter of this module and its descendants, as [name, tensor] with PyTorch's dotted names. */
  namedParameters(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [name, parameter] of this.parameterSlots) {
      if (parameter !== null) out.push([prefix + name, parameter]);
    }
    for (const [name, child] of this.children) out.push(...child.namedParameters(`${prefix}${name}.`));
    return out;
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, parameter]) => parameter);
  }

  /** Sets training mode on this module and every descendant. */
  train(mode = true): this {
    this.training = mode;
    for (const child of this.children.values()) child.train(mode);
    return this;
  }

  /** Sets evaluation mode: Dropout becomes the identity. */
  eval(): this {
    return this.train(false);
  }

  /** Resets the gradients of all parameters: to zero, or to null with `setToNone`. */
  zeroGrad(setToNone = false): void {
    for (const parameter of this.parameters()) {
      if (parameter.grad === null) continue;
      if (setToNone) parameter.grad = null;
      else parameter.grad.data.fill(0);
    }
  }

  /** Copies of every parameter keyed by dotted name, like `state_dict()`. */
  stateDict(): Record<string, Tensor> {
    const state: Record<string, Tensor> = {};
    for (const [name, parameter] of this.namedParameters()) {
      state[name] = new Tensor(Float32Array.from(parameter.data), parameter.shape);
    }
    return state;
  }

  /**
   * Copies values from `state` into the parameters. With `strict` (default) the names must
   * match exactly; shapes must always match.
   */
  loadStateDict(state: Record<string, Tensor>, strict = true): void {
    const own = new Map(this.namedParameters());
    const missing = [...own.keys()].filter((name) => !Object.hasOwn(state, name));
    const unexpected = Object.keys(state).filter((name) => !own.has(name));
    if (strict && (missing.length > 0 || unexpected.length > 0)) {
      throw new Error(
        'loadStateDict: the state does not match the model' +
          (missing.length ? `; missing keys: ${missing.join(', ')}` : '') +
          (unexpected.length ? `; unexpected keys: ${unexpected.join(', ')}` : ''),
      );
    }
    for (const [name, parameter] of own) {
      const source = state[name];
      if (source === undefined) continue;
      if (!sameShape(source.shape, parameter.shape)) {
        throw new RangeError(
          `loadStateDict: size mismatch for ${name}: the state has shape ${formatShape(source.shape)}, ` +
            `the model's parameter has shape ${formatShape(parameter.shape)}`,
        );
      }
      noGrad(() => parameter.copy_(source));
    }
  }

  /** Describes the module in PyTorch's style, such as `Linear(inFeatures=4, outFeatures=16, bias=true)`. */
  toString(): string {
    return `${this.constructor.name}()`;
  }
}
