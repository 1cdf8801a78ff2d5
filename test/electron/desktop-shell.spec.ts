import { expect, PRELOAD_BUNDLE, test } from './fixtures.js';

/**
 * The security promises of the desktop shell, checked in real Electron: what the page can reach, what main
 * refuses, and that the register works over the one IPC door. They skip where the Electron binary is missing.
 */

test('the window is sandboxed, isolated and without Node', async ({ app, page }) => {
  expect(page.url()).toBe('app://childdesk/index.html');
  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    module: typeof (globalThis as { module?: unknown }).module,
    bridgeKeys: Object.keys((window as unknown as { childDesk: object }).childDesk),
    // Through contextBridge (context isolation) the page sees a proxy, not the preload's own function.
    bridgeIsProxy: String((window as unknown as { childDesk: { call: unknown } }).childDesk.call).includes('[native code]'),
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', bridgeKeys: ['call'], bridgeIsProxy: true });
  // Windows and macOS report each process's sandbox; no renderer may run without it.
  const unsandboxed = await app.evaluate(({ app: electronApp }) => electronApp.getAppMetrics().filter((m) => m.type === 'Tab' && m.sandboxed === false).length);
  expect(unsandboxed).toBe(0);
});

test('the first screen sets up a station, over IPC', async ({ page }) => {
  await expect(page.getByRole('heading', { name: 'Set up this station' })).toBeVisible();
  const status = await page.evaluate(() => (window as unknown as { childDesk: { call: (m: string, i: unknown) => Promise<unknown> } }).childDesk.call('session.status', {}));
  expect(status).toEqual({ ok: true, result: { state: 'no_register' } });
});

test('the bridge refuses unknown methods and bad input with typed errors', async ({ page }) => {
  const [unknown, invalid] = await page.evaluate(async () => {
    const bridge = (window as unknown as { childDesk: { call: (m: string, i: unknown) => Promise<{ ok: boolean; error?: { code: string } }> } }).childDesk;
    return [await bridge.call('case.delete', {}), await bridge.call('session.login', { username: 42 })];
  });
  expect(unknown).toMatchObject({ ok: false, error: { code: 'USAGE' } });
  expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
});

test('every app response carries the CSP, and traversal finds nothing', async ({ app }) => {
  const responses = await app.evaluate(async ({ net }) => {
    const get = async (url: string) => {
      const response = await net.fetch(url);
      return { status: response.status, csp: response.headers.get('content-security-policy') };
    };
    return {
      index: await get('app://childdesk/index.html'),
      traversal: await get('app://childdesk/..%2f..%2fpackage.json'),
      encoded: await get('app://childdesk/%2e%2e/%2e%2e/main/index.js'),
      other: await get('app://childdesk/station.db'),
    };
  });
  expect(responses.index.status).toBe(200);
  expect(responses.index.csp).toContain("script-src 'self'");
  expect(responses.traversal.status).toBe(404);
  expect(responses.encoded.status).toBe(404);
  expect(responses.other.status).toBe(404);
});

test('the page cannot navigate away, open windows or reach the network', async ({ app, page }) => {
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe('app://childdesk/index.html');
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  expect(await page.evaluate(() => fetch('https://example.com/').then(() => 'reached', () => 'blocked'))).toBe('blocked');
  expect(await page.evaluate(() => fetch('file:///etc/passwd').then(() => 'reached', () => 'blocked'))).toBe('blocked');
  expect(app.windows()).toHaveLength(1);
});

test('permission requests are denied', async ({ page }) => {
  expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');
  expect(await page.evaluate(() => navigator.mediaDevices.getUserMedia({ video: true }).then(() => 'granted', () => 'denied'))).toBe('denied');
});

test('a window that is not the app window may not call the register', async ({ app }) => {
  // Only main can open another window; give it our preload on another origin: the bridge is there, the register is not.
  const response = await app.evaluate(async ({ BrowserWindow }, preload) => {
    const other = new BrowserWindow({ show: false, webPreferences: { preload, sandbox: true, contextIsolation: true } });
    try {
      await other.loadURL('data:text/html,<p>other</p>');
      return await other.webContents.executeJavaScript("window.childDesk.call('session.status', {})");
    } finally {
      other.destroy();
    }
  }, PRELOAD_BUNDLE);
  expect(response).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('closing with unsaved entries asks first (English and Urdu), and Stay keeps the window', async ({ app, page }) => {
  await app.evaluate(({ dialog }) => {
    const asked: string[] = [];
    (globalThis as { asked?: string[] }).asked = asked;
    dialog.showMessageBoxSync = ((...args: unknown[]) => {
      const options = args[args.length - 1] as { message: string; detail: string };
      asked.push(`${options.message} | ${options.detail}`);
      return 1; // Stay
    }) as typeof dialog.showMessageBoxSync;
  });
  await page.evaluate(() => window.addEventListener('beforeunload', (event) => event.preventDefault()));
  await page.click('body'); // beforeunload dialogs need a user gesture on the page
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
  await page.waitForTimeout(500);
  const asked = await app.evaluate(() => (globalThis as { asked?: string[] }).asked ?? []);
  expect(asked).toHaveLength(1);
  expect(asked[0]).toMatch(/not saved.*\|.*محفوظ/);
  expect(app.windows()).toHaveLength(1);
});

test('the register locks when the screen locks', async ({ app, page }) => {
  const call = (method: string, input: unknown) =>
    page.evaluate(([m, i]) => (window as unknown as { childDesk: { call: (m: string, i: unknown) => Promise<{ ok: boolean; result?: { state?: string } }> } }).childDesk.call(m as string, i), [method, input] as const);
  const setup = await call('session.setupStation', {
    stationCode: 'QTA01',
    stationName: 'Civil Lines Quetta',
    district: 'Quetta',
    username: 'incharge',
    passphrase: 'correct horse battery staple',
  });
  expect(setup.ok).toBe(true);
  expect((await call('session.status', {})).result?.state).toBe('unlocked');
  await app.evaluate(({ powerMonitor }) => powerMonitor.emit('lock-screen'));
  await expect.poll(async () => (await call('session.status', {})).result?.state).toBe('locked');
});
