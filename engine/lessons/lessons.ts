/**
 * Starter lessons that follow an introductory PyTorch course. Each names a project to open,
 * gives the learner a task, and checks live whether the task is met. The check reads the
 * graph's analysis as the learner edits, and the last training run where the task needs one.
 */

import { analyzeGraph, type GraphAnalysis } from '../graph/analyze';
import type { Graph, LossName } from '../graph/types';
import type { Project, Task } from '../project/types';

/** Inputs of a lesson check: the project as it is now and the last run's validation figures. */
export interface LessonInputs {
  project: Project;
  /** Validation accuracy (0 to 1) of the last finished run of this graph, or null. */
  lastValAccuracy: number | null;
  /**
   * The editor's analysis of the graph with the data set's facts (feature and class counts).
   * Without it the graph is analysed alone, so errors that need the data go unnoticed.
   */
  analysis?: GraphAnalysis;
}

/** One requirement of a lesson and whether the project meets it. */
export interface LessonRequirement {
  text: string;
  met: boolean;
}

export interface LessonStatus {
  met: boolean;
  requirements: LessonRequirement[];
}

export interface Lesson {
  id: string;
  title: string;
  /** A few sentences of task, shown on the instruction card. */
  instructions: string;
  /** Project file under examples/lessons/. */
  projectFile: string;
  check(inputs: LessonInputs): LessonStatus;
}

interface GraphFacts {
  analysis: GraphAnalysis;
  linearCount: number;
  frozenCount: number;
  types: string[];
  compiles: boolean;
  outputs: number | null;
}

function factsOf(graph: Graph, editorAnalysis?: GraphAnalysis): GraphFacts {
  const analysis = editorAnalysis ?? analyzeGraph(graph);
  const layers = analysis.layers ?? [];
  const linears = graph.nodes.filter((node) => node.type === 'Linear');
  const last = [...layers].reverse().find((layer) => layer.type === 'Linear');
  return {
    analysis,
    linearCount: layers.filter((layer) => layer.type === 'Linear').length,
    frozenCount: linears.filter((node) => node.params?.frozen === true && analysis.layerNodeIds.includes(node.id)).length,
    types: layers.map((layer) => layer.type),
    compiles: analysis.errors.length === 0 && analysis.layers !== null,
    outputs: last?.type === 'Linear' ? last.outFeatures : null,
  };
}

function requirement(text: string, met: boolean): LessonRequirement {
  return { text, met };
}

function status(requirements: LessonRequirement[]): LessonStatus {
  return { met: requirements.every((entry) => entry.met), requirements };
}

function accuracyAtLeast(inputs: LessonInputs, share: number): LessonRequirement {
  const percent = Math.round(share * 100);
  const reached = inputs.lastValAccuracy;
  const text =
    reached === null
      ? `Train it to at least ${percent}% validation accuracy (not trained yet)`
      : `Train it to at least ${percent}% validation accuracy (last run: ${(reached * 100).toFixed(1)}%)`;
  return requirement(text, reached !== null && reached >= share);
}

function taskAndLoss(project: Project, task: Task, losses: LossName[]): LessonRequirement {
  const ok = project.data.task === task && losses.includes(project.training.loss);
  return requirement(`Set the task to ${task} and the loss to ${losses.join(' or ')}`, ok);
}

export const LESSONS: readonly Lesson[] = [
  {
    id: 'first-network',
    title: 'A first network of two Linear layers',
    instructions:
      'Connect Input → Linear → ReLU → Linear → Output for the iris flowers. The first Linear ' +
      'layer maps the 4 measurements to 16 hidden features; the second maps those to the 3 species.',
    projectFile: 'examples/lessons/first-network.wiregrad.json',
    check(inputs) {
      const { project } = inputs;
      const facts = factsOf(project.graph, inputs.analysis);
      return status([
        requirement('The graph compiles into a Sequential model', facts.compiles),
        requirement(`Exactly two Linear layers (now ${facts.linearCount})`, facts.linearCount === 2),
        requirement('A ReLU between them', facts.types.join(',') === 'Linear,ReLU,Linear'),
      ]);
    },
  },
  {
    id: 'binary-classifier',
    title: 'A binary classifier',
    instructions:
      'Classify breast-cancer cells as malignant or benign. A binary classifier ends in one output: ' +
      'use BCEWithLogitsLoss on it, or add a Sigmoid and use BCELoss.',
    projectFile: 'examples/lessons/binary-classifier.wiregrad.json',
    check(inputs) {
      const facts = factsOf(inputs.project.graph, inputs.analysis);
      return status([
        requirement('The graph compiles into a Sequential model', facts.compiles),
        requirement(`One output (now ${facts.outputs ?? 'unknown'})`, facts.outputs === 1),
        taskAndLoss(inputs.project, 'binary', ['BCEWithLogitsLoss', 'BCELoss']),
        accuracyAtLeast(inputs, 0.9),
      ]);
    },
  },
  {
    id: 'regression-to-multiclass',
    title: 'From regression to multi-class',
    instructions:
      "This network predicts a wine's alcohol content, one number, with MSELoss. Turn it into a " +
      'classifier for the three wine cultivars: cultivar as the target, three outputs, the multiclass ' +
      'task and CrossEntropyLoss.',
    projectFile: 'examples/lessons/regression-to-multiclass.wiregrad.json',
    check(inputs) {
      const facts = factsOf(inputs.project.graph, inputs.analysis);
      return status([
        requirement(`Three outputs, one per class (now ${facts.outputs ?? 'unknown'})`, facts.outputs === 3),
        taskAndLoss(inputs.project, 'multiclass', ['CrossEntropyLoss']),
        accuracyAtLeast(inputs, 0.9),
      ]);
    },
  },
  {
    id: 'small-network',
    title: 'A network of fewer than 120 parameters',
    instructions:
      'Classify the iris flowers with fewer than 120 parameters in all. The parameter panel counts ' +
      'them as you change the layers.',
    projectFile: 'examples/lessons/small-network.wiregrad.json',
    check(inputs) {
      const facts = factsOf(inputs.project.graph, inputs.analysis);
      const total = facts.analysis.totalParameters;
      return status([
        requirement('The graph compiles into a Sequential model', facts.compiles),
        requirement(`Fewer than 120 parameters (now ${total})`, facts.compiles && total < 120),
        accuracyAtLeast(inputs, 0.9),
      ]);
    },
  },
  {
    id: 'dropout',
    title: 'Regularise with Dropout',
    instructions:
      'Build a deeper classifier for the handwritten digits: exactly four Linear layers and more ' +
      'than 120 parameters, with a Dropout layer after a hidden layer to fight overfitting.',
    projectFile: 'examples/lessons/dropout.wiregrad.json',
    check(inputs) {
      const facts = factsOf(inputs.project.graph, inputs.analysis);
      const total = facts.analysis.totalParameters;
      return status([
        requirement(`Exactly four Linear layers (now ${facts.linearCount})`, facts.linearCount === 4),
        requirement(`More than 120 parameters (now ${total})`, total > 120),
        requirement('A Dropout layer', facts.types.includes('Dropout')),
        accuracyAtLeast(inputs, 0.9),
      ]);
    },
  },
  {
    id: 'freezing',
    title: 'Freeze a layer',
    instructions:
      'Freeze the first Linear layer in the inspector, so that training only changes the layers ' +
      'after it, and check that the network still learns.',
    projectFile: 'examples/lessons/freezing.wiregrad.json',
    check(inputs) {
      const facts = factsOf(inputs.project.graph, inputs.analysis);
      return status([
        requirement(`At least one frozen Linear layer (now ${facts.frozenCount})`, facts.frozenCount >= 1),
        requirement('At least one Linear layer left to train', facts.linearCount > facts.frozenCount),
        accuracyAtLeast(inputs, 0.8),
      ]);
    },
  },
  {
    id: 'evaluation',
    title: 'Evaluate with accuracy',
    instructions:
      'Train the digits classifier and read its accuracy on the validation rows, which the model ' +
      'never trains on. Reach 95%, then look at the confusion matrix for the digits it mixes up.',
    projectFile: 'examples/lessons/evaluation.wiregrad.json',
    check(inputs) {
      return status([
        requirement('Keep a validation share above 0', inputs.project.training.validationSplit > 0),
        accuracyAtLeast(inputs, 0.95),
      ]);
    },
  },
];

/** Returns the lesson with this id, or undefined. */
export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.id === id);
}
