export { Accuracy, type AccuracyOptions } from './accuracy';
