import type { ApiMethod } from '../api.js';

/**
 * What the preload bridge may forward to main: one channel, and the contract's method names. The names are
 * listed here (not taken from `apiContract`) so the sandboxed preload bundle does not carry zod and the whole
 * case model; a unit test proves the list equals the contract's, and `satisfies` catches a misspelt name.
 */
export const IPC_CHANNEL = 'childdesk:call';

export const BRIDGE_METHODS = [
  'session.status',
  'session.setupStation',
  'session.login',
  'session.lock',
  'case.create',
  'case.get',
  'case.update',
  'case.list',
  'user.list',
  'user.add',
  'user.setPassphrase',
  'user.remove',
  'case.checklist',
  'checklist.complete',
  'due.list',
  'settings.get',
  'settings.set',
] as const satisfies readonly ApiMethod[];

const known: ReadonlySet<string> = new Set(BRIDGE_METHODS);

export function isBridgeMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && known.has(name);
}
