export { Module } from './module';
export { Linear } from './linear';
export { ReLU, LeakyReLU, Sigmoid, Tanh, Softmax } from './activation';
export { Dropout } from './dropout';
export { Sequential, type Layer } from './sequential';
export { MSELoss, CrossEntropyLoss, BCELoss, BCEWithLogitsLoss } from './loss';
export * as init from './init';
export * as functional from './functional';
