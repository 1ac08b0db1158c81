/**
 * `npm start`: builds and launches the Electron app. Where Electron cannot run (its
 * binary is not installed, or there is no display), it prints the reason in one line
 * and starts the browser shell instead, which prints the address to open.
 */

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Returns why Electron cannot start here, or null when it can. */
export function electronUnavailableReason(env: NodeJS.ProcessEnv = process.env): string | null {
  let binary: unknown;
  try {
    binary = createRequire(import.meta.url)('electron');
  } catch (error) {
    return `the Electron binary is not installed (${(error as Error).message})`;
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return `the Electron binary ${String(binary)} is missing`;

  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return 'there is no display (DISPLAY and WAYLAND_DISPLAY are not set)';
  }
  return null;
}

/** Runs a build step with inherited output and exits when it fails. */
function runBuild(command: string, args: string[]): void {
  const result = spawnSync(join(root, 'node_modules/.bin', command), args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}.`);
    process.exit(result.status ?? 1);
  }
}

async function main(): Promise<void> {
  const reason = electronUnavailableReason();
  if (reason === null) {
    runBuild('electron-vite', ['build']);
    const binary = createRequire(import.meta.url)('electron') as string;
    const child = spawn(binary, [join(root, 'out/main/index.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }

  console.log(`Electron is not available because ${reason}; starting the browser shell instead.`);
  runBuild('vite', ['build', '--logLevel', 'warn', '-c', 'src-renderer/vite.config.ts']);
  await import('../web/main');
}

void main();
