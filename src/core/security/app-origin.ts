/**
 * The desktop app's one origin and what may load from it. Electron main serves the built renderer on a custom
 * privileged scheme (`app://childdesk/...`), never `file:` or `http:`; every decision about which URL may load,
 * which file a URL maps to and which frame may call the API is made here, as pure functions with tests.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'childdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The Content-Security-Policy of every app page, sent as a response header (the page's meta tag says the same;
 * a browser applies both). No inline script, no eval, nothing from another origin, no frames, no workers.
 */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'none'",
  "media-src 'none'",
  "worker-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** File types the renderer build contains; anything else is not served. */
const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  webp: 'image/webp',
};

/** One path segment as the renderer build names files: letters, digits, `._@+-`, never starting with a dot. */
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._@+-]*$/;
const MAX_PATH_LENGTH = 512;

function parse(url: string): URL | null {
  if (typeof url !== 'string' || url.length > 4096) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True when `url` is on the app origin exactly: scheme, host, no user, password or port. */
export function isAppOrigin(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * The file inside the built renderer folder that an app URL names, as a relative POSIX path
 * (`index.html`, `assets/index-x1.js`), or null when it names nothing we serve. Query and fragment are ignored;
 * each segment is decoded once and must then be a plain file name (so `%2e%2e`, `%2f`, `%5c`, NUL, drive letters
 * and dot files never reach the file system), and only the renderer's file types are served.
 */
export function appFileForUrl(url: string): string | null {
  if (!isAppOrigin(url)) return null;
  const { pathname } = new URL(url);
  if (pathname.length > MAX_PATH_LENGTH) return null;
  if (pathname === '/' || pathname === '') return 'index.html';
  if (!pathname.startsWith('/') || pathname.includes('\\')) return null;
  const segments: string[] = [];
  for (const raw of pathname.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (!SAFE_SEGMENT.test(segment)) return null;
    segments.push(segment);
  }
  const file = segments.join('/');
  return contentTypeFor(file) ? file : null;
}

/** The Content-Type for a renderer file, or null for a type the app never serves. */
export function contentTypeFor(file: string): string | null {
  const dot = file.lastIndexOf('.');
  if (dot < 0 || dot < file.lastIndexOf('/')) return null;
  return CONTENT_TYPES[file.slice(dot + 1).toLowerCase()] ?? null;
}

/**
 * Whether a frame may be (re)loaded at `url`: only the app's own pages. The window opens on APP_ENTRY_URL;
 * a reload or a same-page fragment change stays there, and everything else (another host, `file:`, `http(s):`,
 * `data:`, `javascript:`, `blob:`, `devtools:`, `chrome:`) is refused.
 */
export function mayNavigateTo(url: string): boolean {
  const file = appFileForUrl(url);
  return file === 'index.html';
}

/**
 * Whether an IPC message may reach the API: it must come from the top frame (not an iframe) of the app's own
 * window, and that frame must currently be on the app origin. Anything missing counts against the sender.
 */
export function isTrustedIpcSender(sender: { frameUrl: string | null | undefined; isMainFrame: boolean; isAppWindow: boolean }): boolean {
  return sender.isAppWindow === true && sender.isMainFrame === true && typeof sender.frameUrl === 'string' && isAppOrigin(sender.frameUrl);
}

/** Every permission a page can ask for (camera, geolocation, notifications, clipboard read, HID …) is refused. */
export function mayGrantPermission(_permission: string): false {
  return false;
}

/** Whether a frame may navigate: the top frame to an app page only; the app has no subframes to navigate. */
export function mayFrameNavigate(url: string, isMainFrame: boolean): boolean {
  return isMainFrame && mayNavigateTo(url);
}

/**
 * Whether a request made by an app page (not by main, e.g. the updater) may leave the renderer: only to the app
 * origin and inline `data:` fonts and images. The CSP already says so; this is the same rule at the network layer.
 */
export function mayPageRequest(url: string): boolean {
  return isAppOrigin(url) || /^data:(image|font)\//i.test(url);
}
