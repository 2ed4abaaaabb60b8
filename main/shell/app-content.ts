import { readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

/**
 * Serves the built renderer to either shell: GET only, paths confined to the renderer folder, and a strict
 * Content-Security-Policy on every response (no remote origins, no inline script, no network from the page).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function refuse(status: number, text: string): AppResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(text) };
}

/** Resolves a request URL's path inside `rendererDir`, or null when it would leave it. */
export function resolveAppPath(rendererDir: string, url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.split('/').includes('..')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const full = normalize(join(rendererDir, relative));
  return full.startsWith(normalize(rendererDir) + sep) ? full : null;
}

export function serveAppContent(rendererDir: string, method: string, url: string): AppResponse {
  if (method !== 'GET') return refuse(405, 'Only GET is served.');
  const file = resolveAppPath(rendererDir, url);
  if (!file) return refuse(403, 'Outside the application.');
  let body: Buffer;
  try {
    body = readFileSync(file);
  } catch {
    return refuse(404, 'Not found.');
  }
  return {
    status: 200,
    headers: {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
    body,
  };
}
