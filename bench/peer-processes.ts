/**
 * Starts each measurement as its own child process, one at a time, so a peer's threads
 * never compete with another measurement or with the runner.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseResult, type PeerResult } from './protocol';
import type { WorkloadSpec } from './spec';

/**
 * 'wiregrad' trains with the engine's train(), as the app does; 'wiregradAutograd' runs
 * the PyTorch-style loop of forward, loss, backward() and step() through the nn API.
 */
export type PeerId = 'wiregrad' | 'wiregradAutograd' | 'pytorch' | 'tfjs';

/** Column order of the report. */
export const PEER_IDS: PeerId[] = ['wiregrad', 'wiregradAutograd', 'pytorch', 'tfjs'];

export const PEER_LABELS: Record<PeerId, string> = {
  wiregrad: 'Wiregrad',
  wiregradAutograd: 'Wiregrad autograd',
  pytorch: 'PyTorch',
  tfjs: 'TF.js wasm',
};

/** Debian's python3-torch installs torch for the system Python only. */
export const DEFAULT_TORCH_PYTHON = '/usr/bin/python3';

export type Availability = { installed: true } | { installed: false; reason: string };

export type PeerOutcome =
  | { status: 'ok'; result: PeerResult; seconds: number }
  | { status: 'failed'; message: string };

const STDERR_TAIL_CHARS = 600;

function peerScript(name: string): string {
  return fileURLToPath(new URL(`./peers/${name}`, import.meta.url));
}

/**
 * Returns whether a peer can run here, and why not when it cannot.
 * `python` is the interpreter for the PyTorch peer.
 */
export function checkAvailability(peer: PeerId, python: string): Availability {
  if (peer === 'wiregrad' || peer === 'wiregradAutograd') return { installed: true };

  if (peer === 'pytorch') {
    const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
    if (probe.error) {
      return { installed: false, reason: `${python} did not start: ${probe.error.message}` };
    }
    if (probe.status !== 0) {
      return { installed: false, reason: `${python} cannot import torch` };
    }
    return { installed: true };
  }

  const require = createRequire(import.meta.url);
  for (const name of ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm']) {
    try {
      require.resolve(name);
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
      return { installed: false, reason: `${name} is not installed (${code})` };
    }
  }
  return { installed: true };
}

function commandFor(
  peer: PeerId | 'wiregrad-event-loop',
  specJson: string,
  python: string,
): [string, string[]] {
  if (peer === 'pytorch') return [python, [peerScript('torch_peer.py'), specJson]];

  const scriptArgs: Record<typeof peer, [string, ...string[]]> = {
    wiregrad: ['wiregrad.ts', specJson, 'fused'],
    wiregradAutograd: ['wiregrad.ts', specJson, 'autograd'],
    tfjs: ['tfjs.ts', specJson],
    'wiregrad-event-loop': ['wiregrad-event-loop.ts', specJson],
  };
  const [script, ...rest] = scriptArgs[peer];
  return [process.execPath, ['--import', 'tsx', peerScript(script), ...rest]];
}

/** Keeps the last lines of a peer's stderr for the report, without long minified source lines. */
function summarizeStderr(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => (line.length > 200 ? `${line.slice(0, 200)}…` : line))
    .filter((line) => line.trim().length > 0);
  const tail = lines.slice(-6).join('\n');
  return tail.length > STDERR_TAIL_CHARS ? tail.slice(-STDERR_TAIL_CHARS) : tail;
}

/**
 * Runs one measurement in a child process and waits for it. `python` runs the PyTorch
 * peer. A peer that exits non-zero,
 * prints no valid result or outlives `timeoutSeconds` (then killed by its pid) gives a
 * 'failed' outcome with the reason, never an exception.
 */
export function runPeer(
  peer: PeerId | 'wiregrad-event-loop',
  spec: WorkloadSpec,
  options: { timeoutSeconds: number; python: string },
): Promise<PeerOutcome> {
  const { timeoutSeconds, python } = options;
  const [command, args] = commandFor(peer, JSON.stringify(spec), python);
  const started = performance.now();

  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSeconds * 1000);

    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ status: 'failed', message: `${command} did not start: ${error.message}` });
    });

    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      if (timedOut) {
        resolve({ status: 'failed', message: `timed out after ${timeoutSeconds} s` });
        return;
      }
      if (code !== 0) {
        const exit = signal === null ? `exit code ${code}` : `signal ${signal}`;
        resolve({ status: 'failed', message: `${exit}: ${summarizeStderr(stderr)}` });
        return;
      }
      try {
        resolve({ status: 'ok', result: parseResult(stdout), seconds });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        resolve({ status: 'failed', message: `${message}; stderr: ${summarizeStderr(stderr)}` });
      }
    });
  });
}
