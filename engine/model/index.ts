export * from './types';
export { formatFloat32Shortest } from './float32-text';
export {
  checkModelFileSize,
  MAX_CLASSES,
  MAX_MODEL_FILE_BYTES,
  parseModelFile,
  validateModelFile,
} from './validate-model-file';
export { serializeModelFile } from './write-model-file';
export { createModelFile, modelFromFile, type DataFacts, type ModelFileInput } from './convert';
