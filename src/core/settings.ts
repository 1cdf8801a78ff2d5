import { z } from 'zod';

/**
 * Station settings. Unconfirmed rules (guidance from secondary sources, not law) may be switched off by the
 * in-charge; "as soon as possible" duties get a target in hours so the checklist can show a clock for them.
 */
const unconfirmedRules = z.enum(['on', 'off']);
const asapTargetHours = z.number().min(0.5, 'at least half an hour').max(72, 'at most 72 hours');

export const stationSettingsSchema = z.object({
  unconfirmedRules: unconfirmedRules.default('on'),
  asapTargetHours: asapTargetHours.default(2),
});

/** A change names only what changes: no defaults here, or a change would silently reset the rest. */
export const settingsChangeSchema = z.strictObject({
  unconfirmedRules: unconfirmedRules.optional(),
  asapTargetHours: asapTargetHours.optional(),
});

export type StationSettings = z.output<typeof stationSettingsSchema>;
export const DEFAULT_SETTINGS: StationSettings = stationSettingsSchema.parse({});
