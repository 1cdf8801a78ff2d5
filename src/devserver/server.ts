import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { LazyFormPrinter } from '../forms/pdf.js';
import { LOG_FILE_NAME } from '../services/diagnostics.js';
import type { JobStoreOptions } from '../services/jobs.js';
import { ServicesClient } from '../services/services-client.js';
import { FileDoor } from './file-door.js';
import { handleApiRequest, newToken } from './http-api.js';

/** `host` is the services thread's client: the same `call` door the page uses, plus the shell's own requests. */
export type DevServer = { url: string; token: string; host: ServicesClient; logFile: string; close: () => Promise<void> };

type Options = {
  registerPath: string;
  /** Serve this built renderer folder (tests, bench). Without it, Vite serves the sources with hot reload. */
  staticDir?: string;
  port?: number;
  storeOptions?: JobStoreOptions & { autoLockMs?: number };
  /** Where the diagnostics log goes (default: a `logs` folder beside the register). */
  logDir?: string;
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

export function injectToken(html: string, token: string): string {
  return html.replace('<meta name="childdesk-token" content="" />', `<meta name="childdesk-token" content="${token}" />`);
}

/** A file inside root for a URL path, or null: no traversal out of the built renderer. */
export function staticFileFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const full = resolve(root, relative);
  return full.startsWith(resolve(root) + sep) ? full : null;
}

async function serveStatic(root: string, token: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = staticFileFor(root, new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  try {
    if (!path) throw new Error('outside');
    const body = await readFile(path);
    const type = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(type.startsWith('text/html') ? injectToken(body.toString('utf8'), token) : body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }
}

async function viteMiddleware(token: string, httpServer: Server) {
  const { createServer: createVite } = await import('vite');
  const vite = await createVite({
    configFile: join(process.cwd(), '.config/vite.renderer.config.ts'),
    // Hot reload over our own HTTP server, so one loopback port serves page, API and reload socket.
    server: { middlewareMode: true, hmr: { server: httpServer } },
    appType: 'custom',
  });
  return {
    close: () => vite.close(),
    handle: async (req: IncomingMessage, res: ServerResponse) => {
      const url = req.url ?? '/';
      if (url === '/' || url === '/index.html') {
        const raw = await readFile(join(process.cwd(), 'src/renderer/index.html'), 'utf8');
        // Vite's hot reload needs inline scripts, which the production CSP forbids: development only.
        const withoutCsp = raw.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
        const html = await vite.transformIndexHtml(url, injectToken(withoutCsp, token));
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(html);
        return;
      }
      vite.middlewares(req, res);
    },
  };
}

/** Starts the API and the renderer on 127.0.0.1 (never another interface). */
export async function startDevServer(options: Options): Promise<DevServer> {
  const token = newToken();
  const { autoLockMs, ...storeOptions } = options.storeOptions ?? {};
  const logFile = join(options.logDir ?? join(dirname(options.registerPath), 'logs'), LOG_FILE_NAME);
  // Save as PDF in the browser build prints through a separate Chromium, started at the first print, in this
  // process (the desktop app prints with its own Chromium); the services thread asks for it through the client.
  const printer = new LazyFormPrinter();
  // The register runs in the services thread, so this process's event loop only moves bytes: a long import
  // or the monthly return never holds up the page's requests.
  const host = await ServicesClient.start({ registerPath: options.registerPath, autoLockMs, storeOptions, logFile }, printer);
  const files = new FileDoor(host);
  let vite: Awaited<ReturnType<typeof viteMiddleware>> | null = null;
  let port = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (await handleApiRequest(req, res, { host, token, port })) return;
      if (await files.handle(req, res, { token, port })) return;
      if (vite) await vite.handle(req, res);
      else await serveStatic(options.staticDir!, token, req, res);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  if (!options.staticDir) vite = await viteMiddleware(token, server);
  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    host,
    logFile,
    close: async () => {
      await host.close();
      await printer.close();
      files.close();
      await vite?.close();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
