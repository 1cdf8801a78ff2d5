import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../core/errors.js';
import { FILE_HANDLE_PATTERN, FILE_PURPOSES, isFilePurpose, safeFileName, type FilePurpose } from '../core/files.js';
import { ServicesFailure, type ServicesClient } from '../services/services-client.js';
import { isAuthorised, isLoopbackHost } from './http-api.js';

/**
 * The browser build's side of the file door (TEAM contract 2), for development and the Chromium tests:
 * - `POST /files/upload?purpose=P&name=N` with the file's bytes as the body: registered with the services
 *   thread, which answers a handle;
 * - `POST /files/target` `{ purpose, suggestedName }`: a place a service will write, as a handle;
 * - `GET /files/download/<handle>`: what the service wrote there, as a download.
 * Each needs the page's bearer token and the loopback Host, like /api. A purpose's size limit is enforced while
 * the body streams in. Files kept on disk (encrypted or public ones: bundles, backups) go to a private folder
 * (0700, files 0600) removed at close; anything that may hold a child's data in the clear stays in memory.
 */
export class FileDoor {
  private folder: string | null = null;

  constructor(private readonly services: ServicesClient) {}

  /** Handles /files/* requests; returns false for anything else. */
  async handle(req: IncomingMessage, res: ServerResponse, context: { token: string; port: number }): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith('/files/')) return false;
    if (!isLoopbackHost(req.headers.host, context.port)) return refuse(res, 421, new AppError('FORBIDDEN')), true;
    if (!isAuthorised(req.headers.authorization, context.token)) return refuse(res, 401, new AppError('FORBIDDEN')), true;
    try {
      if (req.method === 'POST' && url.pathname === '/files/upload') await this.upload(req, res, url);
      else if (req.method === 'POST' && url.pathname === '/files/target') await this.target(req, res);
      else if (req.method === 'GET' && url.pathname.startsWith('/files/download/')) await this.download(res, decodeURIComponent(url.pathname.slice('/files/download/'.length)));
      else refuse(res, 404, new AppError('USAGE', '(no such file request)'));
    } catch (error) {
      if (error instanceof ServicesFailure) send(res, 400, { ok: false, error: error.error });
      else if (error instanceof AppError) refuse(res, error.code === 'FILE_TOO_LARGE' ? 413 : 400, error);
      else refuse(res, 500, new AppError('FILE_UNREADABLE'));
    }
    return true;
  }

  /** Removes the private folder and everything in it (the server is closing). */
  close(): void {
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
    this.folder = null;
  }

  private async upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const purpose = purposeOf(url.searchParams.get('purpose'));
    const name = safeFileName(url.searchParams.get('name') ?? '', 'upload');
    const limit = FILE_PURPOSES[purpose].maxBytes;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      throw tooLarge(name, limit);
    }
    if (FILE_PURPOSES[purpose].keep === 'memory') {
      const bytes = await readLimited(req, limit, name);
      const [picked] = await this.services.registerFiles([{ purpose, name, source: { kind: 'bytes', bytes } }]);
      send(res, 200, { ok: true, result: picked });
      return;
    }
    const path = join(this.newFolder(), name);
    try {
      await pipeline(req, limitTo(limit, name), createWriteStream(path, { mode: 0o600, flags: 'wx' }));
    } catch (error) {
      rmSync(path, { force: true });
      throw error instanceof AppError ? error : new AppError('FILE_UNREADABLE', name);
    }
    const [picked] = await this.services.registerFiles([{ purpose, name, source: { kind: 'path', path, owned: true } }]);
    send(res, 200, { ok: true, result: picked });
  }

  private async target(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = JSON.parse((await readLimited(req, 4096, 'request')).toString('utf8')) as { purpose?: unknown; suggestedName?: unknown };
    const purpose = purposeOf(body.purpose);
    const name = safeFileName(typeof body.suggestedName === 'string' ? body.suggestedName : '', 'download');
    const where = FILE_PURPOSES[purpose].keep === 'memory' ? ({ kind: 'memory' } as const) : ({ kind: 'path', path: join(this.newFolder(), name), owned: true } as const);
    send(res, 200, { ok: true, result: await this.services.saveTarget({ purpose, name, where }) });
  }

  private async download(res: ServerResponse, handle: string): Promise<void> {
    if (!FILE_HANDLE_PATTERN.test(handle)) throw new AppError('FILE_HANDLE_UNKNOWN');
    const output = await this.services.output(handle);
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${output.name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(output.name)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    if (output.kind === 'bytes') res.end(Buffer.from(output.bytes));
    else await pipeline(createReadStream(output.path), res);
  }

  /** A fresh folder of its own inside the private folder, so each file keeps the name the officer knows. */
  private newFolder(): string {
    this.folder ??= mkdtempSync(join(tmpdir(), 'childdesk-files-')); // mkdtemp makes it 0700
    const folder = join(this.folder, randomBytes(9).toString('base64url'));
    mkdirSync(folder, { mode: 0o700 });
    return folder;
  }
}

function purposeOf(value: unknown): FilePurpose {
  if (!isFilePurpose(value)) throw new AppError('INVALID_INPUT', '(purpose: not a file purpose)');
  return value;
}

function tooLarge(name: string, limit: number): AppError {
  return new AppError('FILE_TOO_LARGE', `(${name}: at most ${Math.round(limit / 1024 / 1024) || 1} MB for this)`);
}

async function readLimited(req: IncomingMessage, limit: number, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(name, limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A pipeline stage that fails the upload as soon as more than `limit` bytes came. */
function limitTo(limit: number, name: string) {
  return async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let size = 0;
    for await (const chunk of source) {
      size += chunk.length;
      if (size > limit) throw tooLarge(name, limit);
      yield chunk;
    }
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, status: number, error: AppError): void {
  send(res, status, { ok: false, error: error.toJSON() });
}
