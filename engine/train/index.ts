export {
  train,
  TrainingError,
  type BatchProgress,
  type EpochProgress,
  type StopReason,
  type TrainOptions,
  type TrainingGpu,
  type TrainResult,
} from './trainer';
export {
  countCorrect,
  createLoss,
  evaluate,
  targetTensor,
  type Evaluation,
  type LossModule,
} from './evaluate';
export { predict, readPredictions, type OutputReading, type Prediction } from './predict';
export { diagnoseRun, diagnoseSetup, deadReluLayers, type Diagnosis, type DiagnosisCode } from './diagnostics';
