import { describe, expect, it } from 'vitest';

import { analyzeGraph } from '../../engine/graph';
import type { Graph } from '../../engine/graph/types';
import { chainGraph, irisGraph } from './graph-builders';

const irisClasses = ['setosa', 'versicolor', 'virginica'];

function messagesFor(graph: Graph, nodeId: string | null, options = {}): string[] {
  return analyzeGraph(graph, options)
    .errors.filter((error) => error.nodeId === nodeId)
    .map((error) => error.message);
}

describe('analyzeGraph shapes and parameters', () => {
  it('counts 131 parameters for the iris network', () => {
    const analysis = analyzeGraph(irisGraph(), { inputFeatures: 4, loss: 'CrossEntropyLoss', task: 'multiclass', classes: irisClasses });

    expect(analysis.errors).toEqual([]);
    expect(analysis.totalParameters).toBe(131);
    expect(analysis.trainableParameters).toBe(131);
    expect(analysis.nodes.map((node) => node.parameters)).toEqual([0, 80, 0, 51, 0]);
  });

  it('gives each node its output shape', () => {
    const analysis = analyzeGraph(irisGraph(), { inputFeatures: 4 });

    expect(analysis.nodes.map((node) => node.outputShape)).toEqual([
      ['N', 4],
      ['N', 16],
      ['N', 16],
      ['N', 3],
      ['N', 3],
    ]);
    expect(analysis.nodes.map((node) => node.layerIndex)).toEqual([null, 0, 1, 2, null]);
  });

  it('labels each edge with the shape it carries', () => {
    const analysis = analyzeGraph(irisGraph(), { inputFeatures: 4 });

    expect(analysis.edges).toEqual([
      { edgeId: 'e0', source: 'n0', target: 'n1', shape: ['N', 4] },
      { edgeId: 'e1', source: 'n1', target: 'n2', shape: ['N', 16] },
      { edgeId: 'e2', source: 'n2', target: 'n3', shape: ['N', 16] },
      { edgeId: 'e3', source: 'n3', target: 'n4', shape: ['N', 3] },
    ]);
  });

  it('returns the layer list in Sequential order', () => {
    const graph = chainGraph([
      ['Input', { features: 4 }],
      ['Linear', { outFeatures: 8, bias: false }],
      ['LeakyReLU', { negativeSlope: 0.2 }],
      ['Dropout', { p: 0.25 }],
      ['Tanh'],
      ['Linear', { outFeatures: 1 }],
      ['Sigmoid'],
      ['Output'],
    ]);
    const analysis = analyzeGraph(graph, { loss: 'BCELoss', task: 'binary' });

    expect(analysis.errors).toEqual([]);
    expect(analysis.layers).toEqual([
      { type: 'Linear', inFeatures: 4, outFeatures: 8, bias: false },
      { type: 'LeakyReLU', negativeSlope: 0.2 },
      { type: 'Dropout', p: 0.25 },
      { type: 'Tanh' },
      { type: 'Linear', inFeatures: 8, outFeatures: 1, bias: true },
      { type: 'Sigmoid' },
    ]);
    expect(analysis.layerNodeIds).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
    expect(analysis.totalParameters).toBe(32 + 9);
  });

  it('leaves frozen layers out of the trainable count', () => {
    const graph = irisGraph();
    graph.nodes[1].params = { outFeatures: 16, frozen: true };
    const analysis = analyzeGraph(graph, { inputFeatures: 4 });

    expect(analysis.totalParameters).toBe(131);
    expect(analysis.trainableParameters).toBe(51);
  });

  it('takes the Input width from the data set when features is unset', () => {
    const graph = irisGraph();
    graph.nodes[0].params = {};
    const analysis = analyzeGraph(graph, { inputFeatures: 64 });

    expect(analysis.nodes[1].parameters).toBe(64 * 16 + 16);
    expect(analysis.errors).toEqual([]);
  });
});

describe('analyzeGraph chain errors', () => {
  it('reports a graph without an Input node', () => {
    const graph = chainGraph([['Linear', { outFeatures: 3 }], ['Output']]);

    expect(messagesFor(graph, null)).toEqual([
      'The graph has no Input node. Add an Input node and connect it to the first layer.',
    ]);
    expect(analyzeGraph(graph).layers).toBeNull();
  });

  it('reports a graph without an Output node', () => {
    const graph = chainGraph([['Input', { features: 4 }], ['Linear', { outFeatures: 3 }]]);
    const analysis = analyzeGraph(graph);

    expect(messagesFor(graph, null)[0]).toContain('no Output node');
    expect(messagesFor(graph, 'n1')[0]).toContain('not connected to anything after it');
    expect(analysis.nodes[1].outputShape).toEqual(['N', 3]);
  });

  it('reports a second Input node', () => {
    const graph = irisGraph();
    graph.nodes.push({ id: 'extra', type: 'Input', params: { features: 4 } });

    expect(messagesFor(graph, 'extra')).toEqual([
      'The graph has 2 Input nodes, but a Sequential model has exactly one. Delete this one.',
    ]);
  });

  it('reports a second Output node', () => {
    const graph = irisGraph();
    graph.nodes.push({ id: 'out2', type: 'Output' });

    expect(messagesFor(graph, 'out2')[0]).toContain('2 Output nodes');
  });

  it('reports a branch as not a single chain', () => {
    const graph = irisGraph();
    graph.nodes.push({ id: 'side', type: 'Sigmoid' });
    graph.edges.push({ id: 'branch', source: 'n1', target: 'side' });
    const messages = messagesFor(graph, 'n1');

    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('2 outgoing connections (to ReLU node, Sigmoid node)');
    expect(messages[0]).toContain('A Sequential model is a single chain');
  });

  it('reports a merge of two edges into one node', () => {
    const graph = irisGraph();
    graph.edges.push({ id: 'skip', source: 'n1', target: 'n3' });

    expect(messagesFor(graph, 'n3')[0]).toContain('2 incoming connections (from ReLU node, Linear node)');
  });

  it('reports a cycle once, naming its nodes', () => {
    const graph = irisGraph();
    graph.edges.push({ id: 'back', source: 'n2', target: 'n1' });
    const cycleErrors = analyzeGraph(graph).errors.filter((error) => error.message.includes('cycle'));

    expect(cycleErrors).toHaveLength(1);
    expect(cycleErrors[0].edgeId).toBe('back');
    expect(cycleErrors[0].message).toContain('Linear node → ReLU node → Linear node');
  });

  it('names nodes by their labels when the editor gives them', () => {
    const graph = irisGraph();
    const labels: Record<string, string> = { n1: 'Linear 1', n2: 'ReLU 1', n3: 'Linear 2' };
    graph.nodes.forEach((node) => {
      if (labels[node.id] !== undefined) node.label = labels[node.id];
    });
    graph.edges.push({ id: 'back', source: 'n2', target: 'n1' });
    const cycle = analyzeGraph(graph).errors.find((error) => error.message.includes('cycle'));

    expect(cycle?.message).toContain('These nodes form a cycle: Linear 1 → ReLU 1 → Linear 1.');
    expect(cycle?.message).toContain('Delete the connection from ReLU 1 back to Linear 1.');
  });

  it('reports a node left off the chain', () => {
    const graph = irisGraph();
    graph.nodes.push({ id: 'lonely', type: 'Dropout', params: { p: 0.2 } });

    expect(messagesFor(graph, 'lonely')).toEqual([
      'The Dropout node has no connections. A Sequential model is a single chain from Input to Output: ' +
        'connect it into that chain, or delete it.',
    ]);
  });

  it('reports an edge to a node that does not exist', () => {
    const graph = irisGraph();
    graph.edges.push({ id: 'ghost', source: 'n3', target: 'nowhere' });
    const ghost = analyzeGraph(graph).errors.find((error) => error.edgeId === 'ghost');

    expect(ghost?.message).toContain('"nowhere", which is not in the graph');
  });

  it('reports a node connected to itself', () => {
    const graph = irisGraph();
    graph.edges.push({ id: 'self', source: 'n2', target: 'n2' });

    expect(messagesFor(graph, 'n2')[0]).toContain('connected to itself');
  });

  it('reports a chain without layers', () => {
    const graph = chainGraph([['Input', { features: 4 }], ['ReLU'], ['Output']]);

    expect(messagesFor(graph, 'n2')[0]).toContain('no Linear layer');
  });
});

describe('analyzeGraph settings errors', () => {
  it('says where the 8 features come from for Linear(12 → 6)', () => {
    const graph = chainGraph([
      ['Input', { features: 4 }],
      ['Linear', { outFeatures: 8 }],
      ['ReLU'],
      ['Linear', { inFeatures: 12, outFeatures: 6 }],
      ['Output'],
    ]);

    expect(messagesFor(graph, 'n3')).toEqual([
      'Linear(12 → 6) expects 12 input features but is fed 8 by the Linear(4 → 8) before it, ' +
        'which outputs 8 features. Set this layer\'s inFeatures to 8 (or clear it to follow the layer before), ' +
        'or change the out features of Linear(4 → 8) to 12.',
    ]);
  });

  it('says when the Input feeds a Linear the wrong width', () => {
    const graph = chainGraph([['Input', { features: 8 }], ['Linear', { inFeatures: 12, outFeatures: 1 }], ['Output']]);

    expect(messagesFor(graph, 'n1')[0]).toContain('is fed 8 by the Input node, which provides 8 features per sample');
  });

  it('reports an Input width that differs from the data set', () => {
    const graph = irisGraph();
    graph.nodes[0].params = { features: 8 };

    expect(messagesFor(graph, 'n0', { inputFeatures: 4 })).toEqual([
      'The Input node is set to 8 features, but the data set provides 4 feature columns. ' +
        "Set the Input's features to 4, or choose 8 feature columns.",
    ]);
  });

  it('reports an Input without any feature count', () => {
    const graph = irisGraph();
    graph.nodes[0].params = {};

    expect(messagesFor(graph, 'n0')[0]).toContain('does not know how many features');
  });

  it.each([0, -3, 2.5, Number.NaN, 100_000])('rejects outFeatures %s', (outFeatures) => {
    const graph = irisGraph();
    graph.nodes[1].params = { outFeatures };
    const messages = messagesFor(graph, 'n1');

    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/Linear outFeatures must be (a positive whole number|at most 65536)/);
    expect(messages[0]).toContain(`got ${outFeatures}`);
  });

  it('reports a missing outFeatures', () => {
    const graph = irisGraph();
    graph.nodes[1].params = {};

    expect(messagesFor(graph, 'n1')[0]).toContain('Linear needs outFeatures');
  });

  it.each([1, 1.5, -0.1])('rejects Dropout p %s', (p) => {
    const graph = chainGraph([['Input', { features: 4 }], ['Dropout', { p }], ['Linear', { outFeatures: 1 }], ['Output']]);

    expect(messagesFor(graph, 'n1')[0]).toContain(`at least 0 and below 1, got ${p}`);
  });

  it('accepts Dropout p 0', () => {
    const graph = chainGraph([['Input', { features: 4 }], ['Dropout', { p: 0 }], ['Linear', { outFeatures: 1 }], ['Output']]);

    expect(analyzeGraph(graph).errors).toEqual([]);
  });

  it('rejects a negative slope that is not a number', () => {
    const params = JSON.parse('{"negativeSlope": "0.1"}');
    const graph = chainGraph([['Input', { features: 4 }], ['LeakyReLU', params], ['Linear', { outFeatures: 1 }], ['Output']]);

    expect(messagesFor(graph, 'n1')).toEqual([
      'LeakyReLU negativeSlope must be a number (PyTorch\'s default is 0.01), got "0.1".',
    ]);
  });

  it('rejects Softmax over the batch dimension', () => {
    const graph = chainGraph([['Input', { features: 4 }], ['Linear', { outFeatures: 3 }], ['Softmax', { dim: 0 }], ['Output']]);

    expect(messagesFor(graph, 'n2')[0]).toContain('Softmax dim must be -1 or 1');
  });

  it('keeps shapes after a layer with a width mismatch', () => {
    const graph = chainGraph([
      ['Input', { features: 4 }],
      ['Linear', { inFeatures: 5, outFeatures: 8 }],
      ['ReLU'],
      ['Output'],
    ]);
    const analysis = analyzeGraph(graph);

    expect(analysis.nodes[2].outputShape).toEqual(['N', 8]);
    expect(analysis.layers).toBeNull();
  });
});

describe('analyzeGraph loss and task checks', () => {
  it('asks to remove a Softmax before CrossEntropyLoss', () => {
    const graph = chainGraph([['Input', { features: 4 }], ['Linear', { outFeatures: 3 }], ['Softmax'], ['Output']]);
    const messages = messagesFor(graph, 'n2', { loss: 'CrossEntropyLoss' });

    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('CrossEntropyLoss already applies log-softmax');
    expect(messages[0]).toContain('Delete this Softmax');
  });

  it('asks to remove a Sigmoid before BCEWithLogitsLoss', () => {
    const graph = chainGraph([['Input', { features: 4 }], ['Linear', { outFeatures: 1 }], ['Sigmoid'], ['Output']]);

    expect(messagesFor(graph, 'n2', { loss: 'BCEWithLogitsLoss' })[0]).toContain('Delete this Sigmoid');
    expect(analyzeGraph(graph, { loss: 'BCELoss', task: 'binary' }).errors).toEqual([]);
  });

  it('asks for a Sigmoid before BCELoss', () => {
    const graph = chainGraph([['Input', { features: 4 }], ['Linear', { outFeatures: 1 }], ['Output']]);

    expect(messagesFor(graph, 'n2', { loss: 'BCELoss' })[0]).toContain('the last layer must be a Sigmoid');
  });

  it('asks for 3 outputs for 3 classes', () => {
    const graph = irisGraph();
    graph.nodes[3].params = { outFeatures: 4 };

    expect(messagesFor(graph, 'n3', { task: 'multiclass', classes: irisClasses })).toEqual([
      'The model outputs 4 values per sample, but the data set has 3 classes (setosa, versicolor, virginica), ' +
        'one output each. Set the out features of Linear(16 → 4) to 3.',
    ]);
  });

  it('counts a single output in the singular', () => {
    const graph = irisGraph();
    graph.nodes[3].params = { outFeatures: 1 };

    expect(messagesFor(graph, 'n3', { task: 'multiclass', classes: irisClasses })[0]).toMatch(
      /^The model outputs 1 value per sample, but the data set has 3 classes/,
    );
  });

  it('asks for 1 output for a binary task', () => {
    const graph = irisGraph();
    graph.nodes[3].params = { outFeatures: 2 };
    const messages = messagesFor(graph, 'n3', { task: 'binary', classes: ['malignant', 'benign'] });

    expect(messages[0]).toContain('binary classification needs 1 output (the score of "benign")');
    expect(messages[0]).toContain('to 1.');
  });

  it('asks for 1 output for regression', () => {
    expect(messagesFor(irisGraph(), 'n3', { task: 'regression' })[0]).toContain('regression predicts one value');
  });

  it('rejects a loss that does not fit the task', () => {
    const graph = irisGraph();
    graph.nodes[3].params = { outFeatures: 1 };

    expect(messagesFor(graph, null, { task: 'regression', loss: 'CrossEntropyLoss' })).toEqual([
      'CrossEntropyLoss does not fit a regression task. Use MSELoss.',
    ]);
  });
});
