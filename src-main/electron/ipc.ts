/**
 * IPC handlers of the main process: the backend's channels and the native file
 * dialogs. Each handler checks that the request comes from the app's own page and
 * validates the payload. It replies with a result or an error message, so no error
 * crosses IPC as an exception.
 */

import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import type { Backend } from '../backend/backend';
import { BACKEND_CHANNELS, hasRunId, type InvokeResult } from '../backend/protocol';
import { describeIssues, MAX_MODEL_TEXT_LENGTH } from '../backend/schemas';
import type { FileDialogs } from './file-dialogs';
import type { ElectronChannels } from './preload-api';
import { isAppUrl } from './window';

const fileKind = z.enum(['project', 'model', 'csv']);

/** Schemas of the Electron-only channels; a suggested name may not contain a path. */
export const electronSchemas = {
  'open-file': z.strictObject({ kind: fileKind }),
  'save-file': z.strictObject({
    kind: fileKind,
    suggestedName: z.string().min(1).max(200).regex(/^[^/\\:]+$/, 'must be a file name without a folder'),
    text: z.string().max(MAX_MODEL_TEXT_LENGTH),
  }),
};

export interface IpcDependencies {
  ipcMain: Pick<IpcMain, 'handle'>;
  backend: Backend;
  files: Pick<FileDialogs, 'open' | 'save'>;
  /** The window a request came from, for dialogs. */
  windowFor: (sender: WebContents) => BrowserWindow | null;
  /** Called when a renderer started a run, so its events go to that renderer. */
  onRunStarted: (sender: WebContents, runId: string) => void;
}

/** Registers every invoke channel on `ipcMain`. */
export function registerIpcHandlers(deps: IpcDependencies): void {
  for (const channel of BACKEND_CHANNELS) {
    deps.ipcMain.handle(channel, (event, payload: unknown) =>
      guarded(event, channel, async () => {
        const result = await deps.backend.invoke(channel, payload);
        if (channel === 'start-training' && result.ok && hasRunId(result.value)) deps.onRunStarted(event.sender, result.value.runId);
        return result;
      }),
    );
  }

  deps.ipcMain.handle('open-file', (event, payload: unknown) =>
    guarded(event, 'open-file', async (): Promise<InvokeResult<ElectronChannels['open-file']['response']>> => {
      const request = parse('open-file', payload);
      if ('error' in request) return { ok: false, error: request.error };
      return { ok: true, value: await deps.files.open(request.value.kind, deps.windowFor(event.sender)) };
    }),
  );

  deps.ipcMain.handle('save-file', (event, payload: unknown) =>
    guarded(event, 'save-file', async (): Promise<InvokeResult<ElectronChannels['save-file']['response']>> => {
      const request = parse('save-file', payload);
      if ('error' in request) return { ok: false, error: request.error };
      const { kind, suggestedName, text } = request.value;
      return { ok: true, value: { saved: await deps.files.save(kind, suggestedName, text, deps.windowFor(event.sender)) } };
    }),
  );
}

/** Returns true when the request comes from the app's own page (not a navigated or injected frame). */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const url = event.senderFrame?.url;
  return url !== undefined && isAppUrl(url);
}

async function guarded(
  event: IpcMainInvokeEvent,
  channel: string,
  run: () => Promise<InvokeResult<unknown>>,
): Promise<InvokeResult<unknown>> {
  if (!isTrustedSender(event)) {
    console.error(`wiregrad: rejected '${channel}' from ${event.senderFrame?.url ?? 'an unknown frame'}`);
    return { ok: false, error: `The '${channel}' request came from a page outside the app and was rejected.` };
  }

  try {
    return await run();
  } catch (error) {
    console.error(`wiregrad: '${channel}' failed:`, error);
    return { ok: false, error: (error as Error).message };
  }
}

function parse<C extends keyof typeof electronSchemas>(
  channel: C,
  payload: unknown,
): { value: z.infer<(typeof electronSchemas)[C]> } | { error: string } {
  const result = electronSchemas[channel].safeParse(payload);
  if (result.success) return { value: result.data as z.infer<(typeof electronSchemas)[C]> };
  return { error: `Invalid '${channel}' request: ${describeIssues(result.error)}` };
}
