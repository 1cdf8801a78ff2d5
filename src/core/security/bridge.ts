import type { ApiMethod } from '../api.js';

/**
 * What the preload bridge may forward to main: one channel, and the contract's method names. The names are
 * listed here (not taken from `apiContract`) so the sandboxed preload bundle does not carry zod and the whole
 * case model; the Record type makes the compiler refuse a missing or misspelt name, and a unit test checks too.
 */
export const IPC_CHANNEL = 'childdesk:call';

/** Every contract method, as a record so the compiler refuses a missing or misspelt one. */
const METHOD_SET: Record<ApiMethod, true> = {
  'session.status': true,
  'session.setupStation': true,
  'session.setupDistrict': true,
  'session.login': true,
  'session.lock': true,
  'case.create': true,
  'case.get': true,
  'case.update': true,
  'case.list': true,
  'user.list': true,
  'user.add': true,
  'user.setPassphrase': true,
  'user.remove': true,
  'case.checklist': true,
  'checklist.complete': true,
  'due.list': true,
  'settings.get': true,
  'settings.set': true,
  'bundle.status': true,
  'form.html': true,
  'match.suggestions': true,
  'match.decide': true,
  'report.monthly': true,
  'report.file': true,
  'report.html': true,
  'case.messages': true,
  'district.status': true,
  'district.notes': true,
  'district.provenance': true,
  'district.addNote': true,
  'bundle.export': true,
  'bundle.pinDistrict': true,
  'bundle.stationKeyFile': true,
  'receipt.import': true,
  // issue 14, part A (host)
  'job.status': true,
  'job.cancel': true,
  'district.import': true,
  'file.pick': true,
  'file.saveTarget': true,
  // Save as PDF (issue 14)
  'form.pdf': true,
  'report.pdf': true,
};

export const BRIDGE_METHODS = Object.keys(METHOD_SET) as ApiMethod[];

const known: ReadonlySet<string> = new Set(BRIDGE_METHODS);

export function isBridgeMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && known.has(name);
}
