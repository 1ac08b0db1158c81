/** The record of one benchmark run: rows of medians per workload and peer, as written to JSON. */
import type { MachineInfo } from './machine';
import { type Availability, type PeerId, type PeerOutcome } from './peer-processes';
import type { EventLoopResult, PeerInfo } from './protocol';
import type { WorkloadSpec } from './spec';

export type Cell =
  | { status: 'ok'; median: number; runs: number[] }
  | { status: 'not installed'; reason: string }
  | { status: 'failed'; message: string }
  | { status: 'not applicable' };

/** One peer's slot for a workload: its outcome, or the reason it has none. */
export type PeerSlot = PeerOutcome | Availability | { status: 'not applicable' };

export interface Row {
  /** Workload id, with the size for matmul rows: 'W2', 'M1 n=512'. */
  id: string;
  title: string;
  unit: 'samples/s' | 'GFLOP/s';
  cells: Record<PeerId, Cell>;
  /** The 'wiregrad' median divided by the peer's; above 1 means Wiregrad is faster. */
  ratios: { pytorch: number | null; tfjs: number | null };
  /** getBackendInfo() of the 'wiregrad' process after it measured this row. */
  wiregradBackend: { backend: string; threads: number } | null;
}

export interface BenchRecord {
  startedAt: string;
  durationSeconds: number;
  mode: 'full' | 'quick';
  only: string[] | null;
  command: string;
  machine: MachineInfo;
  /** Each peer's description of itself, from its first successful measurement. */
  peers: Record<PeerId, PeerInfo | null>;
  availability: Record<PeerId, Availability>;
  workloads: WorkloadSpec[];
  rows: Row[];
  eventLoop: EventLoopResult | { status: 'failed'; message: string } | null;
}

/** Returns the median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function okCell(runs: number[]): Cell {
  if (runs.length === 0) return { status: 'failed', message: 'no timed run' };
  return { status: 'ok', median: median(runs), runs };
}

function ratio(cells: Record<PeerId, Cell>, peer: PeerId): number | null {
  const ours = cells.wiregrad;
  const theirs = cells[peer];
  if (ours.status !== 'ok' || theirs.status !== 'ok' || theirs.median === 0) return null;
  return ours.median / theirs.median;
}

/** Extracts one row's timed runs from a successful result, or null when the result lacks them. */
type RunsPicker = (outcome: Extract<PeerOutcome, { status: 'ok' }>) => number[] | null;

/** Builds the cell of one peer for one row. */
function cellFor(outcome: PeerSlot, pick: RunsPicker): Cell {
  if ('installed' in outcome) {
    if (outcome.installed) return { status: 'failed', message: 'not run' };
    return { status: 'not installed', reason: outcome.reason };
  }
  if (outcome.status === 'failed') return { status: 'failed', message: outcome.message };
  if (outcome.status === 'not applicable') return outcome;

  const runs = pick(outcome);
  if (runs === null) {
    return { status: 'failed', message: `unexpected result kind ${outcome.result.kind}` };
  }
  return okCell(runs);
}

/**
 * Turns the outcomes of one workload into report rows: one row for a training workload,
 * one per size for matmul. A peer that was not installed appears as its Availability.
 */
export function buildRows(
  spec: WorkloadSpec,
  outcomes: Record<PeerId, PeerSlot>,
): Row[] {
  const wiregrad = outcomes.wiregrad;
  let backend: Row['wiregradBackend'] = null;
  const measured = !('installed' in wiregrad) && wiregrad.status === 'ok';
  if (measured && wiregrad.result.kind !== 'event-loop') backend = wiregrad.result.backend ?? null;

  const makeRow = (id: string, title: string, unit: Row['unit'], pick: RunsPicker): Row => {
    const cells: Record<PeerId, Cell> = {
      wiregrad: cellFor(outcomes.wiregrad, pick),
      wiregradAutograd: cellFor(outcomes.wiregradAutograd, pick),
      pytorch: cellFor(outcomes.pytorch, pick),
      tfjs: cellFor(outcomes.tfjs, pick),
    };
    const ratios = { pytorch: ratio(cells, 'pytorch'), tfjs: ratio(cells, 'tfjs') };
    return { id, title, unit, cells, ratios, wiregradBackend: backend };
  };

  if (spec.kind === 'train') {
    const pick: RunsPicker = ({ result }) => {
      return result.kind === 'train' ? result.samplesPerSecond : null;
    };
    return [makeRow(spec.id, spec.title, 'samples/s', pick)];
  }

  return spec.sizes.map((n) => {
    const pick: RunsPicker = ({ result }) => {
      if (result.kind !== 'matmul') return null;
      return result.sizes.find((size) => size.n === n)?.gflopsPerSecond ?? null;
    };
    return makeRow(`${spec.id} n=${n}`, `${spec.title} ${n}×${n}`, 'GFLOP/s', pick);
  });
}
