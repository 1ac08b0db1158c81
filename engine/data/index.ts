export { TensorDataset } from './tensor-dataset';
export { DataLoader, type DataLoaderOptions } from './data-loader';
export * from './csv';
export { prepareData, type PreparedData } from './prepare';
export { inferTask, columnSummary } from './summary';
export { BUILTIN_DATASETS, findBuiltinDataset } from './builtin';
export { DataError } from './errors';
