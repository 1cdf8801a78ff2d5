import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase, updateCase } from '../../src/services/cases.js';
import { verifyAudit } from '../../src/services/register.js';
import { juvenileCase, newStation, tempDir } from '../support/register.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** What someone with the key and a SQLCipher shell could do: drop the guard triggers and edit rows. */
function tamper(db: Database.Database, sql: string): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.exec(sql);
}

async function stationWithHistory() {
  const station = await newStation(dir);
  const { id } = createCase(station.session, juvenileCase());
  updateCase(station.session, id, { custody: { producedAt: '2026-11-21T10:00:00+05:00' } });
  createCase(station.session, juvenileCase({ category: 'missing' }));
  return { ...station, id };
}

describe('audit chain', () => {
  it('records creates and changes with field paths only, and verifies intact', async () => {
    const { session, id } = await stationWithHistory();
    const rows = session.register.audit.recent(100).reverse();
    expect(rows.map((r) => r.action)).toEqual(['register.create', 'user.add', 'case.create', 'case.update', 'case.create']);
    const update = rows.find((r) => r.action === 'case.update')!;
    expect(update.entityId).toBe(id);
    expect(JSON.parse(update.details)).toEqual({ caseNumber: 'QTA01-2026-0001', changed: ['custody.producedAt'], revision: 2 });
    for (const row of rows) expect(row.details).not.toMatch(/Zainab|زینب|Muhammad/);
    expect(verifyAudit(session)).toEqual({ ok: true, rows: 5 });
    session.register.close();
  });

  it('finds the first edited row', async () => {
    const { session } = await stationWithHistory();
    tamper(session.register.db.sqlite, `UPDATE audit_log SET details = '{}' WHERE seq = 4`);
    expect(verifyAudit(session)).toMatchObject({ ok: false, firstBrokenSeq: 4, rows: 3 });
    session.register.close();
  });

  it('finds a deleted row', async () => {
    const { session } = await stationWithHistory();
    tamper(session.register.db.sqlite, 'DELETE FROM audit_log WHERE seq = 2');
    expect(verifyAudit(session)).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'row 2 is missing' });
    session.register.close();
  });

  it('finds a row rewritten with a fresh hash but a broken link', async () => {
    const { session } = await stationWithHistory();
    const db = session.register.db.sqlite;
    tamper(db, `UPDATE audit_log SET prev_hash = '${'1'.repeat(64)}' WHERE seq = 3`);
    expect(verifyAudit(session)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    session.register.close();
  });

  it('refuses edits while the guards are in place', async () => {
    const { session } = await stationWithHistory();
    expect(() => session.register.db.sqlite.exec(`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).toThrow(/append-only/);
    session.register.close();
  });
});
