/** The knobs that reshape a next-token distribution, and their "off" values. */
export interface SamplingSettings {
  /** 0 = greedy; 1 = the model's own distribution. */
  temperature: number;
  /** Keep the k most likely tokens; 0 = off. */
  topK: number;
  /** Keep the smallest set with mass ≥ p; 1 = off. */
  topP: number;
  /** Keep tokens at least minP × the top probability; 0 = off. */
  minP: number;
}

/** The model's own distribution: nothing reshaped. */
export const DEFAULT_SETTINGS: SamplingSettings = { temperature: 1, topK: 0, topP: 1, minP: 0 };

/** Ranges the controls offer; values outside them are clamped, never rejected. */
export const SETTING_RANGES = {
  temperature: { min: 0, max: 2, step: 0.05 },
  topK: { min: 0, max: 100, step: 1 },
  topP: { min: 0.05, max: 1, step: 0.01 },
  minP: { min: 0, max: 0.5, step: 0.01 },
} as const satisfies Record<keyof SamplingSettings, { min: number; max: number; step: number }>;

/** Clamps every field into its range; a non-number falls back to the default. */
export function clampSettings(s: Partial<Record<keyof SamplingSettings, unknown>>): SamplingSettings {
  const out = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(SETTING_RANGES) as (keyof SamplingSettings)[]) {
    const v = s[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    const { min, max } = SETTING_RANGES[key];
    out[key] = Math.min(max, Math.max(min, key === 'topK' ? Math.round(v) : v));
  }
  return out;
}
