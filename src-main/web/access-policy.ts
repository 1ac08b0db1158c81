/**
 * Access rules of the browser shell. The server listens on 127.0.0.1 only, yet any web
 * page the user opens can still send requests there, and a DNS-rebinding page can even
 * make them look same-origin. So every request must name this server in its Host
 * header, come from this server's origin when it carries an Origin header, and present
 * the session token, either in the URL or in the cookie the first page load sets.
 */

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Name of the cookie that carries the token after the first page load. */
export const TOKEN_COOKIE = 'wiregrad_token';

/** Result of checking one request: allowed, or rejected with an HTTP status and reason. */
export type AccessDecision = { allowed: true } | { allowed: false; status: number; reason: string };

/** The parts of a request the policy reads; `IncomingMessage` satisfies it. */
export interface RequestHead {
  url?: string;
  headers: IncomingMessage['headers'];
}

/** Creates a random 32-byte token, hex-encoded (64 characters). */
export function createToken(): string {
  return randomBytes(32).toString('hex');
}

/** Checks Host, Origin and token of the requests to one server on one port. */
export class AccessPolicy {
  readonly token: string;
  private readonly allowedHosts: Set<string>;
  private readonly allowedOrigins: Set<string>;

  /** `port` is the port the server actually listens on, after binding port 0. */
  constructor(token: string, port: number) {
    this.token = token;
    this.allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    this.allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  }

  /** Checks a request for a page, a file or the WebSocket upgrade. */
  check(request: RequestHead, options: { requireOrigin: boolean }): AccessDecision {
    const host = request.headers.host;
    if (host === undefined || !this.allowedHosts.has(host.toLowerCase())) {
      return { allowed: false, status: 421, reason: `Host header not accepted: ${host ?? '(none)'}` };
    }

    const origin = request.headers.origin;
    if (origin === undefined && options.requireOrigin) {
      return { allowed: false, status: 403, reason: 'Origin header missing' };
    }
    if (origin !== undefined && !this.allowedOrigins.has(origin.toLowerCase())) {
      return { allowed: false, status: 403, reason: `Origin not accepted: ${origin}` };
    }

    if (!this.hasToken(request)) {
      return { allowed: false, status: 403, reason: 'Missing or wrong access token' };
    }
    return { allowed: true };
  }

  /** Returns true when the URL's `token` parameter or the token cookie matches. */
  hasToken(request: RequestHead): boolean {
    const fromUrl = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('token');
    if (fromUrl !== null && this.matches(fromUrl)) return true;

    const fromCookie = readCookie(request.headers.cookie, TOKEN_COOKIE);
    return fromCookie !== null && this.matches(fromCookie);
  }

  /** Returns the Set-Cookie value that lets the page load its files without the token in each URL. */
  cookieHeader(): string {
    return `${TOKEN_COOKIE}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }

  private matches(candidate: string): boolean {
    const expected = Buffer.from(this.token);
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/** Returns the value of cookie `name` from a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (header === undefined) return null;

  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return null;
}
