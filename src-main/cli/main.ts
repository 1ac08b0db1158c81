/**
 * Entry point of the `wiregrad` command line: parses the arguments, runs the command
 * and sets the exit code (0 success, 1 invalid input, 130 interrupted, 141 output closed).
 */

import { readFileSync } from 'node:fs';

import { COMMAND_HELP, MAIN_HELP, parseArgs } from './args';
import { userMessage } from './errors';
import { runPredict } from './predict-command';
import { runExport } from './export-command';
import { printableLines } from './terminal-text';
import { EXIT_INTERRUPTED, runTrain, type CommandIo } from './train-command';

/** Exit code when the reader of the output has gone, as shells report a process ended by SIGPIPE. */
const EXIT_BROKEN_PIPE = 141;

const processIo: CommandIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  onInterrupt(handler) {
    let count = 0;
    const listener = () => {
      count += 1;
      if (count > 1) {
        process.stderr.write('Stopped without writing a model.\n');
        process.exit(EXIT_INTERRUPTED);
      }
      handler();
    };
    process.on('SIGINT', listener);
    return () => {
      process.off('SIGINT', listener);
    };
  },
};

/** Returns the version in the package.json two folders above this file. */
function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const json: unknown = JSON.parse(text);
  const version = typeof json === 'object' && json !== null && 'version' in json ? json.version : undefined;
  if (typeof version !== 'string') throw new Error('package.json has no "version" string.');
  return version;
}

/**
 * Ends the process quietly when the reader of `stream` has gone, as `| head -1` does
 * after one line. Another write error is rethrown, which reports it with its stack.
 */
function exitOnBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(EXIT_BROKEN_PIPE);
  });
}

/** Runs the command line `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: string[], io: CommandIo = processIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.version) {
      io.stdout.write(`wiregrad ${packageVersion()}\n`);
      return 0;
    }
    if (args.command === null && args.help) {
      io.stdout.write(MAIN_HELP);
      return 0;
    }
    if (args.command === null) {
      // A bare `wiregrad` is a usage error, as in most command-line tools.
      io.stderr.write(MAIN_HELP);
      return 1;
    }
    if (args.help) {
      io.stdout.write(COMMAND_HELP[args.command]);
      return 0;
    }
    if (args.command === 'train') return await runTrain(args, io);
    if (args.command === 'export') return await runExport(args, io);
    return await runPredict(args, io);
  } catch (error) {
    const message = userMessage(error);
    if (message !== null) {
      io.stderr.write(`Error: ${printableLines(message)}\n`);
      return 1;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(
      `Internal error in wiregrad; please report it with the command you ran.\n${printableLines(detail)}\n`,
    );
    return 1;
  }
}

exitOnBrokenPipe(process.stdout);
exitOnBrokenPipe(process.stderr);
process.exitCode = await main(process.argv.slice(2));
