export { FusedTrainingStep } from './fused-step';
export { planFusedStep, type FusedPlan } from './plan';
export type { LossTarget } from './fused-loss';
