import { JsonChecker } from '../../../../engine/project/json-checks';
import { checkTrainingSettings } from '../../../../engine/project/validate-settings';
import type { TrainingSettings } from '../../../../engine/project/types';

/** Form labels of the training settings, for messages. */
const FIELD_LABELS: Record<string, string> = {
  'training.loss': 'Loss function',
  'training.optimizer': 'Optimizer',
  'training.lr': 'Learning rate',
  'training.momentum': 'Momentum',
  'training.weightDecay': 'Weight decay',
  'training.batchSize': 'Batch size',
  'training.epochs': 'Epochs',
  'training.shuffle': 'Shuffle',
  'training.validationSplit': 'Validation share',
  'training.seed': 'Seed',
};

/**
 * Checks training settings with the project file's own validator and returns one
 * message per invalid field, named by its form label: "Learning rate must be a
 * positive number, got null." An emptied number field reaches here as null.
 */
export function checkTraining(training: TrainingSettings): string[] {
  const check = new JsonChecker('Training settings');
  checkTrainingSettings(check, { ...training }, 'training');

  return check.issues.map((issue) => {
    const label = FIELD_LABELS[issue.path];
    if (label === undefined || !issue.message.startsWith(issue.path)) return issue.message;
    return `${label}${issue.message.slice(issue.path.length)}`;
  });
}
