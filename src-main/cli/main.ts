/**
 * Entry point of the `wiregrad` command line: parses the arguments, runs the command
 * and sets the exit code (0 success, 1 invalid input, 130 interrupted).
 */

import { COMMAND_HELP, MAIN_HELP, parseArgs } from './args';
import { userMessage } from './errors';
import { runPredict } from './predict-command';
import { EXIT_INTERRUPTED, runTrain, type CommandIo } from './train-command';

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

/** Runs the command line `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: string[], io: CommandIo = processIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === null) {
      io.stdout.write(MAIN_HELP);
      return 0;
    }
    if (args.help) {
      io.stdout.write(COMMAND_HELP[args.command]);
      return 0;
    }
    return args.command === 'train' ? await runTrain(args, io) : await runPredict(args, io);
  } catch (error) {
    const message = userMessage(error);
    if (message !== null) {
      io.stderr.write(`Error: ${message}\n`);
      return 1;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`Internal error in wiregrad; please report it with the command you ran.\n${detail}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
