import type { Tensor } from '../../engine';
import type { OpArgs } from './fixtures';

export type OpInputs = Record<string, Tensor>;
export type OpFunction = (x: OpInputs, args: OpArgs) => Tensor;

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new RangeError(`op case is missing argument ${name}`);
  return value;
}

function other(x: OpInputs, args: OpArgs): Tensor | number {
  return 'b' in x ? x.b : required(args.scalar, 'scalar');
}

function reduce(t: Tensor, method: 'sum' | 'mean', args: OpArgs): Tensor {
  if (args.dim === undefined) return t[method]();
  return t[method](args.dim, args.keepdim ?? false);
}

/** Engine spelling of each op in test/parity/cases_ops.py, keyed by the same names. */
export const OPS: Record<string, OpFunction> = {
  add: (x, args) => x.a.add(other(x, args)),
  sub: (x, args) => x.a.sub(other(x, args)),
  mul: (x, args) => x.a.mul(other(x, args)),
  div: (x, args) => x.a.div(other(x, args)),
  matmul: (x) => x.a.matmul(x.b),
  matmulT: (x) => x.a.matmul(x.b.t()),
  neg: (x) => x.a.neg(),
  exp: (x) => x.a.exp(),
  log: (x) => x.a.log(),
  pow: (x, args) => x.a.pow(required(args.exponent, 'exponent')),
  sum: (x, args) => reduce(x.a, 'sum', args),
  mean: (x, args) => reduce(x.a, 'mean', args),
  argmax: (x, args) => x.a.argmax(required(args.dim, 'dim')),
  reshape: (x, args) => x.a.reshape(required(args.shape, 'shape')),
  t: (x) => x.a.t(),
  sigmoid: (x) => x.a.sigmoid(),
  relu: (x) => x.a.relu(),
  tanh: (x) => x.a.tanh(),
  leakyRelu: (x, args) => x.a.leakyRelu(required(args.slope, 'slope')),
  softmax: (x, args) => x.a.softmax(required(args.dim, 'dim')),
  logSoftmax: (x, args) => x.a.logSoftmax(required(args.dim, 'dim')),
  mulSelf: (x) => x.a.mul(x.a),
  reluTwice: (x) => x.a.relu().sub(0.5).relu(),
  usedTwice: (x) => x.a.mul(x.b).add(x.a.exp()),
  detach: (x) => x.a.detach().mul(x.b).add(x.a),
  chain: (x) => x.a.matmul(x.b).add(x.c).tanh().mul(2).sum(1),
};
