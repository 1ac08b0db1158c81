export { TensorDataset } from './tensor-dataset';
export { DataLoader, type DataLoaderOptions } from './data-loader';
