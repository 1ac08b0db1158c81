/**
 * Serving the built renderer: mapping a URL path to a file under the renderer folder,
 * its media type, and the Content-Security-Policy both shells send with it.
 */

import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file of the built renderer, ready to send. */
export interface RendererFile {
  body: Buffer;
  mediaType: string;
}

/**
 * Builds the Content-Security-Policy of the renderer. Scripts come only from the app's
 * own files; inline styles are allowed because Svelte Flow positions nodes with style
 * attributes. `connectSources` adds the WebSocket address of the browser shell.
 */
export function contentSecurityPolicy(connectSources: string[] = []): string {
  const connect = ["'self'", ...connectSources].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Reads the file a URL path names under `rendererDir`; `/` is `index.html`. Returns null
 * when the path leaves the folder or names no file, so neither shell can serve any
 * other file of the machine.
 */
export async function readRendererFile(rendererDir: string, urlPath: string): Promise<RendererFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch (error) {
    if (error instanceof URIError) return null;
    throw error;
  }
  if (decoded.includes('\0')) return null;

  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = resolve(rendererDir);
  const path = resolve(root, relative);
  if (!path.startsWith(root + sep)) return null;

  try {
    const body = await readFile(path);
    return { body, mediaType: MEDIA_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
    throw error;
  }
}
