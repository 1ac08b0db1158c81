/** Downloads the PyTorch script of the finished run with the model file that it loads. */

import type { AppContext } from '../context';

export async function exportPytorchScript(app: AppContext): Promise<void> {
  const { training, transport, notices } = app;
  if (training.status !== 'done' || training.runId === null) {
    notices.error('There is no trained model yet. Train the network, then export it.');
    return;
  }

  try {
    const script = await transport.invoke('export-pytorch', { runId: training.runId });
    // NOTE: the script is saved as the 'model' file kind, so Electron's save dialog offers
    // the model file's filter. The browser shell downloads it under its own name.
    if (!(await transport.saveFile('model', script.fileName, script.text))) return;
    if (!(await transport.saveFile('model', script.modelFileName, script.modelText))) return;
    notices.info(`Exported ${script.fileName} and the model file it loads, ${script.modelFileName}.`);
  } catch (error) {
    notices.error((error as Error).message);
  }
}
