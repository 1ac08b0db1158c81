import { describe, expect, it } from 'vitest';
import { nn, tensor, type Tensor } from '../../engine';
import {
  activation,
  isPlottedActivation,
  sample,
  VANISHING_GRADIENT,
} from '../../src-renderer/src/lib/activations/activations';

/** Gradient of the engine's own layer at x, from autograd. */
function engineGradient(layer: { forward: (input: Tensor) => Tensor }, x: number): number {
  const input = tensor([x], { dtype: 'float32', requiresGrad: true });
  layer.forward(input).sum().backward();
  const grad = input.grad;
  if (grad === null) throw new Error('No gradient.');
  return grad.item();
}

describe('activation plots', () => {
  it('ReLU has gradient 0 at -1 and at 0', () => {
    expect(activation('ReLU').derivative(-1)).toBe(0);
    expect(activation('ReLU').derivative(0)).toBe(0);
    expect(activation('ReLU').derivative(2)).toBe(1);
  });

  it('LeakyReLU uses its slope', () => {
    const leaky = activation('LeakyReLU', 0.2);
    expect(leaky.value(-2)).toBeCloseTo(-0.4, 12);
    expect(leaky.derivative(-2)).toBe(0.2);
    expect(leaky.formula).toContain('0.2');
  });

  it('Sigmoid gradient vanishes at ±4', () => {
    const sig = activation('Sigmoid');
    expect(sig.derivative(0)).toBeCloseTo(0.25, 12);
    expect(sig.derivative(4)).toBeLessThan(VANISHING_GRADIENT);
    expect(sig.derivative(-4)).toBeLessThan(VANISHING_GRADIENT);
  });

  it('Tanh gradient is 1 at 0', () => {
    expect(activation('Tanh').derivative(0)).toBe(1);
    expect(activation('Tanh').derivative(4)).toBeLessThan(VANISHING_GRADIENT);
  });

  it.each([
    ['ReLU', new nn.ReLU()],
    ['LeakyReLU', new nn.LeakyReLU(0.1)],
    ['Sigmoid', new nn.Sigmoid()],
    ['Tanh', new nn.Tanh()],
  ] as const)('%s derivative matches the engine autograd', (kind, layer) => {
    const plotted = activation(kind, 0.1);
    for (const x of [-4, -1, -0.25, 0, 0.5, 3]) {
      expect(plotted.derivative(x)).toBeCloseTo(engineGradient(layer, x), 5);
    }
  });

  it('plots only element-wise activations', () => {
    expect(isPlottedActivation('Sigmoid')).toBe(true);
    expect(isPlottedActivation('Softmax')).toBe(false);
    expect(isPlottedActivation('Linear')).toBe(false);
  });

  it('samples both ends of the range', () => {
    const points = sample((x) => x * 2, -4, 4, 5);
    expect(points.map((point) => point.x)).toEqual([-4, -2, 0, 2, 4]);
    expect(points[4].y).toBe(8);
  });
});
