/**
 * Command-line parsing for `wiregrad`: the command, its positional arguments and its
 * options, with help texts and errors that name the bad argument.
 */

import { UserError } from './errors';

export type CommandName = 'train' | 'predict' | 'export';

export interface ParsedArgs {
  command: CommandName | null;
  positionals: string[];
  /** Option values by name without dashes; flags without a value map to 'true'. */
  options: Map<string, string>;
  help: boolean;
  /** Set by `wiregrad --version`, which prints the package version. */
  version: boolean;
}

interface OptionSpec {
  name: string;
  /** Placeholder of the value in help text; absent for flags. */
  value?: string;
  help: string;
}

const TRAIN_OPTIONS: OptionSpec[] = [
  {
    name: 'data',
    value: 'FILE.csv',
    help: 'Train on this CSV file instead of the data set the project names.',
  },
  {
    name: 'epochs',
    value: 'N',
    help: 'Number of passes over the training rows (overrides training.epochs).',
  },
  {
    name: 'backend',
    value: 'auto|cpu|gpu',
    help: 'Where to train (overrides training.backend; auto uses a GPU for large models).',
  },
  {
    name: 'out',
    value: 'FILE.json',
    help: 'Path of the model file to write (default: NAME.model.json in the current folder).',
  },
];

const PREDICT_OPTIONS: OptionSpec[] = [];

const EXPORT_OPTIONS: OptionSpec[] = [
  {
    name: 'out',
    value: 'FILE.py',
    help: 'Path of the script to write (default: NAME.py in the current folder).',
  },
];

const OPTIONS: Record<CommandName, OptionSpec[]> = {
  train: TRAIN_OPTIONS,
  predict: PREDICT_OPTIONS,
  export: EXPORT_OPTIONS,
};

export const MAIN_HELP = `Usage: wiregrad <command> [options]

Wire a neural network, train it on real data and export it.

Commands:
  train <project or model file>   Train a model and write it as a model file.
  predict <model file> <data.csv> Print a prediction for each row of a CSV file.
  export <model file>             Write a PyTorch script that rebuilds the trained model.

Options:
  --help    Show this help.
  --version Print the version of wiregrad.

Run 'wiregrad <command> --help' for a command's options.
Exit codes: 0 success, 1 invalid input, 130 interrupted with Ctrl-C,
141 output closed early (as by '| head').
`;

function formatOptions(specs: OptionSpec[]): string {
  const rows = [...specs, { name: 'help', help: 'Show this help.' }].map((spec) => {
    const left = spec.value === undefined ? `--${spec.name}` : `--${spec.name} ${spec.value}`;
    return `  ${left.padEnd(20)} ${spec.help}`;
  });
  return rows.join('\n');
}

export const COMMAND_HELP: Record<CommandName, string> = {
  train: `Usage: wiregrad train <project.wiregrad.json | model.json> [options]

Trains the project's graph on its data set and writes the model with the lowest
validation loss. A model file as input continues training from its weights; it
needs --data, because a model file does not name its data set.
Ctrl-C stops after the current batch and writes the best model so far.

Options:
${formatOptions(TRAIN_OPTIONS)}
`,
  predict: `Usage: wiregrad predict <model.json> <data.csv>

Prints one CSV line per data row: the predicted class with its probability, or the
predicted value. Feature columns are taken by name, so the file may have other
columns and a different column order.

Options:
${formatOptions(PREDICT_OPTIONS)}
`,
  export: `Usage: wiregrad export <model.json> [options]

Writes a Python script for PyTorch that builds the same nn.Sequential, loads the
trained weights from the model file, and holds the training loop with the same loss,
optimizer and settings. Run it as 'python3 NAME.py model.json data.csv' to print a
prediction per CSV row.

Options:
${formatOptions(EXPORT_OPTIONS)}
`,
};

/** Returns the option of `specs` closest to `name` by edit distance, if any is close. */
function closestOption(name: string, specs: OptionSpec[]): string | null {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i += 1) {
      let diagonal = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j += 1) {
        const above = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length];
  };
  const ranked = specs
    .map((spec) => ({ spec, score: distance(name, spec.name) }))
    .sort((a, b) => a.score - b.score);
  return ranked.length > 0 && ranked[0].score <= 2 ? ranked[0].spec.name : null;
}

/**
 * Parses `argv` (without `node` and the script): the command first, then positional
 * arguments and `--name value` or `--name=value` options. Without a command, `help` or
 * `version` tells what was asked for, and neither is set for an empty command line.
 *
 * @throws UserError for an unknown command, an unknown option or an option without its value.
 */
export function parseArgs(argv: string[]): ParsedArgs {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    return { command: null, positionals: [], options: new Map(), help: first !== undefined, version: false };
  }
  if (first === '--version') {
    return { command: null, positionals: [], options: new Map(), help: false, version: true };
  }
  if (first !== 'train' && first !== 'predict' && first !== 'export') {
    throw new UserError(
      `Unknown command '${first}'. Use 'train', 'predict' or 'export'; run 'wiregrad --help' for usage.`,
    );
  }

  const command: CommandName = first;
  const specs = OPTIONS[command];
  const positionals: string[] = [];
  const options = new Map<string, string>();
  let help = false;

  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (arg === '--') {
      positionals.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }

    const [rawName, inlineValue] = arg.replace(/^--?/, '').split(/=(.*)/s, 2);
    const spec = specs.find((candidate) => candidate.name === rawName);
    if (spec === undefined) {
      const suggestion = closestOption(rawName, specs);
      const hint = suggestion === null ? '' : ` Did you mean --${suggestion}?`;
      throw new UserError(
        `Unknown option '${arg}' for 'wiregrad ${command}'.${hint} ` +
          `Run 'wiregrad ${command} --help' for the options.`,
      );
    }
    let value = inlineValue;
    if (value === undefined && spec.value !== undefined) {
      value = rest[i + 1];
      i += 1;
      if (value === undefined || value.startsWith('--')) {
        throw new UserError(`Option --${spec.name} needs a value: --${spec.name} ${spec.value}.`);
      }
    }
    options.set(spec.name, value ?? 'true');
  }
  return { command, positionals, options, help, version: false };
}

/** Parses a whole number option, such as --epochs, within [min, max]. */
export function integerOption(
  options: Map<string, string>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const text = options.get(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || value < min || value > max) {
    throw new UserError(`Option --${name} must be a whole number from ${min} to ${max}, got '${text}'.`);
  }
  return value;
}
