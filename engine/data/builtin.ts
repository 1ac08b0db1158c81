import type { Task } from '../project/types';

/** A data set bundled with the app as a CSV file in the `datasets/` folder. */
export interface BuiltinDataset {
  /** Identifier used in project files (`{ builtin: 'iris' }`) and on the command line. */
  name: string;
  /** CSV file name inside `datasets/`. */
  file: string;
  title: string;
  description: string;
  /** Target column; every other column is a feature. */
  target: string;
  task: Task;
  featureCount: number;
  rowCount: number;
  /** Number of classes for classification, null for regression. */
  classCount: number | null;
}

/** The bundled data sets; their sources and licences are in datasets/README.md. */
export const BUILTIN_DATASETS: readonly BuiltinDataset[] = [
  {
    name: 'iris',
    file: 'iris.csv',
    title: 'Iris flowers',
    description: 'Sepal and petal length and width (cm) of three iris species.',
    target: 'species',
    task: 'multiclass',
    featureCount: 4,
    rowCount: 150,
    classCount: 3,
  },
  {
    name: 'wine',
    file: 'wine.csv',
    title: 'Wine cultivars',
    description: 'Thirteen chemical measurements of wines from three cultivars.',
    target: 'cultivar',
    task: 'multiclass',
    featureCount: 13,
    rowCount: 178,
    classCount: 3,
  },
  {
    name: 'breast_cancer',
    file: 'breast_cancer.csv',
    title: 'Breast cancer diagnosis',
    description: 'Thirty measurements of cell nuclei in a breast mass: malignant or benign.',
    target: 'diagnosis',
    task: 'binary',
    featureCount: 30,
    rowCount: 569,
    classCount: 2,
  },
  {
    name: 'digits',
    file: 'digits.csv',
    title: 'Handwritten digits',
    description: 'Pixels of 8×8 images of handwritten digits, each 0 to 16.',
    target: 'digit',
    task: 'multiclass',
    featureCount: 64,
    rowCount: 1797,
    classCount: 10,
  },
  {
    name: 'diabetes',
    file: 'diabetes.csv',
    title: 'Diabetes progression',
    description: 'Age, sex, BMI, blood pressure and six blood serum measurements.',
    target: 'progression',
    task: 'regression',
    featureCount: 10,
    rowCount: 442,
    classCount: null,
  },
];

/** Returns the bundled data set called `name`, or undefined. */
export function findBuiltinDataset(name: string): BuiltinDataset | undefined {
  return BUILTIN_DATASETS.find((dataset) => dataset.name === name);
}
