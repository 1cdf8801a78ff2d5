import { describe, expect, it } from 'vitest';
import {
  APP_CSP,
  APP_ENTRY_URL,
  appFileForUrl,
  contentTypeFor,
  isAppOrigin,
  isTrustedIpcSender,
  mayFrameNavigate,
  mayGrantPermission,
  mayNavigateTo,
  mayPageRequest,
} from '../../../src/core/security/app-origin.js';

describe('which file an app:// URL serves', () => {
  it.each([
    ['app://childdesk/', 'index.html'],
    ['app://childdesk', 'index.html'],
    ['app://childdesk/index.html', 'index.html'],
    ['app://childdesk/assets/index-CEz4eFQo.js', 'assets/index-CEz4eFQo.js'],
    ['app://childdesk/assets/noto-nastaliq-urdu-arabic-400-normal-BVDOj1dq.woff2', 'assets/noto-nastaliq-urdu-arabic-400-normal-BVDOj1dq.woff2'],
    ['app://childdesk/assets/index-CokS4QQK.css', 'assets/index-CokS4QQK.css'],
    // query strings and fragments never reach the file system
    ['app://childdesk/index.html?x=../../etc/passwd', 'index.html'],
    ['app://childdesk/assets/a.js?v=1#frag', 'assets/a.js'],
    // a percent-encoded ordinary letter is still that letter
    ['app://childdesk/%69ndex.html', 'index.html'],
    // the URL parser resolves dot segments before we look: the result is still inside the renderer folder
    ['app://childdesk/assets/../index.html', 'index.html'],
    ['app://childdesk/../../../index.html', 'index.html'],
  ])('%s -> %s', (url, file) => {
    expect(appFileForUrl(url)).toBe(file);
  });

  it.each([
    // traversal, however spelt, never names a file outside the renderer folder
    ['app://childdesk/..%2f..%2fpackage.json'],
    ['app://childdesk/assets%2f..%2f..%2fpackage.json'],
    ['app://childdesk/%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
    ['app://childdesk/..%5c..%5cwindows%5cwin.ini'],
    ['app://childdesk/assets\\..\\..\\secret.js'],
    ['app://childdesk/%252e%252e/x.js'],
    ['app://childdesk/..%00/index.html'],
    ['app://childdesk/index.html%00.js'],
    ['app://childdesk/C:%5cWindows%5cwin.ini'],
    ['app://childdesk/c:/windows/win.ini'],
    ['app://childdesk//etc/passwd.js'],
    ['app://childdesk/%'],
    ['app://childdesk/%E0%A4%A'],
    // hidden files and types the renderer never has
    ['app://childdesk/.env.json'],
    ['app://childdesk/station.db'],
    ['app://childdesk/station.db.keys.json.bak'],
    ['app://childdesk/assets'],
    ['app://childdesk/assets/'],
    ['app://childdesk/../main/index'],
    // other hosts, ports, users, schemes
    ['app://evil/index.html'],
    ['app://ChildDesk/index.html'],
    ['app://childdesk.evil.com/index.html'],
    ['app://childdesk:8080/index.html'],
    ['app://user:pass@childdesk/index.html'],
    ['app:///index.html'],
    ['app:childdesk/index.html'],
    ['file:///etc/passwd'],
    ['file:///C:/Windows/win.ini'],
    ['http://childdesk/index.html'],
    ['https://childdesk/index.html'],
    ['http://127.0.0.1:5173/index.html'],
    ['devtools://devtools/bundled/inspector.html'],
    ['chrome://settings'],
    ['data:text/html,<script>alert(1)</script>'],
    ['javascript:alert(1)'],
    ['blob:app://childdesk/0b2e1f2a-0000-4000-8000-000000000000'],
    ['not a url'],
    [''],
    [`app://childdesk/${'a/'.repeat(300)}x.js`],
  ])('%s -> nothing', (url) => {
    expect(appFileForUrl(url)).toBeNull();
  });

  it('names the renderer file types and nothing else', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('assets/a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('assets/f.woff2')).toBe('font/woff2');
    expect(contentTypeFor('station.db')).toBeNull();
    expect(contentTypeFor('assets.d/README')).toBeNull();
  });
});

describe('where the window may go', () => {
  it('stays on the app page (reloads and fragments included)', () => {
    expect(mayNavigateTo(APP_ENTRY_URL)).toBe(true);
    expect(mayNavigateTo('app://childdesk/')).toBe(true);
    expect(mayNavigateTo('app://childdesk/index.html#/case/1')).toBe(true);
    expect(mayNavigateTo('app://childdesk/index.html?lang=ur')).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://localhost:5173/',
    'file:///C:/Users/officer/Desktop/evil.html',
    'data:text/html,hi',
    'javascript:alert(1)',
    'devtools://devtools/bundled/inspector.html',
    'chrome://gpu',
    'about:blank',
    'app://childdesk/assets/index-CEz4eFQo.js',
    'app://other/index.html',
    'app://childdesk/..%2findex.html',
  ])('refuses %s', (url) => {
    expect(mayNavigateTo(url)).toBe(false);
    expect(mayFrameNavigate(url, true)).toBe(false);
  });

  it('lets no subframe navigate, not even to the app', () => {
    expect(mayFrameNavigate(APP_ENTRY_URL, true)).toBe(true);
    expect(mayFrameNavigate(APP_ENTRY_URL, false)).toBe(false);
  });

  it('lets pages request the app origin and inline images and fonts only', () => {
    expect(mayPageRequest('app://childdesk/assets/a.js')).toBe(true);
    expect(mayPageRequest('data:font/woff2;base64,AAAA')).toBe(true);
    expect(mayPageRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(mayPageRequest('data:text/html,hi')).toBe(false);
    expect(mayPageRequest('https://fonts.googleapis.com/css')).toBe(false);
    expect(mayPageRequest('http://127.0.0.1:5173/api/case.list')).toBe(false);
    expect(mayPageRequest('file:///etc/passwd')).toBe(false);
    expect(mayPageRequest('ws://127.0.0.1:5173/')).toBe(false);
  });

  it('knows its own origin exactly', () => {
    expect(isAppOrigin('app://childdesk/anything')).toBe(true);
    expect(isAppOrigin('app://childdesk.attacker/')).toBe(false);
    expect(isAppOrigin('app://attacker.childdesk/')).toBe(false);
  });
});

describe('who may call the register over IPC', () => {
  const good = { frameUrl: APP_ENTRY_URL, isMainFrame: true, isAppWindow: true };

  it('accepts the top frame of the app window on the app origin', () => {
    expect(isTrustedIpcSender(good)).toBe(true);
    expect(isTrustedIpcSender({ ...good, frameUrl: 'app://childdesk/index.html#/case/1' })).toBe(true);
  });

  it.each([
    ['a subframe', { ...good, isMainFrame: false }],
    ['another window', { ...good, isAppWindow: false }],
    ['a destroyed frame', { ...good, frameUrl: null }],
    ['an unknown frame', { ...good, frameUrl: undefined }],
    ['a page on another site', { ...good, frameUrl: 'https://example.com/' }],
    ['a file: page', { ...good, frameUrl: 'file:///C:/evil.html' }],
    ['a data: page', { ...good, frameUrl: 'data:text/html,<script>1</script>' }],
    ['the dev server', { ...good, frameUrl: 'http://127.0.0.1:5173/' }],
    ['devtools', { ...good, frameUrl: 'devtools://devtools/bundled/inspector.html' }],
    ['about:blank', { ...good, frameUrl: 'about:blank' }],
    ['a look-alike host', { ...good, frameUrl: 'app://childdesk.evil/' }],
  ])('refuses %s', (_name, sender) => {
    expect(isTrustedIpcSender(sender)).toBe(false);
  });
});

describe('permissions and policy', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'fullscreen', 'openExternal', 'unknown'])(
    'never grants %s',
    (permission) => {
      expect(mayGrantPermission(permission)).toBe(false);
    },
  );

  it('has a CSP without inline script, eval or other origins', () => {
    const directives = new Map(APP_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('frame-src')).toBe("'none'");
    expect(APP_CSP).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(directives.get('script-src')).not.toContain('unsafe-inline');
  });
});
