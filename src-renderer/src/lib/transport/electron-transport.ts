/**
 * The Electron transport: the preload's `window.wiregrad` bridge for backend calls,
 * native dialogs for files and native menu commands.
 */

import type {
  BackendChannel,
  BackendChannels,
  TrainingEvent,
} from '../../../../src-main/backend/protocol';
import type { PreloadApi } from '../../../../src-main/electron/preload-api';
import {
  BackendError,
  type FileKind,
  type MenuCommand,
  type PickedFile,
  type Transport,
} from './transport';

/** Transport over the preload bridge. */
export class ElectronTransport implements Transport {
  readonly shell = 'electron';
  private readonly api: PreloadApi;

  constructor(api: PreloadApi) {
    this.api = api;
  }

  async invoke<C extends BackendChannel>(
    channel: C,
    request: BackendChannels[C]['request'],
  ): Promise<BackendChannels[C]['response']> {
    const result = await this.api.invoke(channel, request);
    if (!result.ok) throw new BackendError(result.error);
    return result.value;
  }

  onTrainingEvent(listener: (event: TrainingEvent) => void): () => void {
    return this.api.onTrainingEvent(listener);
  }

  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    return this.api.onMenuCommand(listener);
  }

  onFileOpened(listener: (file: PickedFile) => void): () => void {
    return this.api.onFileOpened(listener);
  }

  async openFile(kind: FileKind): Promise<PickedFile | null> {
    const result = await this.api.invoke('open-file', { kind });
    if (!result.ok) throw new BackendError(result.error);
    return result.value;
  }

  async saveFile(kind: FileKind, suggestedName: string, text: string): Promise<boolean> {
    const result = await this.api.invoke('save-file', { kind, suggestedName, text });
    if (!result.ok) throw new BackendError(result.error);
    return result.value.saved;
  }
}
