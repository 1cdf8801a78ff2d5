import { DEFAULT_SETTINGS, stationSettingsSchema, type StationSettings } from '../core/settings.js';
import type { AuditTrail } from './audit.js';
import type { OpenDatabase } from './database.js';
import { settings } from './schema.js';

/** Settings as one JSON value per key; a change and its audit row land together. */
export class SettingsRepository {
  constructor(
    private readonly db: OpenDatabase,
    private readonly audit: AuditTrail,
    private readonly clock: () => Date,
  ) {}

  read(): StationSettings {
    const rows = this.db.orm.select().from(settings).all();
    const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
    // A value an older or newer app wrote that no longer parses falls back to the default, never blocks work.
    const parsed = stationSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...stored });
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  }

  write(changes: Partial<StationSettings>, actorId: string): StationSettings {
    return this.db.sqlite.transaction(() => {
      const before = this.read();
      const at = this.clock().toISOString();
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || JSON.stringify(before[key as keyof StationSettings]) === JSON.stringify(value)) continue;
        this.db.orm
          .insert(settings)
          .values({ key, value: JSON.stringify(value), updatedAt: at, updatedBy: actorId })
          .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(value), updatedAt: at, updatedBy: actorId } })
          .run();
        this.audit.append({ action: 'settings.change', actorId, details: { key, from: before[key as keyof StationSettings], to: value }, at });
      }
      return this.read();
    })();
  }
}
