import { parseArgs } from 'node:util';
import { z } from 'zod';
import { caseInputSchema } from '../core/case-model.js';
import { AppError, isAppError } from '../core/errors.js';
import { ROLES } from '../core/roles.js';
import { formatKarachi } from '../core/time.js';
import { BUNDLE_COMMANDS } from './bundle-commands.js';
import { DISTRICT_COMMANDS } from './district-commands.js';
import { db, services, numberOption, parseJson, positional, required, user, withSession, type Command, type Values } from './command.js';
import { FORM_COMMANDS } from './form-commands.js';
import { processIo, secretFromEnvOrPrompt, type CliIo } from './terminal.js';

const CORE_COMMANDS: Record<string, Command> = {
  'station init': {
    usage: 'station init --db FILE --station-code CODE --station-name NAME --district NAME --user NAME [--display-name TEXT]',
    options: { ...db, ...user, 'station-code': { type: 'string' }, 'station-name': { type: 'string' }, district: { type: 'string' }, 'display-name': { type: 'string' } },
    run: async (v, _args, io) => {
      const passphrase = await secretFromEnvOrPrompt(io, 'CHILDDESK_PASSPHRASE', 'Passphrase for the in-charge: ', true);
      const { initStation, keyFilePathFor } = await services();
      const { session, recoveryKey } = await initStation({
        path: required(v, 'db'),
        stationCode: required(v, 'station-code'),
        stationName: required(v, 'station-name'),
        district: required(v, 'district'),
        username: required(v, 'user'),
        displayName: v['display-name'],
        passphrase,
      });
      const { info } = session.register;
      session.register.close();
      return {
        json: { registerId: info.registerId, stationCode: info.stationCode, user: session.user.username, recoveryKey },
        text: recoveryKeyNotice(`Register created for ${info.stationName} (${info.stationCode}), ${info.district}.`, session.user.username, recoveryKey, keyFilePathFor(String(v.db))),
      };
    },
  },
  'district init': {
    usage: 'district init --db FILE --district NAME --user NAME [--display-name TEXT]',
    options: { ...db, ...user, district: { type: 'string' }, 'display-name': { type: 'string' } },
    run: async (v, _args, io) => {
      const passphrase = await secretFromEnvOrPrompt(io, 'CHILDDESK_PASSPHRASE', 'Passphrase for the CPU officer: ', true);
      const { initDistrict, keyFilePathFor } = await services();
      const { session, recoveryKey } = await initDistrict({
        path: required(v, 'db'),
        district: required(v, 'district'),
        username: required(v, 'user'),
        displayName: v['display-name'],
        passphrase,
      });
      const { info } = session.register;
      session.register.close();
      return {
        json: { registerId: info.registerId, district: info.district, user: session.user.username, recoveryKey },
        text: recoveryKeyNotice(`District register created for ${info.district}.`, session.user.username, recoveryKey, keyFilePathFor(String(v.db))),
      };
    },
  },
  'case add': {
    usage: 'case add --db FILE [--user NAME] [--json]   (one case, or an array of cases, as JSON on stdin)',
    options: { ...db, ...user },
    run: (v, _args, io) =>
      withSession(v, io, async (session) => {
        const { createCase, createCases } = await services();
        const input = parseJson(await io.readAll());
        const created = Array.isArray(input) ? createCases(session, input) : createCase(session, input);
        const list = Array.isArray(created) ? created : [created];
        return { json: created, text: list.map((c) => `${c.caseNumber}  ${c.id}`).join('\n') };
      }),
  },
  'case show': {
    usage: 'case show --db FILE [--user NAME] ID_OR_CASE_NUMBER [--json]',
    options: { ...db, ...user },
    run: (v, args, io) =>
      withSession(v, io, async (session) => {
        const { caseChecklist, showCase } = await services();
        const record = showCase(session, positional(args, 0, 'ID_OR_CASE_NUMBER'));
        const { rulePackVersion, offenceClass, problems, obligations } = caseChecklist(session, record.id);
        const checklist = obligations.map(({ ruleId, title, dueAt, state, basis, status, statusNote, why }) => ({ ruleId, title: title.en, dueAt, state, basis, status, ...(statusNote ? { statusNote: statusNote.en } : {}), why: why.en }));
        const shown = { ...record, rulePackVersion, offenceClass, problems: problems.map(({ code, en, fields }) => ({ code, message: en, fields })), checklist };
        const lines = checklist.map((c) => `  ${c.ruleId.padEnd(4)} ${c.state.padEnd(14)} ${c.dueAt ? formatKarachi(c.dueAt) : '-'.padEnd(16)}  ${c.title} [${c.status}; ${c.basis}]`);
        return { json: shown, text: [JSON.stringify(record, null, 2), '', `Checklist (${rulePackVersion}, offence class ${offenceClass}):`, ...lines].join('\n') };
      }),
  },
  'case list': {
    usage: 'case list --db FILE [--user NAME] [--search TEXT] [--category C] [--status open|closed] [--limit N] [--json]',
    options: { ...db, ...user, search: { type: 'string' }, category: { type: 'string' }, status: { type: 'string' }, limit: { type: 'string' } },
    run: (v, _args, io) =>
      withSession(v, io, async (session) => {
        const { listCases } = await services();
        const rows = listCases(session, {
          search: v.search,
          category: v.category,
          status: v.status,
          limit: numberOption(v, 'limit'),
        }).map(({ rowId: _rowId, ...row }) => row);
        const text = rows.length
          ? rows.map((r) => `${r.caseNumber}  ${r.category.padEnd(11)} ${r.status.padEnd(6)} ${formatKarachi(r.reportedAt)}  ${r.id}`).join('\n')
          : 'No cases found.';
        return { json: rows, text };
      }),
  },
  'case update': {
    usage: 'case update --db FILE [--user NAME] ID_OR_CASE_NUMBER [--revision N] [--json]   (partial case JSON on stdin)',
    options: { ...db, ...user, revision: { type: 'string' } },
    run: (v, args, io) =>
      withSession(v, io, async (session) => {
        const { updateCase } = await services();
        const target = positional(args, 0, 'ID_OR_CASE_NUMBER');
        const revision = numberOption(v, 'revision');
        const record = updateCase(session, target, parseJson(await io.readAll()), revision);
        return { json: record, text: `${record.caseNumber} is now at revision ${record.revision}.` };
      }),
  },
  due: {
    usage: 'due --db FILE [--user NAME] [--hours N] [--json]   (overdue, and due within N hours (default 24), most urgent first)',
    options: { ...db, ...user, hours: { type: 'string' } },
    run: (v, _args, io) =>
      withSession(v, io, async (session) => {
        const { dueList } = await services();
        const hours = numberOption(v, 'hours', 'any');
        const items = dueList(session, hours === undefined ? {} : { withinHours: hours });
        const json = items.map((i) => ({ ...i, title: i.title.en }));
        const text = items.length
          ? items.map((i) => `${i.state.padEnd(14)} ${i.dueAt ? formatKarachi(i.dueAt) : '-'.padEnd(16)}  ${i.caseNumber}  ${i.ruleId.padEnd(4)} ${i.title.en}`).join('\n')
          : 'Nothing overdue or due.';
        return { json, text };
      }),
  },
  'checklist complete': {
    usage: 'checklist complete --db FILE [--user NAME] CASE RULE_ID --evidence JSON [--done-at ISO]',
    options: { ...db, ...user, evidence: { type: 'string' }, 'done-at': { type: 'string' } },
    run: (v, args, io) =>
      withSession(v, io, async (session) => {
        const { completeStep } = await services();
        const result = completeStep(session, {
          caseId: positional(args, 0, 'CASE'),
          ruleId: positional(args, 1, 'RULE_ID'),
          doneAt: v['done-at'],
          evidence: parseJson(required(v, 'evidence'), '--evidence'),
        });
        const step = result.obligations.find((o) => o.ruleId === args[1])!;
        return { json: step, text: `${step.ruleId}: ${step.state}. ${step.why.en}` };
      }),
  },
  'case schema': {
    usage: 'case schema   (prints the JSON Schema of a case, as accepted by case add)',
    options: {},
    run: async () => {
      const schema = z.toJSONSchema(caseInputSchema, { io: 'input' });
      return { json: schema, text: JSON.stringify(schema, null, 2) };
    },
  },
  'user add': {
    usage: `user add --db FILE --user ADMIN NEW_NAME --role ${ROLES.join('|')} [--display-name TEXT]   (CHILDDESK_NEW_PASSPHRASE or prompt)`,
    options: { ...db, ...user, role: { type: 'string' }, 'display-name': { type: 'string' } },
    run: (v, args, io) =>
      withSession(v, io, async (session) => {
        const { addStationUser } = await services();
        const username = positional(args, 0, 'NEW_NAME');
        const passphrase = await secretFromEnvOrPrompt(io, 'CHILDDESK_NEW_PASSPHRASE', `Passphrase for ${username}: `, true);
        const added = await addStationUser(session, { username, role: v.role, displayName: v['display-name'] }, passphrase);
        return { json: { username: added.username, role: added.role }, text: `Added ${added.username} (${added.role}).` };
      }),
  },
  'user passwd': {
    usage: 'user passwd --db FILE --user NAME [OTHER_NAME]   (CHILDDESK_NEW_PASSPHRASE or prompt)',
    options: { ...db, ...user },
    run: (v, args, io) =>
      withSession(v, io, async (session) => {
        const { changePassphrase } = await services();
        const target = args[0] ?? session.user.username;
        const passphrase = await secretFromEnvOrPrompt(io, 'CHILDDESK_NEW_PASSPHRASE', `New passphrase for ${target}: `, true);
        await changePassphrase(session, target, passphrase);
        return { json: { username: target, changed: true }, text: `Passphrase changed for ${target}.` };
      }),
  },
  'user remove': {
    usage: 'user remove --db FILE --user ADMIN NAME',
    options: { ...db, ...user },
    run: (v, args, io) =>
      withSession(v, io, async (session) => {
        const { removeStationUser } = await services();
        const target = positional(args, 0, 'NAME');
        removeStationUser(session, target);
        return { json: { username: target, removed: true }, text: `Removed ${target}; their key slot is deleted.` };
      }),
  },
  'user list': {
    usage: 'user list --db FILE [--user NAME] [--json]',
    options: { ...db, ...user },
    run: (v, _args, io) =>
      withSession(v, io, async (session) => {
        const { listUsers } = await services();
        const users = listUsers(session).map(({ username, displayName, role, removedAt }) => ({ username, displayName, role, removedAt }));
        return { json: users, text: users.map((u) => `${u.username.padEnd(20)} ${u.role}${u.removedAt ? ' (removed)' : ''}`).join('\n') };
      }),
  },
  'audit verify': {
    usage: 'audit verify --db FILE [--user NAME] [--json]',
    options: { ...db, ...user },
    run: (v, _args, io) =>
      withSession(v, io, async (session) => {
        const { verifyAudit } = await services();
        const result = verifyAudit(session);
        if (!result.ok) {
          throw new AuditBroken(result, `Audit trail broken at row ${result.firstBrokenSeq}: ${result.reason}. ${result.rows} rows before it are intact.`);
        }
        return { json: result, text: `Audit trail intact: ${result.rows} rows.` };
      }),
  },
  'settings show': {
    usage: 'settings show --db FILE [--user NAME] [--json]',
    options: { ...db, ...user },
    run: (v, _args, io) =>
      withSession(v, io, async (session) => {
        const { readSettings } = await services();
        const current = readSettings(session);
        return { json: current, text: Object.entries(current).map(([k, value]) => `${k}: ${value}`).join('\n') };
      }),
  },
  'settings set': {
    usage: 'settings set --db FILE --user INCHARGE [--unconfirmed-rules on|off] [--asap-hours N]',
    options: { ...db, ...user, 'unconfirmed-rules': { type: 'string' }, 'asap-hours': { type: 'string' } },
    run: (v, _args, io) =>
      withSession(v, io, async (session) => {
        const { changeSettings } = await services();
        const changed = changeSettings(session, {
          ...(v['unconfirmed-rules'] !== undefined ? { unconfirmedRules: v['unconfirmed-rules'] } : {}),
          ...(v['asap-hours'] !== undefined ? { asapTargetHours: numberOption(v, 'asap-hours', 'any') } : {}),
        });
        return { json: changed, text: Object.entries(changed).map(([k, value]) => `${k}: ${value}`).join('\n') };
      }),
  },
  recover: {
    usage: 'recover --db FILE --user NAME   (CHILDDESK_RECOVERY_KEY and CHILDDESK_NEW_PASSPHRASE, or prompts)',
    options: { ...db, ...user },
    run: async (v, _args, io) => {
      const recoveryKey = await secretFromEnvOrPrompt(io, 'CHILDDESK_RECOVERY_KEY', 'Recovery key: ');
      const username = required(v, 'user');
      const passphrase = await secretFromEnvOrPrompt(io, 'CHILDDESK_NEW_PASSPHRASE', `New passphrase for ${username}: `, true);
      const { recoverAccess } = await services();
      const session = await recoverAccess(required(v, 'db'), recoveryKey, username, passphrase);
      session.register.close();
      return { json: { username, role: session.user.role, recovered: true }, text: `${username} can log in again with the new passphrase.` };
    },
  },
};

function recoveryKeyNotice(created: string, username: string, recoveryKey: string, keyFile: string): string {
  return [
    created,
    `First user: ${username}`,
    '',
    'RECOVERY KEY (shown only this once; print or write it down and keep it in the safe):',
    `  ${recoveryKey}`,
    '',
    `Keep ${keyFile} beside the register and in every backup.`,
  ].join('\n');
}

/** An audit failure is a finding, not a crash: its JSON is still printed for scripts. */
class AuditBroken extends Error {
  constructor(
    readonly result: unknown,
    message: string,
  ) {
    super(message);
  }
}

/** Command groups in their own files join here; a name defined twice is a programming error caught by tests. */
const COMMANDS: Record<string, Command> = { ...CORE_COMMANDS, ...BUNDLE_COMMANDS, ...DISTRICT_COMMANDS, ...FORM_COMMANDS };

function helpText(): string {
  return ['Usage: childdesk COMMAND [options] [--json]', '', ...Object.values(COMMANDS).map((c) => `  childdesk ${c.usage}`)].join('\n');
}

function findCommand(argv: string[]): { name: string; rest: string[] } | null {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    if (COMMANDS[name]) return { name, rest: argv.slice(words) };
  }
  return null;
}

/**
 * Runs one command; returns the exit code. Errors become one line on stderr (and JSON on stdout with --json).
 * `io` is the process's own unless given: tests run commands in-process with their own.
 */
export async function run(argv: string[], io: CliIo = processIo()): Promise<number> {
  const say = (text: string) => io.out(`${text}\n`);
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    say(helpText());
    return 0;
  }
  const found = findCommand(argv);
  const wantsJson = argv.includes('--json');
  if (!found) {
    io.err(`childdesk: unknown command "${argv.slice(0, 2).join(' ')}". Run childdesk --help.\n`);
    return 2;
  }
  const command = COMMANDS[found.name]!;
  try {
    const { values, positionals } = parseArgs({
      args: found.rest,
      options: { ...command.options, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    const result = await command.run(values as Values, positionals, io);
    say(wantsJson ? JSON.stringify(result.json, null, 2) : result.text);
    return result.exitCode ?? 0;
  } catch (error) {
    return reportError(error, wantsJson, found.name, io);
  }
}

async function reportError(error: unknown, wantsJson: boolean, commandName: string, io: CliIo): Promise<number> {
  if (error instanceof AuditBroken) {
    if (wantsJson) io.out(`${JSON.stringify(error.result, null, 2)}\n`);
    io.err(`childdesk: ${error.message}\n`);
    return 1;
  }
  const appError = isAppError(error) ? error : await toAppError(error, commandName, io);
  if (wantsJson) io.out(`${JSON.stringify({ error: appError.toJSON() }, null, 2)}\n`);
  io.err(`childdesk: ${appError.message} -- ${appError.action}\n`);
  return appError.code === 'USAGE' ? 2 : 1;
}

/** parseArgs errors are usage errors; anything else is unexpected and is reported without a stack trace. */
async function toAppError(error: unknown, commandName: string, io: CliIo): Promise<AppError> {
  const code = (error as { code?: string } | null)?.code ?? '';
  if (code.startsWith('ERR_PARSE_ARGS')) {
    return new AppError('USAGE', `${(error as Error).message.split('.')[0]}. Usage: childdesk ${COMMANDS[commandName]!.usage}`);
  }
  // A register another program holds (or any other store error with a meaning of its own) says so.
  const fromStore = (await services()).storeErrorFor(error);
  if (fromStore) return fromStore;
  if (io.env.CHILDDESK_DEBUG) io.err(`${(error as Error)?.stack ?? String(error)}\n`);
  return new AppError('INTERNAL');
}
