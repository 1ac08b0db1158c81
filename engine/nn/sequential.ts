import { Tensor } from '../tensor/tensor';
import { Module } from './module';

/** A layer as reached by index: any Module, with the weight and bias a Linear has. */
export type Layer = Module & { weight?: Tensor; bias?: Tensor | null };

/**
 * Runs its layers in order, like `torch.nn.Sequential`. Layers are reachable as `model[0]`,
 * and parameters are named by position: `0.weight`, `2.bias`.
 */
export class Sequential extends Module {
  [index: number]: Layer;
  readonly length: number;

  constructor(...layers: Module[]) {
    super();
    layers.forEach((layer, i) => {
      if (!(layer instanceof Module)) {
        throw new TypeError(`Sequential: argument ${i} is not a layer (Module)`);
      }
      this.registerModule(String(i), layer);
      this[i] = layer;
    });
    this.length = layers.length;
  }

  layers(): Module[] {
    return this.namedChildren().map(([, layer]) => layer);
  }

  [Symbol.iterator](): Iterator<Module> {
    return this.layers()[Symbol.iterator]();
  }

  forward(input: Tensor): Tensor {
    let output = input;
    for (const layer of this.layers()) output = layer.forward(output);
    return output;
  }

  override toString(): string {
    const lines = this.layers().map((layer, i) => `  (${i}): ${layer.toString()}`);
    return `Sequential(\n${lines.join('\n')}\n)`;
  }
}
