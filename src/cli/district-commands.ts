import { addDistrictNote, stationStatusBoard } from '../services/district.js';
import { db, positional, required, user, withSession, type Command } from './command.js';

export const DISTRICT_COMMANDS: Record<string, Command> = {
  'district status': {
    usage: 'district status --db FILE [--user NAME] [--silent-days N] [--json]   (every station: last bundle, gaps, quarantine, what to do)',
    options: { ...db, ...user, 'silent-days': { type: 'string' } },
    run: (v) =>
      withSession(v, async (session) => {
        const board = stationStatusBoard(session, v['silent-days'] ? { silentDays: Number(v['silent-days']) } : {});
        const text = board
          .map((s) => {
            const last = s.lastBundle ? `bundle ${s.lastBundle.sequence}, ${s.daysSilent} day(s) ago` : 'no bundle yet';
            return [`${s.stationCode.padEnd(8)} ${String(s.cases).padStart(7)} cases  ${last}`, ...s.advice.map((a) => `         - ${a.en}`)].join('\n');
          })
          .join('\n');
        return { json: board, text: text || 'No station is enrolled yet.' };
      }),
  },
  'district note': {
    usage: 'district note --db FILE [--user NAME] CASE --kind follow_up|referral_outcome --text TEXT   (goes back to the station in the next receipt)',
    options: { ...db, ...user, kind: { type: 'string' }, text: { type: 'string' } },
    run: (v, args) =>
      withSession(v, async (session) => {
        const note = addDistrictNote(session, { caseId: positional(args, 0, 'CASE'), kind: required(v, 'kind'), text: required(v, 'text') });
        return { json: note, text: `Note added to ${note.caseId}; it goes to the station with the next receipt.` };
      }),
  },
};
