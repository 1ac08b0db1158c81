/**
 * The browser shell's HTTP and WebSocket server. It serves the built renderer and
 * carries the backend's channels over one WebSocket at `/ws`. It binds to 127.0.0.1
 * only and checks every request with an `AccessPolicy`.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Backend } from '../backend/backend';
import { contentSecurityPolicy, readRendererFile } from '../common/renderer-files';
import { AccessPolicy, createToken } from './access-policy';
import { attachSocket, MAX_MESSAGE_BYTES } from './socket-session';

/** The only address the server listens on. */
export const LISTEN_HOST = '127.0.0.1';

export interface WebServerOptions {
  backend: Backend;
  /** Folder with the built renderer's index.html. */
  rendererDir: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Session token; a random one by default. */
  token?: string;
}

/** A running browser shell. */
export interface WebServer {
  /** The address to open, with the token: `http://127.0.0.1:PORT/?token=...`. */
  url: string;
  /** The address the socket is bound to, as the operating system reports it. */
  address: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Starts the browser shell and resolves once it listens. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const httpServer = createServer();
  const bound = await listen(httpServer, options.port);
  const port = bound.port;
  const policy = new AccessPolicy(options.token ?? createToken(), port);
  const csp = contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);

  httpServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
    serveFile(request, response, policy, csp, options.rendererDir).catch((error: unknown) => {
      console.error(`wiregrad web: failed to serve ${request.url ?? ''}:`, error);
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end('Internal server error');
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const decision = policy.check(request, { requireOrigin: true });
    if (path !== '/ws' || !decision.allowed) {
      const status = decision.allowed ? 404 : decision.status;
      socket.end(`HTTP/1.1 ${status} Rejected\r\nConnection: close\r\n\r\n`);
      return;
    }

    sockets.handleUpgrade(request, socket, head, (webSocket) => {
      attachSocket(webSocket, options.backend);
    });
  });

  return {
    url: `http://${LISTEN_HOST}:${port}/?token=${policy.token}`,
    address: bound.address,
    port,
    token: policy.token,
    close: () => closeServer(httpServer, sockets),
  };
}

function listen(server: Server, port: number): Promise<AddressInfo> {
  return new Promise((resolveAddress, reject) => {
    server.once('error', reject);
    server.listen(port, LISTEN_HOST, () => {
      server.off('error', reject);
      resolveAddress(server.address() as AddressInfo);
    });
  });
}

async function serveFile(
  request: IncomingMessage,
  response: ServerResponse,
  policy: AccessPolicy,
  csp: string,
  rendererDir: string,
): Promise<void> {
  const decision = policy.check(request, { requireOrigin: false });
  if (!decision.allowed) {
    response.writeHead(decision.status, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(`${decision.reason}. Open the address that 'npm run web' printed.`);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' });
    response.end();
    return;
  }

  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  const file = await readRendererFile(rendererDir, path);
  if (file === null) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(`Not found: ${path}`);
    return;
  }

  response.writeHead(200, {
    'Content-Type': file.mediaType,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Set-Cookie': policy.cookieHeader(),
  });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

async function closeServer(httpServer: Server, sockets: WebSocketServer): Promise<void> {
  for (const client of sockets.clients) client.terminate();
  await new Promise<void>((resolveClose) => sockets.close(() => resolveClose()));

  httpServer.closeAllConnections();
  await new Promise<void>((resolveClose, reject) => {
    httpServer.close((error) => (error ? reject(error) : resolveClose()));
  });
}
