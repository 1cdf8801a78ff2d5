import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeBundle } from '../../src/bundle/bundle-file.js';
import { BUNDLE_FORMAT, type ChangeLine } from '../../src/bundle/format.js';
import { generateSigningKey, keyIdToHex } from '../../src/bundle/minisign.js';
import type { StationKeyFile } from '../../src/bundle/peer-files.js';
import { districtView } from '../../src/core/district-view.js';
import { fingerprint } from '../../src/core/fingerprint.js';
import { formatCaseNumber, newRecordId } from '../../src/core/ids.js';
import { enrollStation } from '../../src/services/bundles.js';
import type { Session } from '../../src/services/session.js';
import { generateCases } from './generate-cases.js';

/**
 * Station bundles made without a station register (a bench needs 50 stations x 5,000 cases): the same lines,
 * manifest and signature a station writes, from generated cases, signed by a key enrolled at the district.
 */
export type FabricatedStation = { code: string; registerId: string; signer: { keyId: string; secretKey: Uint8Array } };

export async function fabricateStation(dir: string, district: Session, code: string): Promise<FabricatedStation> {
  const key = generateSigningKey();
  const registerId = randomUUID();
  const keyId = keyIdToHex(key.keyId);
  const file: StationKeyFile = { format: 'childdesk-station-key/1', stationCode: code, stationName: `Station ${code}`, district: 'Quetta', registerId, keyId, publicKey: Buffer.from(key.publicKey).toString('base64') };
  const path = join(dir, `${code}.pub`);
  writeFileSync(path, JSON.stringify(file));
  await enrollStation(district, path);
  return { code, registerId, signer: { keyId, secretKey: key.secretKey } };
}

/** Change lines for `count` generated cases (one audit entry each), as a station would export them. */
export function* stationChangeLines(station: FabricatedStation, count: number, seed: number): Generator<ChangeLine> {
  const cases = generateCases(count, seed);
  const ids: string[] = [];
  for (const [i, data] of cases.entries()) {
    const id = newRecordId();
    ids.push(id);
    const at = data.reportedAt;
    const { id: _id, caseNumber, stationCode: _s, revision, createdAt, createdBy: _c, updatedAt, updatedBy, ...rest } = districtView({
      ...data,
      id,
      caseNumber: formatCaseNumber(station.code, 2026, i + 1),
      stationCode: station.code,
      revision: 1,
      createdAt: at,
      createdBy: 'officer',
      updatedAt: at,
      updatedBy: 'officer',
    });
    yield { type: 'case', changeSeq: i + 1, recordId: id, caseNumber, owningStation: station.code, revision, op: 'upsert', data: rest, completions: [], createdAt, editedAt: updatedAt, editedBy: updatedBy, rulePackVersion: 'jjsa-2018.1' };
  }
  for (const [i, id] of ids.entries()) {
    yield { type: 'audit', seq: i + 1, at: cases[i]!.reportedAt, action: 'case.create', entityType: 'case', entityId: id, actorId: 'officer', details: '{}', hash: '0'.repeat(64) };
  }
}

/** `edit` may change any line before it is written (a test's bad line), still signed by the station. */
export async function fabricateBundle(path: string, district: Session, station: FabricatedStation, count: number, seed: number, sequence = 1, edit: (line: ChangeLine) => ChangeLine = (line) => line): Promise<void> {
  const identity = district.register.keys.agreementIdentity()!;
  const signing = district.register.keys.signingKey();
  await writeBundle({
    path,
    recipient: identity.recipient,
    signer: station.signer,
    lines: (function* () {
      for (const line of stationChangeLines(station, count, seed)) yield edit(line);
    })(),
    manifest: ({ outerHeaderSha256, changes }) => ({
      format: BUNDLE_FORMAT,
      bundleId: randomUUID(),
      createdAt: new Date().toISOString(),
      station: { code: station.code, registerId: station.registerId, keyId: station.signer.keyId },
      district: { name: district.register.info.district, registerId: district.register.info.registerId, keyFingerprint: fingerprint(new TextEncoder().encode(identity.recipient), signing.publicKey) },
      outerHeaderSha256,
      sequence,
      previousManifestSha256: null,
      changes: { fromChangeSeq: 0, toChangeSeq: count, cases: count, auditEntries: count },
      files: { 'changes.ndjson.gz': changes },
      lastReceipt: null,
      app: { version: 'bench', schemaMigrations: 4 },
      rulePackVersion: 'jjsa-2018.1',
    }),
  });
}
