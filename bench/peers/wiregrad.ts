/**
 * Wiregrad peer: measures one workload (spec as JSON in argv[2]) and prints the result line.
 * argv[3] picks the training loop: 'fused' for the engine's fused training step, which the
 * app's and the CLI's trainer use, or 'autograd' for the PyTorch-style loop of forward,
 * loss, backward() and step(). Both first install the engine's fast Node kernels.
 */
import { getBackendInfo, manualSeed, randn } from '../../engine';
import { printResult } from '../protocol';
import { readSpecArgument, type MatmulSpec, type TrainSpec } from '../spec';
import { timeMatmul, timeRuns } from './timing';
import { installFastKernels, setUpWiregrad, trainBatches, wiregradInfo } from './wiregrad-model';

type LoopMode = 'fused' | 'autograd';

function readMode(): LoopMode {
  const mode = process.argv[3];
  if (mode === 'fused' || mode === 'autograd') return mode;
  throw new Error(`invalid loop mode ${JSON.stringify(mode)}: expected 'fused' or 'autograd'`);
}

/** Times a training loop and returns its seconds per run and the last batch's loss. */
async function timeLoop(spec: TrainSpec, mode: LoopMode): Promise<{ seconds: number[]; finalLoss: number }> {
  const setup = setUpWiregrad(spec, mode === 'fused');
  trainBatches(setup, spec.warmupBatches);

  const batchesPerRun = spec.epochs * setup.loader.length;
  let finalLoss = Number.NaN;
  const run = (): void => {
    finalLoss = trainBatches(setup, batchesPerRun);
  };
  return { seconds: await timeRuns(run, spec.repeats, spec.maxSeconds), finalLoss };
}

async function measureTraining(spec: TrainSpec, mode: LoopMode): Promise<void> {
  const { seconds, finalLoss } = await timeLoop(spec, mode);
  printResult({
    kind: 'train',
    peer: wiregradInfo(),
    samplesPerSecond: seconds.map((s) => (spec.samples * spec.epochs) / s),
    finalLoss: Number.isFinite(finalLoss) ? finalLoss : null,
    backend: getBackendInfo(),
  });
}

async function measureMatmul(spec: MatmulSpec): Promise<void> {
  manualSeed(spec.seed);
  const sizes = [];
  for (const n of spec.sizes) {
    const a = randn([n, n]);
    const b = randn([n, n]);
    const { repeats, minRunSeconds, maxSeconds } = spec;
    const rates = await timeMatmul(() => a.matmul(b), n, repeats, minRunSeconds, maxSeconds);
    sizes.push({ n, gflopsPerSecond: rates });
  }

  printResult({ kind: 'matmul', peer: wiregradInfo(), sizes, backend: getBackendInfo() });
}

const spec = readSpecArgument();
const mode = readMode();
installFastKernels();
if (spec.kind === 'train') await measureTraining(spec, mode);
else await measureMatmul(spec);

// The engine's kernel thread pool would keep the process alive.
process.exit(0);
