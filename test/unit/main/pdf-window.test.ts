import { describe, expect, it, vi } from 'vitest';

/**
 * The desktop PDF printer against a stand-in `electron` (the real binary cannot run here): which window it
 * makes, what its private session serves and lets through, and that every window goes away. The real printing
 * of a built main through this code is in test/integration/package-contents.test.ts.
 */

type Handler = (...args: never[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    windows: [] as Array<{ options: { webPreferences: Record<string, unknown> }; destroyed: boolean; loaded: string[] }>,
    partitions: [] as unknown[],
    protocol: null as null | ((request: { url: string }) => Response | Promise<Response>),
    beforeRequest: null as null | ((details: { url: string }, callback: (r: { cancel: boolean }) => void) => void),
    permission: null as null | Handler,
    pdf: '%PDF-1.4\n1 0 obj <</Type /Page>>\n2 0 obj <</Type /Page>>\n3 0 obj <</Type /Pages>>',
    failPrint: false,
    served: [] as string[],
    /** What the window's page does while loading (a test may look at the session's answers meanwhile). */
    onLoad: null as null | ((url: string) => Promise<void>),
  };
  const printSession = {
    setPermissionRequestHandler: (handler: Handler) => (state.permission = handler),
    setPermissionCheckHandler: () => {},
    on: () => {},
    webRequest: { onBeforeRequest: (handler: typeof state.beforeRequest) => (state.beforeRequest = handler) },
    protocol: { handle: (_scheme: string, handler: typeof state.protocol) => (state.protocol = handler) },
  };
  class BrowserWindow {
    destroyed = false;
    loaded: string[] = [];
    webContents = {
      executeJavaScript: async (code: string) => {
        expect(code).toContain('document.fonts.ready');
        return true;
      },
      printToPDF: async (options: unknown) => {
        expect(options).toEqual({ printBackground: true, preferCSSPageSize: true });
        if (state.failPrint) throw new Error('renderer gone');
        return Buffer.from(state.pdf, 'latin1');
      },
    };
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      state.windows.push(this);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
      if (state.onLoad) return state.onLoad(url);
      const response = await state.protocol!({ url });
      if (response.status !== 200) throw new Error(`ERR_FILE_NOT_FOUND ${url}`);
      state.served.push(await response.text());
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const electron = {
    BrowserWindow,
    session: {
      fromPartition: (partition: string, options: unknown) => {
        state.partitions.push([partition, options]);
        return printSession;
      },
    },
  };
  return { electron, state };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const { WindowPdfPrinter } = await import('../../../src/main/pdf-window.js');

describe('printing to PDF with the desktop app\'s own Chromium', () => {
  it('prints in a hidden, offscreen, sandboxed window with no preload on a private in-memory session, then destroys it', async () => {
    const printer = new WindowPdfPrinter();
    const result = await printer.print('<!doctype html><title>CHD-3</title><p>نوٹس</p>');
    expect(result.pages).toBe(2);
    expect(new TextDecoder().decode(result.pdf)).toMatch(/^%PDF-/);
    expect(result.layout).toBeNull();
    const [window] = fake.state.windows;
    expect(window!.options).toMatchObject({ show: false, webPreferences: { offscreen: true, sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false } });
    expect(window!.options.webPreferences).not.toHaveProperty('preload');
    expect(window!.options.webPreferences.session).toBeDefined();
    expect(fake.state.partitions).toEqual([['childdesk-print', { cache: false }]]);
    expect(window!.loaded[0]).toMatch(/^app:\/\/print\/[0-9a-f]{32}\.html$/);
    expect(fake.state.served).toEqual(['<!doctype html><title>CHD-3</title><p>نوٹس</p>']);
    expect(window!.destroyed).toBe(true);
  });

  it('serves each document once, at its own URL, with its CSP, and 404 for anything else', async () => {
    const printer = new WindowPdfPrinter();
    let seen: Response[] = [];
    fake.state.onLoad = async (url) => {
      const serve = fake.state.protocol!;
      seen = [await serve({ url }), await serve({ url }), await serve({ url: url.replace(/[0-9a-f]{32}/, 'f'.repeat(32)) })];
    };
    await printer.print('<p>one</p>').finally(() => (fake.state.onLoad = null));
    expect(seen.map((r) => r.status)).toEqual([200, 404, 404]);
    expect(await seen[0]!.text()).toBe('<p>one</p>');
    expect(seen[0]!.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:");
  });

  it('lets the print window load its document and inline data only', async () => {
    const printer = new WindowPdfPrinter();
    const decisions: Array<[string, boolean]> = [];
    const ask = (url: string) => {
      let allowed: boolean | null = null;
      fake.state.beforeRequest!({ url }, ({ cancel }) => (allowed = !cancel));
      return allowed;
    };
    fake.state.onLoad = async (url) => {
      for (const asked of [url, 'data:font/woff2;base64,AA', 'https://example.com/x.css', 'app://childdesk/index.html', 'file:///etc/passwd']) {
        decisions.push([asked === url ? 'document' : asked, ask(asked)!]);
      }
    };
    await printer.print('<p>two</p>').finally(() => (fake.state.onLoad = null));
    expect(decisions).toEqual([
      ['document', true],
      ['data:font/woff2;base64,AA', true],
      ['https://example.com/x.css', false],
      ['app://childdesk/index.html', false],
      ['file:///etc/passwd', false],
    ]);
    // Between prints no document may load.
    expect(ask(fake.state.windows.at(-1)!.loaded[0]!)).toBe(false);
    const refuse = vi.fn();
    (fake.state.permission as unknown as (c: unknown, p: string, cb: (ok: boolean) => void) => void)(null, 'media', refuse);
    expect(refuse).toHaveBeenCalledWith(false);
  });

  it('destroys the window when printing fails, and the next print still works', async () => {
    const printer = new WindowPdfPrinter();
    const before = fake.state.windows.length;
    fake.state.failPrint = true;
    await expect(printer.print('<p>three</p>')).rejects.toThrow('renderer gone');
    fake.state.failPrint = false;
    await expect(printer.print('<p>four</p>')).resolves.toMatchObject({ pages: 2 });
    expect(fake.state.windows.slice(before).map((w) => w.destroyed)).toEqual([true, true]);
  });
});
