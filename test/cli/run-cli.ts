/** Runs `node bin/wiregrad.js` as a user would, for the CLI tests. */

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const launcher = fileURLToPath(new URL('../../bin/wiregrad.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

export interface RunningCli {
  child: ChildProcess;
  /** Resolves when the process exits. */
  done: Promise<CliResult>;
  /** Resolves once stdout matches `pattern`. */
  waitForStdout(pattern: RegExp): Promise<void>;
}

/** Starts the CLI with `args` in `cwd`. */
export function startCli(args: string[], cwd: string): RunningCli {
  const started = performance.now();
  const child = spawn(process.execPath, [launcher, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];

  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const waiter of waiters.filter((candidate) => candidate.pattern.test(stdout))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });

  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr, seconds: (performance.now() - started) / 1000 });
    });
  });

  const waitForStdout = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      if (pattern.test(stdout)) {
        resolve();
        return;
      }
      waiters.push({ pattern, resolve });
      void done.then(() => reject(new Error(`The CLI exited before printing ${pattern}:\n${stdout}\n${stderr}`)));
    });

  return { child, done, waitForStdout };
}

/** Runs the CLI to completion. */
export function runCli(args: string[], cwd: string): Promise<CliResult> {
  return startCli(args, cwd).done;
}
