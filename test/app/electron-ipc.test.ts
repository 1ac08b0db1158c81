/** IPC handlers of the main process: sender checks, payload validation, replies. */

import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { Backend } from '../../src-main/backend/backend';
import type { InvokeResult } from '../../src-main/backend/protocol';
import { BACKEND_CHANNELS } from '../../src-main/backend/protocol';
import type { FileDialogs } from '../../src-main/electron/file-dialogs';

vi.mock('electron', () => import('./helpers/electron-fake'));

const { ipcMain, FakeWebContents } = await import('./helpers/electron-fake');
const { registerIpcHandlers } = await import('../../src-main/electron/ipc');

const APP_FRAME = { senderFrame: { url: 'wiregrad://app/index.html' }, sender: new FakeWebContents() };

function makeDependencies() {
  const invoke = vi.fn(async (channel: string): Promise<InvokeResult<unknown>> =>
    channel === 'start-training' ? { ok: true, value: { runId: 'run-9' } } : { ok: true, value: 'done' },
  );
  const backend: Backend = { invoke, onTrainingEvent: () => () => undefined, close: async () => undefined };
  const open = vi.fn(async () => ({ name: 'iris.csv', text: 'a\n1\n' }));
  const save = vi.fn(async () => true);
  const files: Pick<FileDialogs, 'open' | 'save'> = { open, save };
  const onRunStarted = vi.fn();
  registerIpcHandlers({ ipcMain, backend, files, windowFor: () => null, onRunStarted });
  return { invoke, open, save, onRunStarted };
}

async function call(channel: string, payload: unknown, event: unknown = APP_FRAME): Promise<unknown> {
  const handler = ipcMain.handlers.get(channel);
  if (handler === undefined) throw new Error(`no handler for ${channel}`);
  return handler(event, payload);
}

describe('ipc handlers', () => {
  beforeEach(() => ipcMain.handlers.clear());

  test('every channel is registered', () => {
    makeDependencies();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...BACKEND_CHANNELS, 'open-file', 'save-file'].sort());
  });

  test('requests from other pages are rejected before use', async () => {
    const { invoke, open } = makeDependencies();
    for (const frame of [{ url: 'https://evil.example/' }, { url: 'file:///tmp/x.html' }, null]) {
      const reply = await call('list-datasets', {}, { senderFrame: frame, sender: new FakeWebContents() });
      expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('outside the app') });
      expect(await call('open-file', { kind: 'csv' }, { senderFrame: frame, sender: new FakeWebContents() })).toMatchObject({ ok: false });
    }
    expect(invoke).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });

  test('backend channels pass the payload to the backend', async () => {
    const { invoke, onRunStarted } = makeDependencies();
    expect(await call('preview-dataset', { name: 'iris' })).toEqual({ ok: true, value: 'done' });
    expect(invoke).toHaveBeenCalledWith('preview-dataset', { name: 'iris' });

    await call('start-training', { project: {} });
    expect(onRunStarted).toHaveBeenCalledWith(APP_FRAME.sender, 'run-9');
  });

  test('dialog requests are validated', async () => {
    const { open, save } = makeDependencies();
    expect(await call('open-file', { kind: 'exe' })).toMatchObject({ ok: false, error: expect.stringMatching(/^Invalid 'open-file' request: kind/) });
    expect(await call('open-file', { kind: 'csv', path: '/etc/passwd' })).toMatchObject({ ok: false, error: expect.stringContaining('Unrecognized key') });
    for (const suggestedName of ['../model.json', '/tmp/model.json', 'C:\\model.json', '']) {
      const reply = await call('save-file', { kind: 'model', suggestedName, text: '{}' });
      expect(reply, suggestedName).toMatchObject({ ok: false, error: expect.stringContaining('suggestedName') });
    }
    expect(open).not.toHaveBeenCalled();
    expect(save).not.toHaveBeenCalled();
  });

  test('valid dialog requests reach the dialogs', async () => {
    const { open, save } = makeDependencies();
    expect(await call('open-file', { kind: 'csv' })).toEqual({ ok: true, value: { name: 'iris.csv', text: 'a\n1\n' } });
    expect(open).toHaveBeenCalledWith('csv', null);
    expect(await call('save-file', { kind: 'model', suggestedName: 'iris.model.json', text: '{}' })).toEqual({
      ok: true,
      value: { saved: true },
    });
    expect(save).toHaveBeenCalledWith('model', 'iris.model.json', '{}', null);
  });

  test('a failing dialog replies with an error instead of throwing', async () => {
    const { open } = makeDependencies();
    open.mockRejectedValueOnce(new Error('iris.csv is 40.0 MB; Wiregrad reads csv files up to 32 MB.'));
    expect(await call('open-file', { kind: 'csv' })).toEqual({
      ok: false,
      error: 'iris.csv is 40.0 MB; Wiregrad reads csv files up to 32 MB.',
    });
  });
});
