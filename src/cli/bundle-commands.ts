import { AppError } from '../core/errors.js';
import { db, services, positional, required, user, withSession, type Command } from './command.js';
import type { ImportProgress } from '../services/bundles.js';
import type { CliIo } from './terminal.js';

const out = { out: { type: 'string' } } as const;

/** Progress on stderr, on one line that rewrites itself in a terminal; silent when stderr is not a terminal. */
function progressLine(io: CliIo, label: string): ((count: number) => void) | undefined {
  if (!io.errIsTerminal) return undefined;
  return (count) => io.err(`\r${label}: ${count.toLocaleString('en-US')}`);
}

function endProgress(io: CliIo): void {
  if (io.errIsTerminal) io.err('\n');
}

const fingerprintNote = (what: string, fingerprint: string) =>
  `${what}\nFingerprint: ${fingerprint}\nRead it aloud over the phone (or compare the printed copy) before the other side trusts this key.`;

export const BUNDLE_COMMANDS: Record<string, Command> = {
  'station key': {
    usage: 'station key --db FILE [--user NAME] --out station.pub   (the station signing key, for the district to enroll)',
    options: { ...db, ...user, ...out },
    run: (v, _args, io) =>
      withSession(v, io, async (session) => {
        const { writeStationKeyFile } = await services();
        const result = await writeStationKeyFile(session, required(v, 'out'));
        return { json: result, text: fingerprintNote(`Wrote ${v.out}.`, result.fingerprint) };
      }),
  },
  'station pin-district': {
    usage: 'station pin-district --db FILE [--user NAME] DISTRICT_PUB   (trust the district key; check its fingerprint first)',
    options: { ...db, ...user },
    run: (v, args, io) =>
      withSession(v, io, async (session) => {
        const { pinDistrict } = await services();
        const result = await pinDistrict(session, positional(args, 0, 'DISTRICT_PUB'));
        return { json: result, text: fingerprintNote(`Pinned the district key of ${result.district}.`, result.fingerprint) };
      }),
  },
  'station rotate-key': {
    usage: 'station rotate-key --db FILE [--user NAME] --out rotation.json   (new signing key; give the statement to the district)',
    options: { ...db, ...user, ...out },
    run: (v, _args, io) =>
      withSession(v, io, async (session) => {
        const { rotateStationKey } = await services();
        const result = await rotateStationKey(session, required(v, 'out'));
        return { json: result, text: fingerprintNote(`New key made; the statement signed by old and new keys is in ${v.out}.`, result.fingerprint) };
      }),
  },
  export: {
    usage: 'export --db FILE [--user NAME] --out BUNDLE.chd   (every case changed since the district’s last receipt)',
    options: { ...db, ...user, ...out },
    run: (v, _args, io) =>
      withSession(v, io, async (session) => {
        const { exportBundle } = await services();
        const result = await exportBundle(session, required(v, 'out'), progressLine(io, 'Cases written')).finally(() => endProgress(io));
        return { json: result, text: `Bundle ${result.sequence} written to ${result.path}: ${result.cases} cases, ${result.auditEntries} audit entries, ${result.bytes.toLocaleString('en-US')} bytes.` };
      }),
  },
  'receipt import': {
    usage: 'receipt import --db FILE [--user NAME] RECEIPT   (the district’s acknowledgement)',
    options: { ...db, ...user },
    run: (v, args, io) =>
      withSession(v, io, async (session) => {
        const { importReceipt } = await services();
        const result = await importReceipt(session, positional(args, 0, 'RECEIPT'));
        const gaps = result.gaps.length ? ` Missing at the district: ${result.gaps.map((g) => `${g.from}-${g.to}`).join(', ')}.` : '';
        const held = result.quarantined.length ? ` Held back in quarantine: ${result.quarantined.map((q) => `${q.sequence} (${q.code})`).join(', ')}.` : '';
        return { json: result, text: `The district holds every bundle through ${result.throughSequence}.${gaps}${held}` };
      }),
  },
  'district key': {
    usage: 'district key --db FILE [--user NAME] --out district.pub   (for stations to pin)',
    options: { ...db, ...user, ...out },
    run: (v, _args, io) =>
      withSession(v, io, async (session) => {
        const { writeDistrictKeyFile } = await services();
        const result = await writeDistrictKeyFile(session, required(v, 'out'));
        return { json: result, text: fingerprintNote(`Wrote ${v.out}.`, result.fingerprint) };
      }),
  },
  'district enroll': {
    usage: 'district enroll --db FILE [--user NAME] STATION_PUB   (trust a station key; check its fingerprint first)',
    options: { ...db, ...user },
    run: (v, args, io) =>
      withSession(v, io, async (session) => {
        const { enrollStation } = await services();
        const result = await enrollStation(session, positional(args, 0, 'STATION_PUB'));
        return { json: result, text: fingerprintNote(`Enrolled station ${result.stationCode}.`, result.fingerprint) };
      }),
  },
  'district import': {
    usage: 'district import --db FILE [--user NAME] BUNDLE... [--json]   (exit 1 if any bundle was rejected or quarantined)',
    options: { ...db, ...user },
    run: (v, args, io) =>
      withSession(v, io, async (session) => {
        const { importBundles } = await services();
        if (args.length === 0) throw new AppError('USAGE', 'Name at least one bundle file.');
        const onProgress = io.errIsTerminal ? ({ file, index, of }: ImportProgress) => io.err(`Importing ${index + 1}/${of}: ${file}`) : undefined;
        const reports = await importBundles(session, args, { onProgress }).finally(() => endProgress(io));
        const text = reports
          .map((r) => `${r.file}: ${r.code} -- ${r.message}${r.outcome === 'applied' ? ` (${r.casesAdded} added, ${r.casesUpdated} updated, ${r.stale} stale)` : ''}${r.outcome === 'rejected' || r.outcome === 'quarantined' ? ` ${r.action}` : ''}`)
          .join('\n');
        const failed = reports.filter((r) => r.outcome === 'rejected' || r.outcome === 'quarantined');
        return { json: reports, text, exitCode: failed.length > 0 ? 1 : 0 };
      }),
  },
  'district receipt': {
    usage: 'district receipt --db FILE [--user NAME] --station CODE --out RECEIPT   (what the district holds, for the station)',
    options: { ...db, ...user, ...out, station: { type: 'string' } },
    run: (v, _args, io) =>
      withSession(v, io, async (session) => {
        const { writeReceipt } = await services();
        const body = await writeReceipt(session, required(v, 'station'), required(v, 'out'));
        const missing = body.gaps.length ? `, missing ${body.gaps.map((g) => `${g.from}-${g.to}`).join(', ')}` : '';
        const held = body.quarantined.length ? `, held back ${body.quarantined.map((q) => `${q.sequence} (${q.code})`).join(', ')}` : '';
        return { json: body, text: `Receipt for ${body.station.code}: every bundle through ${body.throughSequence}${missing}${held}. Written to ${v.out}.` };
      }),
  },
  'district accept-rotation': {
    usage: 'district accept-rotation --db FILE [--user NAME] ROTATION   (a station’s new key, signed by its old one)',
    options: { ...db, ...user },
    run: (v, args, io) =>
      withSession(v, io, async (session) => {
        const { acceptRotation } = await services();
        const result = await acceptRotation(session, positional(args, 0, 'ROTATION'));
        if (result.alreadyAccepted) return { json: result, text: `This rotation of station ${result.stationCode} was already accepted; it signs with its new key (fingerprint ${result.fingerprint}). Nothing changed.` };
        return { json: result, text: fingerprintNote(`Station ${result.stationCode} now signs with its new key.`, result.fingerprint) };
      }),
  },
  'district revoke': {
    usage: 'district revoke --db FILE [--user NAME] --station CODE --last-trusted-seq N   (a lost or stolen station key)',
    options: { ...db, ...user, station: { type: 'string' }, 'last-trusted-seq': { type: 'string' } },
    run: (v, _args, io) =>
      withSession(v, io, async (session) => {
        const { revokeStationKey } = await services();
        const last = Number(required(v, 'last-trusted-seq'));
        if (!Number.isInteger(last) || last < 0) throw new AppError('USAGE', '--last-trusted-seq must be a whole number.');
        const result = revokeStationKey(session, required(v, 'station'), last);
        return { json: result, text: `Revoked ${result.revokedKeys.length} key(s) of ${v.station}; its bundles after ${last} will be quarantined.` };
      }),
  },
};
