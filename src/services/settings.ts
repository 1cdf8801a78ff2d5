import { settingsChangeSchema, type StationSettings } from '../core/settings.js';
import { parseInput, requirePermission, type Session } from './session.js';

export function readSettings(session: Session): StationSettings {
  requirePermission(session, 'case.read');
  return session.register.settings.read();
}

/** Only the in-charge changes settings; each change is audited with its old and new value. */
export function changeSettings(session: Session, changes: unknown): StationSettings {
  requirePermission(session, 'settings.change');
  const parsed = parseInput(settingsChangeSchema, changes, 'settings');
  return session.register.settings.write(parsed, session.user.id);
}
