import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { injectToken, staticFileFor } from '../../../src/devserver/server.js';
import { isAuthorised, isLoopbackHost, newToken } from '../../../src/devserver/http-api.js';

describe('dev server security decisions', () => {
  it('accepts only the exact bearer token', () => {
    const token = newToken();
    expect(isAuthorised(`Bearer ${token}`, token)).toBe(true);
    expect(isAuthorised(`Bearer ${token}x`, token)).toBe(false);
    expect(isAuthorised(token, token)).toBe(false);
    expect(isAuthorised(undefined, token)).toBe(false);
    expect(newToken()).not.toBe(token);
  });

  it('answers only requests addressed to its loopback host and port (DNS rebinding)', () => {
    expect(isLoopbackHost('127.0.0.1:5173', 5173)).toBe(true);
    expect(isLoopbackHost('localhost:5173', 5173)).toBe(true);
    expect(isLoopbackHost('evil.example:5173', 5173)).toBe(false);
    expect(isLoopbackHost('127.0.0.1:5174', 5173)).toBe(false);
    expect(isLoopbackHost(undefined, 5173)).toBe(false);
  });

  it('serves files only from inside the built renderer', () => {
    const root = '/srv/renderer';
    expect(staticFileFor(root, '/')).toBe(join(root, 'index.html'));
    expect(staticFileFor(root, '/assets/app.js')).toBe(join(root, 'assets/app.js'));
    expect(staticFileFor(root, '/%00')).toBeNull();
    for (const hostile of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../secret', '/%00', '/%E0%A4%A']) {
      const resolved = staticFileFor(root, hostile);
      // Refused, or clamped inside the root (where no such file exists): never a path outside it.
      expect(resolved === null || resolved.startsWith(`${root}/`), hostile).toBe(true);
    }
  });

  it('puts the token into the page only where the meta tag expects it', () => {
    const html = '<head><meta name="childdesk-token" content="" /></head>';
    expect(injectToken(html, 'abc')).toBe('<head><meta name="childdesk-token" content="abc" /></head>');
  });
});
