/**
 * The browser shell's server: it listens on 127.0.0.1 only, and every page, file and
 * WebSocket request needs the right Host, Origin and token.
 */

import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import type { Backend } from '../../src-main/backend/backend';
import type { InvokeResult, TrainingEvent } from '../../src-main/backend/protocol';
import { startWebServer, type WebServer } from '../../src-main/web/server';

/** A backend that records calls and lets the test push training events. */
class RecordingBackend implements Backend {
  calls: { channel: string; payload: unknown }[] = [];
  private listeners = new Set<(event: TrainingEvent) => void>();

  async invoke(channel: string, payload: unknown): Promise<InvokeResult<unknown>> {
    this.calls.push({ channel, payload });
    if (channel === 'start-training') return { ok: true, value: { runId: 'run-1' } };
    return { ok: true, value: { echoed: channel } };
  }

  onTrainingEvent(listener: (event: TrainingEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: TrainingEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  async close(): Promise<void> {}
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends a GET with exactly the headers given, Host included. */
function get(port: number, path: string, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, setHost: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket and resolves 'open' or the HTTP status of the rejected upgrade. */
function tryWebSocket(url: string, headers: Record<string, string>): Promise<{ socket: WebSocket | null; status: number | 'open' }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve({ socket, status: 'open' }));
    socket.once('unexpected-response', (_req, res) => resolve({ socket: null, status: res.statusCode ?? 0 }));
    socket.once('error', () => resolve({ socket: null, status: 0 }));
  });
}

function nextMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) => socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))));
}

describe('web server access checks', () => {
  let server: WebServer;
  let backend: RecordingBackend;
  let rendererDir: string;
  let host: string;
  let origin: string;

  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'wiregrad-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
    writeFileSync(join(rendererDir, 'app.js'), 'console.log(1)');
    backend = new RecordingBackend();
    server = await startWebServer({ backend, rendererDir, port: 0 });
    host = `127.0.0.1:${server.port}`;
    origin = `http://${host}`;
  });

  afterAll(async () => {
    await server.close();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  test('printed URL is loopback with a 64-hex token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
  });

  test('listens on 127.0.0.1 only', async () => {
    expect(server.address).toBe('127.0.0.1');

    const external = Object.values(networkInterfaces())
      .flat()
      .find((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal);
    if (external === undefined) return;

    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: external.address, port: server.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  test('page with token is served with CSP and cookie', async () => {
    const reply = await get(server.port, `/?token=${server.token}`, { Host: host });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>test</title>');
    expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
    expect(reply.headers['content-security-policy']).toContain(`ws://127.0.0.1:${server.port}`);
    expect(String(reply.headers['set-cookie'])).toContain(`wiregrad_token=${server.token}; HttpOnly; SameSite=Strict`);
  });

  test('page without or with wrong token is rejected', async () => {
    expect((await get(server.port, '/', { Host: host })).status).toBe(403);
    expect((await get(server.port, '/?token=0000', { Host: host })).status).toBe(403);
    expect((await get(server.port, '/app.js', { Host: host, Cookie: 'wiregrad_token=nope' })).status).toBe(403);
  });

  test('file with the token cookie is served', async () => {
    const reply = await get(server.port, '/app.js', { Host: host, Cookie: `wiregrad_token=${server.token}` });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  test('foreign Host header is rejected even with the token', async () => {
    for (const badHost of ['evil.example', `evil.example:${server.port}`, '127.0.0.1:1', '']) {
      const reply = await get(server.port, `/?token=${server.token}`, { Host: badHost });
      expect(reply.status, `Host '${badHost}'`).toBe(421);
    }
  });

  test('foreign Origin header is rejected even with the token', async () => {
    const reply = await get(server.port, `/?token=${server.token}`, { Host: host, Origin: 'http://evil.example' });
    expect(reply.status).toBe(403);
  });

  test('paths outside the renderer folder are not served', async () => {
    const cookie = `wiregrad_token=${server.token}`;
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/nothing.js']) {
      expect((await get(server.port, path, { Host: host, Cookie: cookie })).status, path).toBe(404);
    }
  });

  test('WebSocket needs token and matching Origin', async () => {
    const url = `ws://${host}/ws?token=${server.token}`;
    expect((await tryWebSocket(`ws://${host}/ws`, { Origin: origin })).status).toBe(403);
    expect((await tryWebSocket(url, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await tryWebSocket(url, { Origin: origin, Host: 'evil.example' })).status).toBe(421);
    expect((await tryWebSocket(`ws://${host}/other?token=${server.token}`, { Origin: origin })).status).toBe(404);
  });

  test('WebSocket relays invokes and own training events', async () => {
    const { socket, status } = await tryWebSocket(`ws://${host}/ws?token=${server.token}`, { Origin: origin });
    expect(status).toBe('open');
    if (socket === null) return;

    socket.send(JSON.stringify({ type: 'invoke', id: 7, channel: 'list-datasets', payload: {} }));
    expect(await nextMessage(socket)).toEqual({ type: 'result', id: 7, result: { ok: true, value: { echoed: 'list-datasets' } } });

    socket.send(JSON.stringify({ type: 'invoke', id: 8, channel: 'start-training', payload: {} }));
    await nextMessage(socket);
    const event: TrainingEvent = { kind: 'error', runId: 'run-1', message: 'x' };
    const eventMessage = nextMessage(socket);
    backend.emit({ kind: 'error', runId: 'someone-else', message: 'not for this socket' });
    backend.emit(event);
    expect(await eventMessage).toEqual({ type: 'event', channel: 'training-event', payload: event });
    socket.close();
  });

  test('malformed WebSocket messages get an error reply', async () => {
    const { socket } = await tryWebSocket(`ws://${host}/ws?token=${server.token}`, { Origin: origin });
    if (socket === null) throw new Error('WebSocket did not open');
    const callsBefore = backend.calls.length;

    socket.send('not json');
    expect(await nextMessage(socket)).toMatchObject({ id: -1, result: { ok: false, error: expect.stringContaining('not valid JSON') } });
    socket.send(JSON.stringify({ type: 'invoke', id: 3, channel: 5 }));
    expect(await nextMessage(socket)).toMatchObject({ id: 3, result: { ok: false, error: expect.stringContaining('channel') } });
    expect(backend.calls.length).toBe(callsBefore);
    socket.close();
  });
});
