/**
 * The browser shell's WebSocket messages. Each invoke carries an id that its reply
 * repeats; events have no id.
 */

import type { InvokeResult, TrainingEvent } from '../backend/protocol';

/** Renderer to server: call one backend channel. */
export interface SocketInvoke {
  type: 'invoke';
  id: number;
  channel: string;
  payload: unknown;
}

/** Server to renderer: the result of the invoke with the same id, or a pushed event. */
export type SocketMessage =
  | { type: 'result'; id: number; result: InvokeResult<unknown> }
  | { type: 'event'; channel: 'training-event'; payload: TrainingEvent };
