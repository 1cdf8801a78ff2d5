import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { initDistrict, initStation, login } from '../../src/services/register.js';
import { createCase } from '../../src/services/cases.js';
import { enrollStation, pinDistrict, writeDistrictKeyFile, writeStationKeyFile } from '../../src/services/bundles.js';
import type { Session } from '../../src/services/session.js';
import type { SqliteDatabase } from '../../src/store/database.js';
import { juvenileCase, PASSPHRASE, testOptions } from './register.js';

/** A station and a district that have exchanged keys, as they would in person. */
export async function stationAndDistrict(dir: string, stationCode = 'QTA01', district?: Session) {
  const districtSession = district ?? (await newDistrict(dir, 'Quetta'));
  const station = await newStationNamed(dir, stationCode);
  await exchangeKeys(dir, station, districtSession);
  return { station, district: districtSession };
}

export async function newDistrict(dir: string, name: string): Promise<Session> {
  const { session } = await initDistrict({ path: join(dir, `district-${name}.db`), district: name, username: 'cpu', passphrase: PASSPHRASE }, testOptions());
  return session;
}

export async function newStationNamed(dir: string, code: string): Promise<Session> {
  const { session } = await initStation(
    { path: join(dir, `station-${code}.db`), stationCode: code, stationName: `Station ${code}`, district: 'Quetta', username: 'incharge', passphrase: PASSPHRASE },
    testOptions(),
  );
  return session;
}

export async function exchangeKeys(dir: string, station: Session, district: Session): Promise<void> {
  const code = station.register.info.stationCode!;
  const stationPub = join(dir, `${code}.pub`);
  const districtPub = join(dir, `district-${district.register.info.district}.pub`);
  await writeStationKeyFile(station, stationPub);
  await enrollStation(district, stationPub);
  await writeDistrictKeyFile(district, districtPub);
  await pinDistrict(station, districtPub);
}

export function addCases(station: Session, count: number, offset = 0): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(createCase(station, juvenileCase({ offence: { firNumber: `${offset + i + 1}/2026`, sections: ['PPC 379'] } })).id);
  }
  return ids;
}

export function loginAt(path: string): Promise<Session> {
  return login(path, 'incharge', PASSPHRASE, testOptions());
}

/** Prepared once per database: the fuzz test hashes the register after each of thousands of imports. */
const statements = new WeakMap<SqliteDatabase, Map<string, ReturnType<SqliteDatabase['prepare']>>>();

function prepared(sqlite: SqliteDatabase, sql: string): ReturnType<SqliteDatabase['prepare']> {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = sqlite.prepare(sql)));
  return statement;
}

/** A hash of every row of every table: "byte-for-byte unchanged" in the sense that matters, the content. */
export function contentHash(sqlite: SqliteDatabase): string {
  const hash = createHash('sha256');
  const tables = prepared(sqlite, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  for (const table of tables) {
    hash.update(`\n#${table}\n`);
    for (const row of prepared(sqlite, `SELECT * FROM "${table}"`).raw().iterate()) hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v)));
  }
  return hash.digest('hex');
}
