/**
 * Finds the WebGPU device a training run may use, in Node (the CLI and the app's training
 * worker). Dawn is loaded only when the GPU could be chosen: never for a forced CPU, and for
 * 'auto' only when the model is large enough for `chooseTrainingBackend` to consider the GPU.
 */
import { planFusedStep } from '../../engine/fused';
import { GPU_MIN_MULTIPLY_ADDS, multiplyAddsPerStep } from '../../engine/gpu/select';
import type { Module } from '../../engine/nn';
import type { TrainingSettings } from '../../engine/project/types';
import { createLoss, type TrainingGpu } from '../../engine/train';

/**
 * Returns a device for training `model` with `settings`, or null to train on the CPU.
 * A failure to load Dawn is reported through `warn` once and leaves the run on the CPU.
 */
export async function gpuForTraining(
  model: Module,
  settings: TrainingSettings,
  warn: (message: string) => void,
): Promise<TrainingGpu | null> {
  const preference = settings.backend ?? 'auto';
  if (preference === 'cpu') return null;
  if (preference === 'auto') {
    const plan = planFusedStep(model, createLoss(settings.loss));
    if (plan === null || multiplyAddsPerStep(plan, settings.batchSize) < GPU_MIN_MULTIPLY_ADDS) return null;
  }

  try {
    const { requestNodeDevice } = await import('../../engine/gpu/node-device');
    const result = await requestNodeDevice();
    if (result.device === null) {
      if (preference === 'gpu') warn(`No WebGPU device: ${result.reason}.`);
      return null;
    }
    return result;
  } catch (error) {
    warn(`WebGPU could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
