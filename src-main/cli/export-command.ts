/**
 * `wiregrad export`: writes a trained model as a PyTorch script that rebuilds the same
 * nn.Sequential, loads the weights from the model file and trains or predicts with them.
 */

import { basename } from 'node:path';
import { pytorchScript } from '../../engine/export/pytorch-script';
import type { ParsedArgs } from './args';
import { UserError } from './errors';
import { readModelFile } from './input-files';
import { checkOutputPath, writeAtomically } from './output-file';
import { plural, printable } from './terminal-text';
import type { CommandIo } from './train-command';

/** Runs `wiregrad export <model.json> [--out script.py]` and returns the exit code. */
export async function runExport(args: ParsedArgs, io: CommandIo): Promise<number> {
  if (args.positionals.length !== 1) {
    const count = plural(args.positionals.length, 'argument');
    throw new UserError(`'wiregrad export' takes one model file, got ${count}. Run 'wiregrad export --help'.`);
  }
  const [modelPath] = args.positionals;
  const model = await readModelFile(modelPath);
  const fileName = basename(modelPath).replace(/(\.model)?\.json$/i, '') || 'model';
  const outPath = args.options.get('out') ?? `${fileName}.py`;
  await checkOutputPath(outPath, `${fileName}.py`, 'script');

  writeAtomically(outPath, pytorchScript(model, basename(modelPath)), 'script');
  io.stdout.write(
    `Wrote ${printable(outPath)}. Run it with: python3 ${printable(outPath)} ${printable(modelPath)} data.csv\n`,
  );
  return 0;
}
