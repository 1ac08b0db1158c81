export * from './types';
export { JsonValidationError, type JsonIssue } from './json-checks';
export {
  MAX_PROJECT_FILE_CHARS,
  parseProject,
  PROJECT_FORMAT,
  PROJECT_VERSION,
  serializeProject,
  validateProject,
} from './project-file';
export { LOSSES, OPTIMIZERS, TASKS } from './validate-settings';
export { MAX_GRAPH_NODES } from './validate-graph';
export { MAX_ARCHITECTURE_LENGTH, MAX_RUN_POINTS, MAX_RUNS } from './validate-runs';
