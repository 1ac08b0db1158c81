import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LESSONS, findLesson } from '../../engine/lessons/lessons';
import { validateProject } from '../../engine/project';
import { analyzeGraph } from '../../engine/graph/analyze';
import type { Project } from '../../engine/project/types';
import type { GraphNode, NodeParams, NodeType } from '../../engine/graph/types';

function load(file: string): Project {
  return validateProject(JSON.parse(readFileSync(file, 'utf8')));
}

/** Replaces a project's graph with the chain Input → layers → Output. */
function withChain(project: Project, features: number, layers: [NodeType, NodeParams?][]): Project {
  const nodes: GraphNode[] = [
    { id: 'input', type: 'Input', params: { features } },
    ...layers.map(([type, params], i): GraphNode => ({ id: `n${i}`, type, ...(params ? { params } : {}) })),
    { id: 'output', type: 'Output' },
  ];
  const edges = nodes.slice(1).map((node, i) => ({ source: nodes[i].id, target: node.id }));
  return { ...project, graph: { nodes, edges } };
}

describe('lessons', () => {
  it.each(LESSONS.map((lesson) => [lesson.id, lesson] as const))('%s opens and is not yet met', (_id, lesson) => {
    const project = load(lesson.projectFile);
    const status = lesson.check({ project, lastValAccuracy: null });
    expect(status.met).toBe(false);
    expect(status.requirements.some((entry) => !entry.met)).toBe(true);
  });

  it('first network is met by Linear, ReLU, Linear', () => {
    const lesson = findLesson('first-network')!;
    const solved = withChain(load(lesson.projectFile), 4, [['Linear', { outFeatures: 16 }], ['ReLU'], ['Linear', { outFeatures: 3 }]]);
    expect(lesson.check({ project: solved, lastValAccuracy: null }).met).toBe(true);
  });

  it('first network rejects wrong output width', () => {
    const lesson = findLesson('first-network')!;
    const wrong = withChain(load(lesson.projectFile), 4, [['Linear', { outFeatures: 16 }], ['ReLU'], ['Linear', { outFeatures: 16 }]]);
    const analysis = analyzeGraph(wrong.graph, { inputFeatures: 4, task: 'multiclass', classes: ['a', 'b', 'c'] });
    const status = lesson.check({ project: wrong, lastValAccuracy: null, analysis });

    expect(status.met).toBe(false);
    expect(status.requirements[0]).toEqual({ text: 'The graph compiles into a Sequential model', met: false });
  });

  it('small network counts parameters and needs a trained accuracy', () => {
    const lesson = findLesson('small-network')!;
    const start = load(lesson.projectFile);
    const first = lesson.check({ project: start, lastValAccuracy: 0.95 }).requirements[1];
    expect(first).toEqual({ text: 'Fewer than 120 parameters (now 131)', met: false });

    const small = withChain(start, 4, [['Linear', { outFeatures: 8 }], ['ReLU'], ['Linear', { outFeatures: 3 }]]);
    expect(lesson.check({ project: small, lastValAccuracy: null }).met).toBe(false);
    expect(lesson.check({ project: small, lastValAccuracy: 0.93 }).met).toBe(true);
  });

  it('dropout asks for four Linear layers, more than 120 parameters and Dropout', () => {
    const lesson = findLesson('dropout')!;
    const deep = withChain(load(lesson.projectFile), 64, [
      ['Linear', { outFeatures: 32 }], ['ReLU'], ['Dropout', { p: 0.2 }],
      ['Linear', { outFeatures: 32 }], ['ReLU'], ['Linear', { outFeatures: 16 }], ['ReLU'], ['Linear', { outFeatures: 10 }],
    ]);
    const status = lesson.check({ project: deep, lastValAccuracy: 0.96 });
    expect(status.requirements.map((entry) => entry.met)).toEqual([true, true, true, true]);
  });

  it('binary classifier needs one output and a binary loss', () => {
    const lesson = findLesson('binary-classifier')!;
    const start = load(lesson.projectFile);
    const fixed = withChain(start, 30, [['Linear', { outFeatures: 16 }], ['ReLU'], ['Linear', { outFeatures: 1 }]]);
    const settled: Project = {
      ...fixed,
      data: { ...fixed.data, task: 'binary' },
      training: { ...fixed.training, loss: 'BCEWithLogitsLoss' },
    };
    expect(lesson.check({ project: settled, lastValAccuracy: 0.96 }).met).toBe(true);
  });

  it('freezing needs a frozen layer and one left to train', () => {
    const lesson = findLesson('freezing')!;
    const frozen = withChain(load(lesson.projectFile), 4, [
      ['Linear', { outFeatures: 16, frozen: true }], ['ReLU'], ['Linear', { outFeatures: 3 }],
    ]);
    expect(lesson.check({ project: frozen, lastValAccuracy: 0.85 }).met).toBe(true);
  });
});
