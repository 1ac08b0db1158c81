/**
 * Worker thread of the event-loop measurement: installs the fast kernels, warms up, replies
 * 'ready', then trains one run with the engine's train() on 'start' and replies 'done'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { trainSpecSchema } from '../spec';
import { installFastKernels } from './wiregrad-model';
import { setUpTrainer, trainerRun, trainerWarmUp } from './wiregrad-trainer';

/** Message from this worker to the measuring thread. */
export type WorkerReply = { kind: 'ready' } | { kind: 'done'; seconds: number };

const port = parentPort;
if (port === null) throw new Error('event-loop-worker.ts must run in a worker thread');

const spec = trainSpecSchema.parse(workerData);
installFastKernels();
const setup = setUpTrainer(spec);
await trainerWarmUp(setup, spec.warmupBatches);

port.once('message', () => {
  const start = performance.now();
  void trainerRun(setup).then(() => {
    const reply: WorkerReply = { kind: 'done', seconds: (performance.now() - start) / 1000 };
    port.postMessage(reply);
  });
});
const ready: WorkerReply = { kind: 'ready' };
port.postMessage(ready);
