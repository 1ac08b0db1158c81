/**
 * `npm run web`: serves the built renderer and the backend on 127.0.0.1 and prints the
 * address to open, which carries the session token.
 *
 * Options: --port N (default 0, which picks a free port).
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBackend } from '../backend/backend';
import { startWebServer } from './server';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const rendererDir = `${repositoryRoot}out/renderer`;
const datasetsDir = `${repositoryRoot}datasets`;

/** Parses the command line; exits with a usage message on a bad option. */
function readOptions(): { port: number } {
  let values: { port?: string };
  try {
    ({ values } = parseArgs({ options: { port: { type: 'string' } }, strict: true }));
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: npm run web -- [--port N]   (N = 0 picks a free port)`);
    process.exit(2);
  }

  const port = Number(values.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`--port must be a whole number from 0 to 65535, got '${values.port}'.`);
    process.exit(2);
  }
  return { port };
}

async function main(): Promise<void> {
  const { port } = readOptions();
  if (!existsSync(`${rendererDir}/index.html`)) {
    console.error(`The renderer is not built: ${rendererDir}/index.html is missing. Run 'npm run web', which builds it first.`);
    process.exit(1);
  }

  const backend = createBackend({
    datasetsDir,
    workerEntry: new URL('../backend/training/worker-bootstrap.mjs', import.meta.url),
  });
  const server = await startWebServer({ backend, rendererDir, port });
  console.log(`Wiregrad is running at ${server.url}`);
  console.log('Open that address in a browser on this computer. Press Ctrl+C to stop.');

  const shutdown = (signal: string): void => {
    console.log(`Received ${signal}, stopping.`);
    Promise.all([server.close(), backend.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('wiregrad web: shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('wiregrad web: failed to start:', error);
  process.exit(1);
});
