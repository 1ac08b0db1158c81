/**
 * `npm run bench` measures every workload in Wiregrad, PyTorch and TF.js (wasm). It runs one
 * measurement at a time, each in its own process. Then it prints the table and writes
 * bench/results/.
 */
import { USAGE, parseBenchArgs, type BenchOptions } from './cli';
import { describeRun, formatRate, renderTextTable } from './format';
import { describeMachine } from './machine';
import {
  PEER_IDS,
  PEER_LABELS,
  checkAvailability,
  runPeer,
  type Availability,
  type PeerId,
  type PeerOutcome,
} from './peer-processes';
import type { PeerInfo } from './protocol';
import { buildRows, median, type BenchRecord, type PeerSlot, type Row } from './record';
import { writeResults } from './results';
import type { WorkloadSpec } from './spec';
import { quickVersion, selectWorkloads } from './workloads';

/** A measurement still running after this long is killed and reported as failed. */
const PEER_TIMEOUT_SECONDS = { full: 900, quick: 180 };

/** Parses the arguments and selects the workloads; on invalid arguments prints why and exits 2. */
function readOptions(): { options: BenchOptions; selected: WorkloadSpec[] } {
  try {
    const options = parseBenchArgs(process.argv.slice(2));
    return { options, selected: selectWorkloads(options.only) };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
}

function summarizeOutcome(outcome: PeerOutcome): string {
  if (outcome.status === 'failed') return `failed: ${outcome.message}`;

  const result = outcome.result;
  const took = `${outcome.seconds.toFixed(1)} s`;
  if (result.kind === 'train') {
    const runs = result.samplesPerSecond;
    return `${formatRate(median(runs))} samples/s (median of ${runs.length}, ${took})`;
  }
  if (result.kind === 'matmul') {
    const sizes = result.sizes.map((size) => {
      return `n=${size.n} ${formatRate(median(size.gflopsPerSecond))}`;
    });
    return `GFLOP/s ${sizes.join(', ')} (${took})`;
  }
  const delays = result.measurements.map((item) => `${item.p99Ms.toFixed(1)} ms (${item.mode})`);
  return `event-loop delay p99 ${delays.join(', ')} (${took})`;
}

async function measureWorkload(
  spec: WorkloadSpec,
  availability: Record<PeerId, Availability>,
  peers: Record<PeerId, PeerInfo | null>,
  runOptions: { timeoutSeconds: number; python: string },
): Promise<Row[]> {
  const outcomes: Record<PeerId, PeerSlot> = { ...availability };
  for (const peer of PEER_IDS) {
    if (!availability[peer].installed) continue;
    // The autograd loop is a training loop; matmul has nothing to compare it on.
    if (peer === 'wiregradAutograd' && spec.kind === 'matmul') {
      outcomes[peer] = { status: 'not applicable' };
      continue;
    }

    const outcome = await runPeer(peer, spec, runOptions);
    console.log(`[${spec.id}] ${PEER_LABELS[peer]}: ${summarizeOutcome(outcome)}`);
    outcomes[peer] = outcome;
    if (outcome.status === 'ok' && peers[peer] === null) peers[peer] = outcome.result.peer;
  }
  return buildRows(spec, outcomes);
}

function describeCommand(args: string[]): string {
  return args.length === 0 ? 'npm run bench' : `npm run bench -- ${args.join(' ')}`;
}

async function main(): Promise<void> {
  const { options, selected } = readOptions();
  if (options.help) {
    console.log(USAGE);
    return;
  }

  const started = new Date();
  const mode = options.quick ? 'quick' : 'full';
  const specs = options.quick ? selected.map(quickVersion) : selected;
  const machine = describeMachine();
  const availability: Record<PeerId, Availability> = {
    wiregrad: checkAvailability('wiregrad', options.python),
    wiregradAutograd: checkAvailability('wiregradAutograd', options.python),
    pytorch: checkAvailability('pytorch', options.python),
    tfjs: checkAvailability('tfjs', options.python),
  };
  const runOptions = { timeoutSeconds: PEER_TIMEOUT_SECONDS[mode], python: options.python };
  const { cpuModel, cpus, node } = machine;
  console.log(`Wiregrad benchmark (${mode}) on ${cpuModel}, ${cpus} CPUs, Node ${node}`);

  const peers: Record<PeerId, PeerInfo | null> = {
    wiregrad: null,
    wiregradAutograd: null,
    pytorch: null,
    tfjs: null,
  };
  const rows: Row[] = [];
  let eventLoop: BenchRecord['eventLoop'] = null;
  for (const spec of specs) {
    rows.push(...(await measureWorkload(spec, availability, peers, runOptions)));
    if (spec.id !== 'W4') continue;

    const outcome = await runPeer('wiregrad-event-loop', spec, runOptions);
    console.log(`[W4] Wiregrad event loop: ${summarizeOutcome(outcome)}`);
    if (outcome.status === 'failed') eventLoop = { status: 'failed', message: outcome.message };
    else if (outcome.result.kind === 'event-loop') eventLoop = outcome.result;
  }

  const record: BenchRecord = {
    startedAt: started.toISOString(),
    durationSeconds: (Date.now() - started.getTime()) / 1000,
    mode,
    only: options.only,
    command: describeCommand(process.argv.slice(2)),
    machine,
    peers,
    availability,
    workloads: specs,
    rows,
    eventLoop,
  };

  console.log(`\n${renderTextTable(rows)}\n`);
  for (const line of describeRun(record)) console.log(line);
  console.log(`\nWrote ${writeResults(record).join(', ')}`);

  const failed = rows.some((row) => PEER_IDS.some((peer) => row.cells[peer].status === 'failed'));
  if (failed || (eventLoop !== null && 'status' in eventLoop)) process.exitCode = 1;
}

await main();
