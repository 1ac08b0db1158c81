/** Small synthetic data sets in PreparedData form, for trainer tests. */

import type { PreparedData } from '../../engine/data/prepare';
import type { Task } from '../../engine/project';

/** A linear congruential generator returning numbers in [0, 1); enough for test data. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/**
 * Builds `n` rows of 4 features for a task: multiclass has 3 blobs, binary 2 blobs,
 * regression a noisy linear target y = 3·x0 - 2·x1 + 0.5. A fifth of the rows is held out.
 */
export function syntheticData(task: Task, n = 200, seed = 1): PreparedData {
  const random = lcg(seed);
  const featureCount = 4;
  const x = new Float32Array(n * featureCount);
  const classes = task === 'multiclass' ? 3 : 2;
  const labels = new Int32Array(n);
  const values = new Float32Array(n);

  for (let i = 0; i < n; i += 1) {
    const label = i % classes;
    labels[i] = label;
    for (let j = 0; j < featureCount; j += 1) {
      const centre = task === 'regression' ? 0 : (j === label % featureCount ? 2 : 0);
      x[i * featureCount + j] = centre + (random() - 0.5) * 2;
    }
    values[i] = 3 * x[i * featureCount] - 2 * x[i * featureCount + 1] + 0.5 + (random() - 0.5) * 0.1;
  }

  const nVal = Math.round(n / 5);
  const nTrain = n - nVal;
  let y: Float32Array | Int32Array = values;
  if (task === 'multiclass') y = labels;
  if (task === 'binary') y = Float32Array.from(labels);
  return {
    trainX: x.slice(0, nTrain * featureCount),
    trainY: y.slice(0, nTrain),
    valX: x.slice(nTrain * featureCount),
    valY: y.slice(nTrain),
    nTrain,
    nVal,
    features: ['f0', 'f1', 'f2', 'f3'],
    target: 'target',
    task,
    featureMean: [0, 0, 0, 0],
    featureStd: [1, 1, 1, 1],
    classes: task === 'multiclass' ? ['a', 'b', 'c'] : task === 'binary' ? ['no', 'yes'] : null,
    trainRows: Int32Array.from({ length: nTrain }, (_, i) => i),
    valRows: Int32Array.from({ length: nVal }, (_, i) => nTrain + i),
  };
}
