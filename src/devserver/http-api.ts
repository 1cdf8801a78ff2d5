import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiResponse } from '../core/api.js';

/** The one door the HTTP API forwards to: a ServicesClient in the app, any ApiHost-like object in tests. */
export type ApiDoor = { call(method: unknown, input: unknown): Promise<ApiResponse<unknown>> };

/**
 * The API over HTTP for development and the Chromium tests only (never packaged): `POST /api/<method>` with
 * `Authorization: Bearer <token>`. The token is random per start and reaches the page inside index.html, so
 * another site in the same browser cannot call the API: it cannot read the page, and its cross-origin request
 * with an Authorization header fails the CORS preflight, which this server never answers.
 */

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function isAuthorised(header: string | undefined, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** DNS-rebinding guard: only requests addressed to the loopback host we listen on. */
export function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Handles /api/* requests; returns false for anything else so static or Vite middleware can serve it. */
export async function handleApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  context: { host: ApiDoor; token: string; port: number },
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (!url.pathname.startsWith('/api/')) return false;
  if (!isLoopbackHost(req.headers.host, context.port)) return send(res, 421, { ok: false, error: { code: 'FORBIDDEN' } }), true;
  if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'USAGE' } }), true;
  if (!isAuthorised(req.headers.authorization, context.token)) return send(res, 401, { ok: false, error: { code: 'FORBIDDEN' } }), true;
  let input: unknown;
  try {
    input = await readBody(req);
  } catch {
    return send(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request body is not JSON.' } }), true;
  }
  const method = decodeURIComponent(url.pathname.slice('/api/'.length));
  send(res, 200, await context.host.call(method, input));
  return true;
}
