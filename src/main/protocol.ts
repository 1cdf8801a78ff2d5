import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { protocol, type Session } from 'electron';
import { APP_CSP, APP_SCHEME, appFileForUrl, contentTypeFor } from '../core/security/app-origin.js';

/**
 * The app's own scheme. Registered before `ready` as standard (real origin, relative URLs), secure (like
 * https: no mixed-content downgrade) and fetch/CORS capable (Vite's `<script type="module" crossorigin>`).
 * It does not bypass CSP.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

const SECURITY_HEADERS = {
  'content-security-policy': APP_CSP,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
}

/** Serves the built renderer on app://childdesk/ from `rendererDir`; the URL-to-file decision is pure and tested. */
export function serveRenderer(session: Session, rendererDir: string): void {
  const root = resolve(rendererDir);
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
    const file = appFileForUrl(request.url);
    if (!file) return notFound();
    const full = resolve(join(root, ...file.split('/')));
    // The pure function already refuses traversal; this is the same promise checked on the real path.
    if (!full.startsWith(root + sep)) return notFound();
    try {
      const body = await readFile(full);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'content-type': contentTypeFor(file) ?? 'application/octet-stream' },
      });
    } catch {
      return notFound();
    }
  });
}
