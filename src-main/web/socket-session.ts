/**
 * One renderer's WebSocket: it validates each incoming message, passes invokes to the
 * backend, and forwards the training events of the runs this socket started.
 */

import { z } from 'zod';
import type { WebSocket } from 'ws';
import type { Backend } from '../backend/backend';
import { hasRunId, type InvokeResult, type TrainingEvent } from '../backend/protocol';
import { describeIssues } from '../backend/schemas';
import type { SocketMessage } from './socket-protocol';

/** Largest WebSocket message accepted: a 64 Mi-character model file, JSON-escaped, fits. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

const invokeSchema = z.strictObject({
  type: z.literal('invoke'),
  id: z.int().min(0),
  channel: z.string().max(100),
  payload: z.unknown(),
});

/** Serves one connected renderer until its socket closes. */
export function attachSocket(socket: WebSocket, backend: Backend): void {
  const ownRuns = new Set<string>();

  const send = (message: SocketMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  const unsubscribe = backend.onTrainingEvent((event: TrainingEvent) => {
    if (ownRuns.has(event.runId)) send({ type: 'event', channel: 'training-event', payload: event });
  });

  socket.on('message', (data, isBinary) => {
    const message = parseInvoke(isBinary ? null : data.toString());
    if ('error' in message) {
      console.error(`wiregrad web: rejected a WebSocket message: ${message.error}`);
      send({ type: 'result', id: message.id, result: { ok: false, error: message.error } });
      return;
    }

    void backend.invoke(message.channel, message.payload).then((result: InvokeResult<unknown>) => {
      if (message.channel === 'start-training' && result.ok && hasRunId(result.value)) {
        ownRuns.add(result.value.runId);
      }
      send({ type: 'result', id: message.id, result });
    });
  });

  socket.on('close', unsubscribe);
}

type ParsedInvoke =
  | { id: number; channel: string; payload: unknown }
  | { id: number; error: string };

function parseInvoke(text: string | null): ParsedInvoke {
  if (text === null) return { id: -1, error: 'Binary WebSocket messages are not accepted.' };

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { id: -1, error: `WebSocket message is not valid JSON: ${(error as Error).message}` };
  }

  const result = invokeSchema.safeParse(json);
  if (!result.success) {
    const id = z.object({ id: z.int() }).safeParse(json).data?.id ?? -1;
    return { id, error: `Invalid WebSocket message: ${describeIssues(result.error)}` };
  }
  return result.data;
}
