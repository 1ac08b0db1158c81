/** Command-line options of `npm run bench`. */
import { parseArgs } from 'node:util';
import { DEFAULT_TORCH_PYTHON } from './peer-processes';

export interface BenchOptions {
  /** Shrunken workloads and one timed run each: a smoke run of about a minute. */
  quick: boolean;
  /** Workload ids to run, such as ['W2', 'M1']; null runs them all. */
  only: string[] | null;
  /** Python interpreter that has torch. */
  python: string;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [--quick] [--only W1,W2,...] [--python PATH]

Trains the same workloads in Wiregrad, PyTorch and TensorFlow.js (wasm) one after another,
each peer in its own process, and prints samples per second (GFLOP/s for M1).

  --quick        smaller workloads and one timed run each (about a minute); its numbers
                 only show that the harness works, and it leaves results/latest.* alone
  --only IDS     comma-separated workload ids: W1, W2, W3, W4, W5, M1
  --python PATH  Python interpreter with torch for the PyTorch peer
                 (default ${DEFAULT_TORCH_PYTHON}, where Debian's python3-torch installs it)
  --help         print this text`;

/**
 * Parses the runner's arguments (without node and the script path).
 * Throws a TypeError for unknown options or an --only without ids.
 */
export function parseBenchArgs(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      python: { type: 'string', default: DEFAULT_TORCH_PYTHON },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });

  let only: string[] | null = null;
  if (values.only !== undefined) {
    only = values.only
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id.length > 0);
    if (only.length === 0) {
      throw new TypeError('--only needs at least one workload id, such as --only W2,M1');
    }
  }
  return { quick: values.quick, only, python: values.python, help: values.help };
}
