/**
 * Checks the end of the chain against the loss and the task. It reports a Softmax or
 * Sigmoid that the loss already applies, and a loss that does not fit the task. It also
 * reports an output width that does not fit the number of classes.
 */

import type { Task } from '../project/types';
import type { GraphError } from './chain';
import { describeLayer, type LayerSpec } from './layer-spec';
import type { GraphNode, LossName } from './types';

export interface LossCheckOptions {
  loss?: LossName;
  task?: Task;
  classes?: readonly string[];
}

/** Losses that fit each task, in order of preference. */
export const LOSSES_FOR_TASK: Record<Task, readonly LossName[]> = {
  multiclass: ['CrossEntropyLoss'],
  binary: ['BCEWithLogitsLoss', 'BCELoss'],
  regression: ['MSELoss'],
};

/**
 * Checks the last layers of a complete chain against the loss and the task.
 *
 * @param chain the nodes from Input to Output.
 * @param layers the layers between them, all known.
 * @param layerNodeIds the node id of each layer.
 */
export function checkLossAndTask(
  chain: GraphNode[],
  layers: LayerSpec[],
  layerNodeIds: string[],
  options: LossCheckOptions,
): GraphError[] {
  const errors: GraphError[] = [];
  const { loss, task, classes } = options;
  const outputNode = chain[chain.length - 1];
  const last = layers[layers.length - 1];
  const lastId = layerNodeIds[layerNodeIds.length - 1];
  if (last === undefined) return errors;

  if (loss === 'CrossEntropyLoss' && last.type === 'Softmax') {
    errors.push({
      nodeId: lastId,
      message: 'CrossEntropyLoss already applies log-softmax to the raw scores (logits), ' +
        'so a Softmax before it squashes them twice and slows learning. ' +
        'Delete this Softmax: the predictions still show class probabilities.',
    });
  }
  if (loss === 'BCEWithLogitsLoss' && last.type === 'Sigmoid') {
    errors.push({
      nodeId: lastId,
      message: 'BCEWithLogitsLoss already applies a sigmoid to the raw score (logit), ' +
        'so a Sigmoid before it squashes it twice. Delete this Sigmoid, or switch the loss to BCELoss.',
    });
  }
  if (loss === 'BCELoss' && last.type !== 'Sigmoid') {
    errors.push({
      nodeId: outputNode.id,
      message: 'BCELoss expects probabilities between 0 and 1, so the last layer must be a Sigmoid. ' +
        'Add a Sigmoid before the Output, or switch the loss to BCEWithLogitsLoss.',
    });
  }

  if (task !== undefined && loss !== undefined && !LOSSES_FOR_TASK[task].includes(loss)) {
    errors.push({
      nodeId: null,
      message: `${loss} does not fit a ${task} task. Use ${LOSSES_FOR_TASK[task].join(' or ')}.`,
    });
  }

  if (task !== undefined) {
    const width = outputWidth(layers);
    const lastLinearIndex = layers.map((layer) => layer.type).lastIndexOf('Linear');
    const lastLinear = layers[lastLinearIndex];
    const fixNode = lastLinearIndex >= 0 ? layerNodeIds[lastLinearIndex] : outputNode.id;
    const expected = expectedWidth(task, classes);

    if (width !== null && lastLinear !== undefined && expected !== null && width !== expected.width) {
      const outputs = width === 1 ? '1 value' : `${width} values`;
      errors.push({
        nodeId: fixNode,
        message: `The model outputs ${outputs} per sample, but ${expected.reason}. ` +
          `Set the out features of ${describeLayer(lastLinear)} to ${expected.width}.`,
      });
    }
  }
  return errors;
}

/** Returns the width the chain outputs: the outFeatures of its last Linear layer. */
function outputWidth(layers: LayerSpec[]): number | null {
  for (let i = layers.length - 1; i >= 0; i -= 1) {
    const layer = layers[i];
    if (layer.type === 'Linear') return layer.outFeatures;
  }
  return null;
}

function expectedWidth(
  task: Task,
  classes: readonly string[] | undefined,
): { width: number; reason: string } | null {
  if (task === 'regression') {
    return { width: 1, reason: 'regression predicts one value per sample' };
  }
  if (task === 'binary') {
    const positive = classes?.[1] === undefined ? '' : ` (the score of "${classes[1]}")`;
    return { width: 1, reason: `binary classification needs 1 output${positive}` };
  }
  if (classes === undefined) return null;
  const names = classes.length <= 12 ? ` (${classes.join(', ')})` : '';
  const reason = `the data set has ${classes.length} classes${names}, one output each`;
  return { width: classes.length, reason };
}
