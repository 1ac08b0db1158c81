export { createUniform, logUniform, sampleTrials, uniformIn, type Range, type SearchSpace, type TrialSettings } from './sampler';
