import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshCliEntry, staleInputs, staleness } from '../../../src/cli/freshness.mjs';

/** A stale build of the command never runs: src/cli/bin.mjs rebuilds first when any of its inputs is newer. */

let root: string;
let out: string;
const at = (path: string) => join(root, path);
const writeInfo = (builtAt: number, inputs: string[]) => writeFileSync(join(out, 'build-info.json'), JSON.stringify({ builtAt, inputs }));
const touch = (path: string, ms: number) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(at(path), 'x');
  utimesSync(at(path), ms / 1000, ms / 1000);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'childdesk-fresh-'));
  out = at('out/cli');
  mkdirSync(out, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the built command is current or rebuilt', () => {
  it('names the inputs newer than the build, or gone', () => {
    const mtimes: Record<string, number | null> = { 'src/a.ts': 900, 'src/b.ts': 1_001, 'src/gone.ts': null };
    expect(staleInputs({ builtAt: 1_000, inputs: Object.keys(mtimes) }, (input) => mtimes[input] ?? null)).toEqual(['src/b.ts', 'src/gone.ts']);
  });

  it('is current when every input is older than the start of the build', () => {
    touch('src/cli/main.ts', 1_000_000);
    touch('package-lock.json', 1_000_000);
    writeInfo(2_000_000, ['src/cli/main.ts', 'package-lock.json']);
    expect(staleness(out, root)).toBeNull();
  });

  it('says why it is stale: not built, or which source changed', () => {
    expect(staleness(out, root)).toBe('the command is not built yet');
    touch('src/cli/main.ts', 3_000_000);
    touch('src/core/case-model.ts', 3_000_000);
    writeInfo(2_000_000, ['src/cli/main.ts', 'src/core/case-model.ts']);
    expect(staleness(out, root)).toBe('src/cli/main.ts and 1 more file(s) changed since the command was built');
  });

  it('rebuilds a stale build before handing out the entry, and says so on stderr', async () => {
    touch('src/cli/main.ts', 3_000_000);
    writeInfo(2_000_000, ['src/cli/main.ts']);
    const said: string[] = [];
    let rebuilt = 0;
    const entry = await freshCliEntry({ outDir: out, root, say: (text) => said.push(text), rebuild: async () => void (rebuilt++, writeInfo(4_000_000, ['src/cli/main.ts'])) });
    expect(rebuilt).toBe(1);
    expect(said.join('')).toMatch(/src\/cli\/main\.ts changed since the command was built; building it first/);
    expect(entry).toBe(pathToFileURL(join(out, 'childdesk.js')).href);
  });

  it('runs a current build without rebuilding, and refuses one the rebuild could not bring up to date', async () => {
    touch('src/cli/main.ts', 1_000_000);
    writeInfo(2_000_000, ['src/cli/main.ts']);
    await freshCliEntry({ outDir: out, root, say: () => {}, rebuild: async () => expect.unreachable('a current build is not rebuilt') });
    touch('src/cli/main.ts', 3_000_000);
    await expect(freshCliEntry({ outDir: out, root, say: () => {}, rebuild: async () => {} })).rejects.toThrow(/still stale/);
  });
});
