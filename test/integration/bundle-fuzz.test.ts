import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle, importBundles } from '../../src/services/bundles.js';
import type { Session } from '../../src/services/session.js';
import { addCases, contentHash, stationAndDistrict } from '../support/bundles.js';
import { fabricateBundle, fabricateStation } from '../support/fabricate-bundles.js';
import { tempDir } from '../support/register.js';

/**
 * Mutated, truncated and spliced bundles: none may be accepted, none may crash the importer, and the district
 * register's content must be exactly as before each attempt. One seed is larger than an age STREAM chunk
 * (64 KiB), so damage past the first chunk is found while the change lines are already being applied.
 */

const MUTANTS = 5000;
/** The share of mutants made from the multi-chunk seed (each costs a partly applied, rolled-back import). */
const LARGE_SHARE = 0.1;

/** A small deterministic generator (mulberry32): a failure names its seed and can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = { name: string; apply: (bytes: Buffer, other: Buffer, rand: () => number) => Buffer };

const int = (rand: () => number, below: number) => Math.floor(rand() * below);

const MUTATIONS: Mutation[] = [
  {
    name: 'flip one bit',
    apply: (bytes, _other, rand) => {
      const copy = Buffer.from(bytes);
      copy[int(rand, copy.length)]! ^= 1 << int(rand, 8);
      return copy;
    },
  },
  {
    name: 'change a few bytes',
    apply: (bytes, _other, rand) => {
      const copy = Buffer.from(bytes);
      for (let i = 1 + int(rand, 4); i > 0; i--) copy[int(rand, copy.length)]! ^= 1 + int(rand, 255);
      return copy;
    },
  },
  { name: 'truncate', apply: (bytes, _other, rand) => bytes.subarray(0, int(rand, bytes.length)) },
  {
    name: 'cut a range out',
    apply: (bytes, _other, rand) => {
      const from = int(rand, bytes.length - 1);
      const to = from + 1 + int(rand, Math.min(4096, bytes.length - from - 1) + 1);
      return Buffer.concat([bytes.subarray(0, from), bytes.subarray(to)]);
    },
  },
  {
    name: 'insert bytes',
    apply: (bytes, _other, rand) => {
      const at = int(rand, bytes.length);
      const junk = Buffer.alloc(1 + int(rand, 64), int(rand, 256));
      return Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]);
    },
  },
  {
    name: 'splice two bundles',
    apply: (bytes, other, rand) => {
      const cut = int(rand, Math.min(bytes.length, other.length));
      return rand() < 0.5 ? Buffer.concat([bytes.subarray(0, cut), other.subarray(cut)]) : Buffer.concat([other.subarray(0, cut), bytes.subarray(cut)]);
    },
  },
  { name: 'append data', apply: (bytes, _other, rand) => Buffer.concat([bytes, Buffer.alloc(1 + int(rand, 100), 0x41)]) },
];

let dir: string;
let cleanup: () => void;
let station: Session;
let district: Session;
let first: Buffer;
let second: Buffer;
let large: Buffer;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  ({ station, district } = await stationAndDistrict(dir));
  addCases(station, 3);
  await exportBundle(station, join(dir, 'b1.chd'));
  addCases(station, 2, 10);
  await exportBundle(station, join(dir, 'b2.chd'));
  first = readFileSync(join(dir, 'b1.chd'));
  second = readFileSync(join(dir, 'b2.chd'));
  // 800 generated cases: about 80 KB, two payload chunks (a larger one only makes each late-damage mutant slower).
  await fabricateBundle(join(dir, 'large.chd'), district, await fabricateStation(dir, district, 'QTA07'), 800, 7);
  large = readFileSync(join(dir, 'large.chd'));
});

afterAll(() => {
  station.register.close();
  district.register.close();
  cleanup();
});

describe('bundle fuzzing', () => {
  it(`rejects ${MUTANTS} mutated, truncated and spliced bundles without crashing or changing the register`, async () => {
    const before = contentHash(district.register.db.sqlite);
    const path = join(dir, 'mutant.chd');
    const codes = new Map<string, number>();
    const originals = [first, second, large];
    expect(large.length).toBeGreaterThan(64 * 1024 + 1024);
    let fromLarge = 0;
    for (let seed = 1; seed <= MUTANTS; seed++) {
      const rand = random(seed);
      const mutation = MUTATIONS[seed % MUTATIONS.length]!;
      const useLarge = rand() < LARGE_SHARE;
      const [base, other] = useLarge ? [large, rand() < 0.5 ? first : second] : rand() < 0.5 ? [first, second] : [second, first];
      // A mutation that gives back an original (a bit flipped twice, a splice at the end) is not a mutant: draw
      // again from the same generator, so every seed yields exactly one real mutant and stays replayable.
      let mutant = mutation.apply(base, other, rand);
      for (let draw = 1; originals.some((original) => mutant.equals(original)); draw++) {
        if (draw > 100) throw new Error(`seed ${seed} (${mutation.name}) keeps giving back an original`);
        mutant = mutation.apply(base, other, rand);
      }
      if (useLarge) fromLarge++;
      writeFileSync(path, mutant);
      const [report] = await importBundles(district, [path]);
      if (report!.outcome !== 'rejected') throw new Error(`seed ${seed} (${mutation.name}) was ${report!.outcome} as ${report!.code}`);
      codes.set(report!.code, (codes.get(report!.code) ?? 0) + 1);
      if (contentHash(district.register.db.sqlite) !== before) throw new Error(`seed ${seed} (${mutation.name}) changed the register`);
    }
    expect([...codes.values()].reduce((a, b) => a + b, 0)).toBe(MUTANTS);
    expect(fromLarge).toBeGreaterThan(MUTANTS * LARGE_SHARE * 0.8);
    expect([...codes.keys()].sort()).toEqual(expect.arrayContaining(['damaged', 'not-a-bundle']));
    // The originals still import afterwards: rejection left nothing behind that blocks them.
    expect((await importBundles(district, [join(dir, 'b1.chd'), join(dir, 'b2.chd'), join(dir, 'large.chd')])).map((r) => r.code)).toEqual(['ok', 'stale', 'ok']);
  }, 300_000);
});
