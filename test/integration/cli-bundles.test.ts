import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../src/services/register.js';
import { fabricateBundle, fabricateStation } from '../support/fabricate-bundles.js';
import { juvenileCase, PASSPHRASE, tempDir } from '../support/register.js';

import { childdesk as runInProcess } from '../support/cli.js';

/** Run with the test's own folder as the working folder, not the repository's: officers run it from anywhere. */
function childdesk(args: string[], stdin = '') {
  return runInProcess(args, { stdin, cwd: dir });
}

let dir: string;
let cleanup: () => void;
const at = (name: string) => join(dir, name);
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

describe('childdesk bundles and district CLI (one station and its district, in order)', () => {
  it('sets up both registers and exchanges keys with fingerprints a person can read', async () => {
    expect((await childdesk(['station', 'init', '--db', at('s.db'), '--station-code', 'QTA01', '--station-name', 'Civil Lines', '--district', 'Quetta', '--user', 'incharge'])).code).toBe(0);
    expect((await childdesk(['district', 'init', '--db', at('d.db'), '--district', 'Quetta', '--user', 'cpu'])).code).toBe(0);
    const stationKey = await childdesk(['station', 'key', '--db', at('s.db'), '--out', at('QTA01.pub')]);
    expect(stationKey.stdout).toMatch(/Fingerprint: [A-Z2-7]{4}(-[A-Z2-7]{4}){3}/);
    const districtKey = await childdesk(['district', 'key', '--db', at('d.db'), '--out', at('district.pub'), '--json']);
    expect(districtKey.json().fingerprint).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    const pinned = await childdesk(['station', 'pin-district', '--db', at('s.db'), at('district.pub'), '--json']);
    expect(pinned.json().fingerprint).toBe(districtKey.json().fingerprint);
    const enrolled = await childdesk(['district', 'enroll', '--db', at('d.db'), at('QTA01.pub'), '--json']);
    expect(enrolled.json()).toMatchObject({ stationCode: 'QTA01' });
  });

  it('exports, imports (ok, then duplicate), and exits 1 when any bundle is rejected', async () => {
    await childdesk(['case', 'add', '--db', at('s.db'), '--json'], JSON.stringify([juvenileCase(), juvenileCase()]));
    const exported = await childdesk(['export', '--db', at('s.db'), '--out', at('b1.chd'), '--json']);
    expect(exported.code).toBe(0);
    expect(exported.json()).toMatchObject({ sequence: 1, cases: 2 });
    const imported = await childdesk(['district', 'import', '--db', at('d.db'), at('b1.chd'), '--json']);
    expect(imported.code).toBe(0);
    expect(imported.json(), imported.stdout).toEqual([expect.objectContaining({ file: at('b1.chd'), outcome: 'applied', code: 'ok', casesAdded: 2, casesUpdated: 0, stale: 0, gaps: [] })]);
    writeFileSync(at('junk.chd'), 'junk');
    const mixed = await childdesk(['district', 'import', '--db', at('d.db'), at('b1.chd'), at('junk.chd'), '--json']);
    expect(mixed.code).toBe(1);
    expect(mixed.json().map((r: { code: string }) => r.code)).toEqual(['duplicate', 'not-a-bundle']);
  });

  it('shows the station board, sends a note back in a receipt, and the station imports it', async () => {
    const board = await childdesk(['district', 'status', '--db', at('d.db'), '--json']);
    expect(board.json()).toEqual([expect.objectContaining({ stationCode: 'QTA01', cases: 2, advice: [] })]);
    const [first] = (await childdesk(['case', 'list', '--db', at('s.db'), '--json'])).json() as Array<{ id: string }>;
    expect((await childdesk(['district', 'note', '--db', at('d.db'), first!.id, '--kind', 'follow_up', '--text', 'Call the guardian'])).code).toBe(0);
    const receipt = await childdesk(['district', 'receipt', '--db', at('d.db'), '--station', 'QTA01', '--out', at('r1.json'), '--json']);
    expect(receipt.json()).toMatchObject({ throughSequence: 1, notes: [expect.objectContaining({ kind: 'follow_up' })] });
    const taken = await childdesk(['receipt', 'import', '--db', at('s.db'), at('r1.json'), '--json']);
    expect(taken.json()).toMatchObject({ throughSequence: 1, notes: 1 });
  });

  it('revokes a station key: its next bundle is quarantined and the import exits 1', async () => {
    expect((await childdesk(['district', 'revoke', '--db', at('d.db'), '--station', 'QTA01', '--last-trusted-seq', '1'])).code).toBe(0);
    await childdesk(['case', 'add', '--db', at('s.db'), '--json'], JSON.stringify(juvenileCase()));
    await childdesk(['export', '--db', at('s.db'), '--out', at('b2.chd')]);
    const held = await childdesk(['district', 'import', '--db', at('d.db'), at('b2.chd')]);
    expect(held.code).toBe(1);
    expect(held.stdout).toContain('b2.chd: revoked-key');
  });
});

describe('childdesk district report', () => {
  it('writes the monthly return as JSON, CSV, XLSX and a printable PDF with its charts', async () => {
    const json = await childdesk(['district', 'report', '--db', at('d.db'), '--month', '2026-11', '--json']);
    expect(json.code).toBe(0);
    expect(json.json()).toMatchObject({ district: 'Quetta', month: '2026-11', total: { cases: 2 } });
    expect((await childdesk(['district', 'report', '--db', at('d.db'), '--month', '2026-11', '--csv', '--lang', 'ur', '--out', at('r.csv')])).code).toBe(0);
    expect(readFileSync(at('r.csv'), 'utf8').startsWith('\uFEFF')).toBe(true);
    expect((await childdesk(['district', 'report', '--db', at('d.db'), '--month', '2026-11', '--xlsx', '--out', at('r.xlsx')])).code).toBe(0);
    expect(readFileSync(at('r.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect((await childdesk(['district', 'report', '--db', at('d.db'), '--month', '2026-11', '--html', '--lang', 'ur', '--out', at('r.html')])).code).toBe(0);
    const html = readFileSync(at('r.html'), 'utf8');
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('<svg');
    const pdf = await childdesk(['district', 'report', '--db', at('d.db'), '--month', '2026-11', '--pdf', '--out', at('r.pdf')]);
    expect(pdf.code, pdf.stderr).toBe(0);
    expect(readFileSync(at('r.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const bad = await childdesk(['district', 'report', '--db', at('d.db'), '--month', '2026-13']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/month/);
  });
});

describe('childdesk district import of a damaged multi-chunk bundle', () => {
  it('reports a cut-short copy of a bundle over 64 KiB as damaged and still imports the next file', async () => {
    // A station's bundle of 3,000 generated cases (about 280 KB, several age chunks), made beside the CLI.
    const district = await login(at('d.db'), 'cpu', PASSPHRASE);
    try {
      await fabricateBundle(at('large.chd'), district, await fabricateStation(dir, district, 'QTA07'), 3000, 5);
    } finally {
      district.register.close();
    }
    const bytes = readFileSync(at('large.chd'));
    writeFileSync(at('large-short.chd'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    const run = await childdesk(['district', 'import', '--db', at('d.db'), at('large-short.chd'), at('large.chd'), '--json']);
    expect(run.stderr).not.toMatch(/Unhandled|OuterLayerError/);
    expect(run.code, run.stderr).toBe(1);
    expect(run.json().map((r: { code: string; casesAdded: number }) => [r.code, r.casesAdded])).toEqual([
      ['damaged', 0],
      ['ok', 3000],
    ]);
  });
});
