import { type ParseArgsConfig } from 'node:util';
import { AppError } from '../core/errors.js';
import type { Session } from '../services/session.js';
import { secretFromEnvOrPrompt, type CliIo } from './terminal.js';

/** The services, loaded at a command's first use of them (see services.ts). */
export const services = () => import('./services.js');

/** What every `childdesk` command is: its usage line, its options, and a run that returns JSON and text. */
export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | undefined>;
/** `exitCode` lets a command that ran to the end still say that something failed (e.g. a rejected bundle). */
export type Result = { json: unknown; text: string; exitCode?: number };
export type Command = {
  usage: string;
  options: Options;
  run: (values: Values, positionals: string[], io: CliIo) => Promise<Result>;
};

export const db = { db: { type: 'string' } } as const;
export const user = { user: { type: 'string' } } as const;


export function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new AppError('USAGE', `Missing --${name}.`);
  return value;
}

/**
 * A numeric option, checked here so that `--revision abc` is a usage error rather than NaN reaching a service
 * (where it read as "someone else changed this case"). Absent: undefined.
 */
export function numberOption(values: Values, name: string, kind: 'whole' | 'any' = 'whole'): number | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const number = kind === 'whole' ? (/^\d+$/.test(text) ? Number(text) : NaN) : /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(number)) {
    throw new AppError('USAGE', `--${name} takes ${kind === 'whole' ? 'a whole number' : 'a number'}, e.g. --${name} ${kind === 'whole' ? '3' : '1.5'}.`);
  }
  return number;
}

export function positional(args: string[], index: number, name: string): string {
  const value = args[index];
  if (!value) throw new AppError('USAGE', `Missing ${name}.`);
  return value;
}

export function parseJson(text: string, source = 'stdin'): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('INVALID_INPUT', `${source}: not valid JSON`);
  }
}

/** The acting user: --user, else CHILDDESK_USER, else the register's only user. */
export async function actingUser(values: Values, io: CliIo): Promise<string> {
  const named = (values.user as string | undefined) ?? io.env.CHILDDESK_USER;
  if (named) return named;
  const { keyFilePathFor, readKeyFile } = await services();
  const slots = readKeyFile(keyFilePathFor(required(values, 'db'))).slots;
  if (slots.length === 1) return slots[0]!.username;
  throw new AppError('USAGE', 'Name the user with --user or CHILDDESK_USER.');
}

export async function withSession(values: Values, io: CliIo, work: (session: Session) => Promise<Result>): Promise<Result> {
  const path = required(values, 'db');
  const username = await actingUser(values, io);
  const passphrase = await secretFromEnvOrPrompt(io, 'CHILDDESK_PASSPHRASE', `Passphrase for ${username}: `);
  const { login } = await services();
  const session = await login(path, username, passphrase);
  try {
    return await work(session);
  } finally {
    session.register.close();
  }
}

