// The rules' thresholds as the bureau set them: a row per setting in anomaly_settings, the
// default where there is none. No "server-only": the import process reads them too.
import type { Db, Tx } from "@/db/client";
import { anomalySettings } from "@/db/schema";
import { DEFAULT_SETTINGS, type AnomalySettings } from "./rules";

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as Array<keyof AnomalySettings>;

/** Settings kept as a share (0.25) and entered as a percentage (25). */
export const PERCENT_SETTINGS: ReadonlySet<keyof AnomalySettings> = new Set(["bunchingMargin", "bunchingShare", "outsizedShare"]);

export interface StoredSettings {
  settings: AnomalySettings;
  /** When a setting was last changed (null: all defaults). */
  updatedAt: Date | null;
}

export function loadAnomalySettings(db: Db | Tx): StoredSettings {
  const rows = db.select().from(anomalySettings).all();
  const settings: AnomalySettings = { ...DEFAULT_SETTINGS };
  let updatedAt: Date | null = null;
  for (const row of rows) {
    if (!(row.key in DEFAULT_SETTINGS)) continue;
    settings[row.key as keyof AnomalySettings] = row.value;
    if (!updatedAt || row.updatedAt > updatedAt) updatedAt = row.updatedAt;
  }
  return { settings, updatedAt };
}

/** Writes the settings that differ from what is kept; returns them before and after (for the audit row). */
export function saveAnomalySettings(tx: Tx, next: AnomalySettings, userId: number): { before: AnomalySettings; after: AnomalySettings; changed: boolean } {
  const before = loadAnomalySettings(tx).settings;
  let changed = false;
  for (const key of SETTING_KEYS) {
    if (before[key] === next[key]) continue;
    changed = true;
    tx.insert(anomalySettings)
      .values({ key, value: next[key], updatedBy: userId, updatedAt: new Date() })
      .onConflictDoUpdate({ target: anomalySettings.key, set: { value: next[key], updatedBy: userId, updatedAt: new Date() } })
      .run();
  }
  return { before, after: { ...next }, changed };
}
