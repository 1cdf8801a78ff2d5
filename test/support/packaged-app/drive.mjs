// Runs the packaged desktop main (extracted from app.asar, with only the production node_modules electron-builder
// packed) under plain Node, with the stand-in `electron` in its node_modules, and drives it through its one IPC
// door as the window would: set up a station, add a case, print a form in English and in Urdu, as HTML and as
// PDF (Save as PDF: main's save dialog, then main's own print window). The PDFs land in OUT_DIR; one JSON line
// of what happened goes to stdout.
//
//   node drive.mjs SPEC_JSON     SPEC: { appDir, userData, outDir, channel, caseInput, chromium }
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const spec = JSON.parse(process.argv[2]);
const electron = await import(pathToFileURL(join(spec.appDir, 'node_modules/electron/index.mjs')).href);
electron.configure({ userData: spec.userData, chromium: spec.chromium, appDir: spec.appDir, saveFolder: spec.outDir });

const report = { steps: [] };
const step = (name, value) => report.steps.push({ name, ...value });

try {
  const packageJson = (await import(pathToFileURL(join(spec.appDir, 'package.json')).href, { with: { type: 'json' } })).default;
  await import(pathToFileURL(join(spec.appDir, packageJson.main)).href);
  await electron.ready;
  const handler = electron.ipcHandler(spec.channel);
  if (!handler) throw new Error(`main registered no handler on ${spec.channel}`);
  const window = electron.appWindow();
  const event = {
    sender: window.webContents,
    senderFrame: { url: 'app://childdesk/index.html', parent: null, frameTreeNodeId: window.webContents.mainFrame.frameTreeNodeId, isDestroyed: () => false },
  };
  const call = async (method, input) => {
    const response = await handler(event, method, input);
    if (!response.ok) throw new Error(`${method}: ${response.error.code} ${response.error.message}`);
    return response.result;
  };

  await call('session.setupStation', { stationCode: 'QTA01', stationName: 'Civil Lines Quetta', district: 'Quetta', username: 'incharge', passphrase: 'correct horse battery staple' });
  step('setup', { ok: true });
  const created = await call('case.create', spec.caseInput);
  step('case', { caseNumber: created.caseNumber });
  for (const lang of ['en', 'ur']) {
    const { html } = await call('form.html', { caseId: created.id, form: 'guardian-notice', lang, preview: true });
    step(`html-${lang}`, { bytes: html.length, embeddedFonts: (html.match(/src:url\(data:font\/woff2;base64,/g) ?? []).length, dir: /<html[^>]* dir="(\w+)"/.exec(html)?.[1] });
    const target = await call('file.saveTarget', { purpose: 'report', suggestedName: `${created.caseNumber}-guardian-notice-${lang}.pdf` });
    const saved = await call('form.pdf', { caseId: created.id, form: 'guardian-notice', lang, target: target.handle });
    step(`pdf-${lang}`, { file: join(spec.outDir, saved.name), pages: saved.pages, bytes: saved.bytes });
  }
  step('print-windows', { made: electron.printWindows().length, allDestroyed: electron.printWindows().every((w) => w.isDestroyed()), options: electron.printWindows()[0]?.options.webPreferences ? Object.keys(electron.printWindows()[0].options.webPreferences).sort() : [] });
} catch (error) {
  report.error = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
} finally {
  await electron.shutDown();
  process.stdout.write(`${JSON.stringify(report)}\n`);
  // Main's timers (auto-lock, the quiet update check) and the services would keep the process alive.
  process.exit(0);
}
