/**
 * The playground's state in a URL query, so a teacher can share one exact run: prompt, settings,
 * seed and the chosen path of token ids. Pure, so it is tested without a browser.
 */
import { MAX_SEED } from '../../lib/sampling/rng.ts';
import { clampSettings, DEFAULT_SETTINGS, type SamplingSettings } from '../../lib/sampling/settings.ts';

/** What a shared link carries. */
export interface PlaygroundUrlState {
  prompt: string;
  settings: SamplingSettings;
  seed: number;
  /** Generated token ids after the prompt, in order. */
  path: number[];
  /**
   * The real base model's key when the run used one (absent: the built-in model). Token ids mean
   * different tokens in different models, so a path is only replayed with the model that made it.
   */
  engine?: string;
}

/** Query keys, prefixed so they cannot collide with another widget's. */
const KEYS = { prompt: 'pg.prompt', temperature: 'pg.t', topK: 'pg.k', topP: 'pg.p', minP: 'pg.minp', seed: 'pg.seed', path: 'pg.path', engine: 'pg.engine' } as const;

/** What a model key may look like (models.ts keys: "phi-1_5", "ministral-3-3b-base"). */
const ENGINE_KEY = /^[\w.-]{1,64}$/;

/** Longest path a link may carry; longer ones are cut rather than refused. */
export const MAX_PATH = 512;

/** Writes the state into `params` (other keys are left alone); default settings are omitted. */
export function writePlaygroundState(params: URLSearchParams, s: PlaygroundUrlState): URLSearchParams {
  const out = new URLSearchParams(params);
  out.set(KEYS.prompt, s.prompt);
  for (const key of ['temperature', 'topK', 'topP', 'minP'] as const) {
    if (s.settings[key] !== DEFAULT_SETTINGS[key]) out.set(KEYS[key], String(Number(s.settings[key].toFixed(4))));
    else out.delete(KEYS[key]);
  }
  out.set(KEYS.seed, String(s.seed));
  if (s.path.length > 0) out.set(KEYS.path, s.path.join('.'));
  else out.delete(KEYS.path);
  if (s.engine) out.set(KEYS.engine, s.engine);
  else out.delete(KEYS.engine);
  return out;
}

/** Reads a state from `params`; null when the link has no playground state. Bad values fall back to defaults. */
export function readPlaygroundState(params: URLSearchParams): PlaygroundUrlState | null {
  const prompt = params.get(KEYS.prompt);
  if (prompt === null) return null;
  const num = (key: string) => {
    const v = params.get(key);
    return v === null || v.trim() === '' ? undefined : Number(v);
  };
  const settings = clampSettings({
    temperature: num(KEYS.temperature),
    topK: num(KEYS.topK),
    topP: num(KEYS.topP),
    minP: num(KEYS.minP),
  });
  const seedRaw = num(KEYS.seed);
  const seed = seedRaw !== undefined && Number.isInteger(seedRaw) && seedRaw >= 0 && seedRaw <= MAX_SEED ? seedRaw : 0;
  const pathRaw = params.get(KEYS.path);
  const path = pathRaw
    ? pathRaw
        .split('.')
        .slice(0, MAX_PATH)
        .map(Number)
        .filter((n) => Number.isInteger(n) && n >= 0)
    : [];
  const engine = params.get(KEYS.engine);
  return { prompt: prompt.slice(0, 2000), settings, seed, path, ...(engine && ENGINE_KEY.test(engine) ? { engine } : {}) };
}
