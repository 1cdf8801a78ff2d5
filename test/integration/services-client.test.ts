import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_ID_PATTERN } from '../../src/core/errors.js';
import { ServicesClient } from '../../src/services/services-client.js';
import { FAST_SCRYPT, juvenileCase, PASSPHRASE, tempDir } from '../support/register.js';

/**
 * The services thread behind the shells' one door: the same answers as an ApiHost in-process, from a worker
 * thread, including typed errors, auto-lock, and what happens when the thread dies.
 */
let dir: string;
let cleanup: () => void;
let client: ServicesClient;
let logFile: string;

// Each test gets a fresh register and thread: starting a thread under tsx costs a few seconds on a loaded
// machine, so the tests are few and each covers a whole story.
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  logFile = join(dir, 'logs', 'childdesk.log');
  client = await ServicesClient.start({ registerPath: join(dir, 'station.db'), storeOptions: { scrypt: FAST_SCRYPT }, autoLockMs: 60_000, logFile });
});
afterEach(async () => {
  await client.close();
  cleanup();
});

const setup = () => client.call('session.setupStation', { stationCode: 'QTA01', stationName: 'Civil Lines', district: 'Quetta', username: 'incharge', passphrase: PASSPHRASE });
const threadOf = (services: ServicesClient) => (services as unknown as { worker: Worker | null }).worker;
const logLines = () => readFileSync(logFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('ServicesClient: the register in a worker thread', () => {
  it('runs the register on another thread: calls round trip, typed errors cross in both languages, lock answers whether it was open', async () => {
    expect(threadOf(client)?.threadId).toBeGreaterThan(0);
    expect(await client.call('session.status', {})).toEqual({ ok: true, result: { state: 'no_register' } });
    expect(await client.lock()).toBe(false);
    expect(await setup()).toMatchObject({ ok: true, result: { session: { state: 'unlocked' } } });
    const created = await client.call('case.create', juvenileCase());
    expect(created).toMatchObject({ ok: true, result: { caseNumber: expect.stringMatching(/^QTA01-\d{4}-0001$/) } });
    expect(await client.call('case.list', { search: 'Zainab' })).toMatchObject({ ok: true, result: [{ caseNumber: (created as { result: { caseNumber: string } }).result.caseNumber }] });
    expect(await client.status()).toMatchObject({ state: 'unlocked', register: { stationCode: 'QTA01' } });

    const bad = await client.call('case.create', { ...juvenileCase(), category: 'suspect' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('category') } });
    expect(JSON.stringify(bad)).not.toMatch(/\n\s+at /);
    expect(await client.call('case.drop', {})).toMatchObject({ ok: false, error: { code: 'USAGE' } });

    // Locking answers whether the register was open, so the shell knows to show its lock screen.
    expect(await client.lock()).toBe(true);
    expect(await client.status()).toEqual({ state: 'locked' });
    expect(await client.lock()).toBe(false);
    const refused = await client.call('case.list', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', messageUr: expect.stringMatching(/[\u0600-\u06FF]/), action: expect.any(String) } });
  });

  it('locks itself after the inactivity limit, as the in-process host did', async () => {
    await client.close();
    client = await ServicesClient.start({ registerPath: join(dir, 'station.db'), storeOptions: { scrypt: FAST_SCRYPT }, autoLockMs: 300 });
    await setup();
    // status() is the idle timer's question: it does not count as activity.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await client.status()).state).toBe('unlocked');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await client.call('case.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await client.status()).toEqual({ state: 'locked' });
  });

  it('answers SERVICES_STOPPED with a logged error id when the thread dies, then starts a fresh, locked one', async () => {
    await setup();
    const first = threadOf(client)!;
    const inFlight = client.call('case.list', {});
    await first.terminate();
    const failed = await inFlight;
    expect(failed).toMatchObject({ ok: false, error: { code: 'SERVICES_STOPPED', errorId: expect.stringMatching(ERROR_ID_PATTERN), messageUr: expect.stringMatching(/[\u0600-\u06FF]/) } });
    const { errorId } = (failed as { error: { errorId: string } }).error;
    expect(logLines()).toContainEqual(expect.objectContaining({ event: 'services.stopped', errorId, level: 'error' }));

    // The next call starts a new thread; the session died with the old one, so the register is locked.
    expect(await client.call('session.status', {})).toEqual({ ok: true, result: { state: 'locked' } });
    expect(threadOf(client)).not.toBe(first);
    expect(await client.call('session.login', { username: 'incharge', passphrase: PASSPHRASE })).toMatchObject({ ok: true, result: { state: 'unlocked' } });
  });

  it('gives up after the thread dies three times in a minute, failing plainly instead of looping', async () => {
    for (let death = 0; death < 3; death++) {
      expect(await client.call('session.status', {})).toMatchObject({ ok: true });
      await threadOf(client)!.terminate();
    }
    expect(await client.call('session.status', {})).toMatchObject({ ok: false, error: { code: 'SERVICES_STOPPED', message: expect.stringContaining('close and reopen') } });
    expect(threadOf(client)).toBeNull();
    expect(await client.status()).toEqual({ state: 'no_register' });
  });
});

describe('ServicesClient: Save as PDF through the shell\'s printer', () => {
  it('the thread asks the shell to print; the PDF lands in the save target; a printer failure comes back typed', async () => {
    await client.close();
    const printed: string[] = [];
    let fail = false;
    const printer = {
      print: async (html: string) => {
        if (fail) throw new Error('the print window crashed');
        printed.push(html);
        return { pdf: new TextEncoder().encode('%PDF-1.7 <</Type /Page>>'), pages: 1, layout: null };
      },
    };
    client = await ServicesClient.start({ registerPath: join(dir, 'station.db'), storeOptions: { scrypt: FAST_SCRYPT }, autoLockMs: 60_000, logFile }, printer);
    await setup();
    const { result } = (await client.call('case.create', juvenileCase())) as { result: { id: string; caseNumber: string } };
    const target = await client.saveTarget({ purpose: 'report', name: `${result.caseNumber}-intake-en.pdf`, where: { kind: 'memory' } });
    expect(await client.call('form.pdf', { caseId: result.id, form: 'intake', lang: 'en', target: target.handle })).toEqual({ ok: true, result: { name: `${result.caseNumber}-intake-en.pdf`, bytes: 24, pages: 1 } });
    // The shell printed the signed form's whole document (fonts inline), and the thread wrote what it got back.
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^<!DOCTYPE html>[\s\S]*src:url\(data:font\/woff2;base64,/);
    const output = await client.output(target.handle);
    expect(output.kind === 'bytes' && Buffer.from(output.bytes).toString('latin1')).toMatch(/^%PDF-/);

    fail = true;
    const failed = await client.call('form.pdf', { caseId: result.id, form: 'intake', lang: 'en', target: target.handle });
    expect(failed).toMatchObject({ ok: false, error: { code: 'PRINT_FAILED', errorId: expect.stringMatching(ERROR_ID_PATTERN) } });
    expect(JSON.stringify(failed)).not.toContain('crashed');
    expect(logLines().find((line) => line.event === 'print.unexpected')).toMatchObject({ errorId: (failed as { error: { errorId: string } }).error.errorId });
  });
});
