import { describe, expect, it } from 'vitest';
import {
  mayPrintWindowRequest,
  PRINT_DOCUMENT_CSP,
  PRINT_PARTITION,
  PRINT_TO_PDF_OPTIONS,
  PRINT_WINDOW_OPTIONS,
  printDocumentUrl,
  printTokenOf,
} from '../../../src/core/security/print-window.js';
import { isAppOrigin } from '../../../src/core/security/app-origin.js';

const TOKEN = '0123456789abcdef0123456789abcdef';

describe('the desktop print window', () => {
  it('prints from a one-time app://print URL that is not the app origin', () => {
    const url = printDocumentUrl(TOKEN);
    expect(url).toBe(`app://print/${TOKEN}.html`);
    expect(isAppOrigin(url)).toBe(false); // a print document can never pass the IPC sender check
    expect(printTokenOf(url)).toBe(TOKEN);
    for (const bad of ['', 'x', TOKEN.toUpperCase(), `${TOKEN}0`, '../../etc/passwd']) expect(() => printDocumentUrl(bad)).toThrow();
  });

  it('reads a token only from exactly that URL shape', () => {
    for (const url of [
      `app://childdesk/${TOKEN}.html`,
      `app://print/${TOKEN}.html?x=1`,
      `app://print/${TOKEN}.html#top`,
      `app://print/../${TOKEN}.html`,
      `app://print/${TOKEN}.htm`,
      `https://print/${TOKEN}.html`,
      `app://print/${TOKEN.slice(1)}.html`,
    ]) {
      expect(printTokenOf(url)).toBeNull();
    }
  });

  it('lets the window load its own document and inline fonts and images, nothing else', () => {
    const own = printDocumentUrl(TOKEN);
    expect(mayPrintWindowRequest(own, own)).toBe(true);
    expect(mayPrintWindowRequest('data:font/woff2;base64,AAAA', own)).toBe(true);
    expect(mayPrintWindowRequest('data:image/png;base64,AAAA', own)).toBe(true);
    for (const url of [
      printDocumentUrl('f'.repeat(32)), // another print's document
      'app://childdesk/index.html',
      'data:text/html,<script>alert(1)</script>',
      'https://example.com/font.woff2',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      'blob:app://print/1',
    ]) {
      expect(mayPrintWindowRequest(url, own)).toBe(false);
    }
    // With no document being printed, the window may load nothing but inline data.
    expect(mayPrintWindowRequest(own, '')).toBe(false);
  });

  it('is never shown, offscreen, sandboxed, isolated, with no Node and no preload', () => {
    expect(PRINT_WINDOW_OPTIONS.show).toBe(false);
    expect(PRINT_WINDOW_OPTIONS.webPreferences).toMatchObject({
      offscreen: true,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
    });
    expect(PRINT_WINDOW_OPTIONS.webPreferences).not.toHaveProperty('preload');
    expect(PRINT_PARTITION).not.toMatch(/^persist:/); // in memory only: nothing of a print stays on disk
  });

  it('serves the document with a CSP that runs no script and fetches nothing, and prints its own page size', () => {
    expect(PRINT_DOCUMENT_CSP).toContain("default-src 'none'");
    expect(PRINT_DOCUMENT_CSP).not.toMatch(/script-src|connect-src|https?:/);
    expect(PRINT_TO_PDF_OPTIONS).toEqual({ printBackground: true, preferCSSPageSize: true });
  });
});
