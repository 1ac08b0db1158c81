import { describe, expect, it } from 'vitest';

import { compileGraph } from '../../engine/graph';
import { Tensor } from '../../engine/tensor/tensor';
import { chainGraph, irisGraph } from './graph-builders';

function weights(graphSeed: number): number[] {
  const { model } = compileGraph(irisGraph(), { seed: graphSeed });
  return model === null ? [] : model.parameters().flatMap((parameter) => Array.from(parameter.data));
}

describe('compileGraph', () => {
  it('builds the iris Sequential with PyTorch parameter names', () => {
    const { model, errors } = compileGraph(irisGraph(), { inputFeatures: 4 });
    const names = model?.namedParameters().map(([name, parameter]) => `${name} [${parameter.shape.join(', ')}]`);

    expect(errors).toEqual([]);
    expect(names).toEqual(['0.weight [16, 4]', '0.bias [16]', '2.weight [3, 16]', '2.bias [3]']);
    expect(model?.parameters().reduce((sum, parameter) => sum + parameter.numel(), 0)).toBe(131);
  });

  it('runs a forward pass of shape [N, 3]', () => {
    const { model } = compileGraph(irisGraph());
    const output = model?.forward(new Tensor(new Float32Array(5 * 4), [5, 4]));

    expect(output?.shape).toEqual([5, 3]);
  });

  it('returns no model when the graph has errors', () => {
    const graph = irisGraph();
    graph.edges.pop();
    const compiled = compileGraph(graph);

    expect(compiled.model).toBeNull();
    expect(compiled.errors.length).toBeGreaterThan(0);
  });

  it('initialises the same weights for the same seed', () => {
    expect(weights(3)).toEqual(weights(3));
    expect(weights(3)).not.toEqual(weights(4));
  });

  it('keeps PyTorch default init within 1/sqrt(inFeatures)', () => {
    const { model } = compileGraph(irisGraph(), { seed: 1 });
    const [weight, bias] = model?.parameters() ?? [];

    expect(Math.max(...Array.from(weight.data, Math.abs))).toBeLessThanOrEqual(0.5);
    expect(Math.max(...Array.from(bias.data, Math.abs))).toBeLessThanOrEqual(0.5);
    expect(Math.max(...Array.from(weight.data, Math.abs))).toBeGreaterThan(0.3);
  });

  it('applies zeros, xavierUniform and kaimingUniform init', () => {
    const graph = chainGraph([
      ['Input', { features: 100 }],
      ['Linear', { outFeatures: 50, init: 'zeros' }],
      ['Linear', { outFeatures: 50, init: 'xavierUniform' }],
      ['Linear', { outFeatures: 1, init: 'kaimingUniform' }],
      ['Output'],
    ]);
    const parameters = compileGraph(graph, { seed: 2 }).model?.parameters() ?? [];
    const largest = (i: number) => Math.max(...Array.from(parameters[i].data, Math.abs));

    expect(largest(0)).toBe(0);
    expect(largest(1)).toBe(0);
    expect(largest(2)).toBeLessThanOrEqual(Math.sqrt(6 / 100));
    expect(largest(2)).toBeGreaterThan(0.9 * Math.sqrt(6 / 100));
    expect(largest(3)).toBe(0);
    expect(largest(4)).toBeLessThanOrEqual(Math.sqrt(2) * Math.sqrt(3 / 50));
    expect(largest(5)).toBe(0);
  });

  it('freezes the parameters of a frozen layer', () => {
    const graph = irisGraph();
    graph.nodes[1].params = { outFeatures: 16, frozen: true };
    const flags = compileGraph(graph).model?.parameters().map((parameter) => parameter.requiresGrad);

    expect(flags).toEqual([false, false, true, true]);
  });
});
