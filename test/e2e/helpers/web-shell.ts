/**
 * Starts the browser shell for end-to-end tests: builds the renderer when its sources
 * are newer than the build, then runs `src-main/web/main.ts --port 0` and reads the
 * address it prints.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const RENDERER_INDEX = join(ROOT, 'out/renderer/index.html');
const BUILD_LOCK = join(ROOT, 'out/.renderer-build-lock');
/** A lock older than this is left over from a killed run and is removed. */
const STALE_LOCK_MS = 120_000;

export interface WebShell {
  url: string;
  process: ChildProcess;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Builds the renderer unless out/renderer is newer than every source it depends on. */
export async function ensureRendererBuilt(): Promise<void> {
  await acquireLock();
  try {
    const sources = ['src-renderer', 'engine', 'src-main/backend', 'src-main/electron/preload-api.ts', 'src-main/web/socket-protocol.ts'];
    const newestSource = Math.max(...sources.map((path) => newestMtime(join(ROOT, path))));
    if (builtMtime() > newestSource) return;

    await build({ configFile: join(ROOT, 'src-renderer/vite.config.ts'), logLevel: 'warn' });
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

/** Starts the web shell on a free port and resolves once it printed its address. */
export async function startWebShell(): Promise<WebShell> {
  await ensureRendererBuilt();

  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src-main/web/main.ts', '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The web shell printed no address in 20 s:\n${output}`)), 20_000);
    const check = () => {
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(output);
      if (match === null) return;
      clearTimeout(timer);
      resolve(match[1]);
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`The web shell exited with code ${code}:\n${output}`)));
  });

  return {
    url,
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function builtMtime(): number {
  try {
    return statSync(RENDERER_INDEX).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

function newestMtime(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stats.mtimeMs);
}

/** Waits for the build lock, a directory, so two test files never build at once. */
async function acquireLock(): Promise<void> {
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() - statSync(BUILD_LOCK).mtimeMs > STALE_LOCK_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
