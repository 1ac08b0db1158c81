/**
 * The browser shell's transport: backend calls over one WebSocket to the server that
 * served the page, authenticated with the token from the page's URL.
 */

import type {
  BackendChannel,
  BackendChannels,
  TrainingEvent,
} from '../../../../src-main/backend/protocol';
import type { SocketInvoke, SocketMessage } from '../../../../src-main/web/socket-protocol';
import { downloadFile, uploadFile } from './browser-files';
import { BackendError, type FileKind, type PickedFile, type Transport } from './transport';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** Transport over a WebSocket; it connects at once and reports a closed connection. */
export class WebSocketTransport implements Transport {
  readonly shell = 'web';
  private readonly socket: WebSocket;
  private readonly opened: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private readonly trainingListeners = new Set<(event: TrainingEvent) => void>();
  private nextId = 1;
  private closedReason: string | null = null;

  /** `onClose` receives a message for the user when the connection drops. */
  constructor(location: Location, onClose: (message: string) => void) {
    const token = new URLSearchParams(location.search).get('token') ?? '';
    const url = `ws://${location.host}/ws?token=${encodeURIComponent(token)}`;
    this.socket = new WebSocket(url);

    this.opened = new Promise((resolve, reject) => {
      this.socket.addEventListener('open', () => resolve());
      this.socket.addEventListener('error', () => reject(new BackendError(this.describeClosed())));
    });
    // Calls await `opened` themselves; this handler only keeps an early failure from
    // being reported as an unhandled rejection.
    this.opened.catch(() => undefined);

    this.socket.addEventListener('message', (event: MessageEvent<string>) => this.receive(event.data));
    this.socket.addEventListener('close', () => {
      this.closedReason = this.describeClosed();
      for (const call of this.pending.values()) call.reject(new BackendError(this.closedReason));
      this.pending.clear();
      onClose(this.closedReason);
    });
  }

  async invoke<C extends BackendChannel>(
    channel: C,
    request: BackendChannels[C]['request'],
  ): Promise<BackendChannels[C]['response']> {
    await this.opened;
    if (this.closedReason !== null) throw new BackendError(this.closedReason);

    const id = this.nextId++;
    const message: SocketInvoke = { type: 'invoke', id, channel, payload: request };
    const reply = new Promise<unknown>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.socket.send(JSON.stringify(message));
    return (await reply) as BackendChannels[C]['response'];
  }

  onTrainingEvent(listener: (event: TrainingEvent) => void): () => void {
    this.trainingListeners.add(listener);
    return () => this.trainingListeners.delete(listener);
  }

  onMenuCommand(): () => void {
    return () => undefined;
  }

  onFileOpened(): () => void {
    return () => undefined;
  }

  openFile(kind: FileKind): Promise<PickedFile | null> {
    return uploadFile(kind);
  }

  async saveFile(_kind: FileKind, suggestedName: string, text: string): Promise<boolean> {
    downloadFile(suggestedName, text);
    return true;
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as SocketMessage;
    if (message.type === 'event') {
      for (const listener of this.trainingListeners) listener(message.payload);
      return;
    }

    const call = this.pending.get(message.id);
    if (call === undefined) {
      console.error('Wiregrad: reply for an unknown request', message);
      return;
    }
    this.pending.delete(message.id);
    if (message.result.ok) call.resolve(message.result.value);
    else call.reject(new BackendError(message.result.error));
  }

  private describeClosed(): string {
    return 'The connection to the Wiregrad server is closed. Restart `npm run web` and open the new address; ' +
      'your work is kept in this browser.';
  }
}
