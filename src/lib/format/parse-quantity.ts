/**
 * Reads a number a reader typed into a calculator field: "15T", "15 万亿", "8e9", "8,000,000,000"
 * all mean what they say. Returns a problem code instead of NaN, so the view can say what is
 * wrong in the reader's language and never shows NaN or Infinity.
 */

/** Why a typed value was refused. */
export type QuantityProblem = 'empty' | 'not-number' | 'zero' | 'negative' | 'too-small' | 'too-large' | 'not-integer';

/** A parsed field: its value, or why it has none. */
export type ParsedQuantity = { ok: true; value: number } | { ok: false; problem: QuantityProblem };

/** Bounds a field accepts. */
export interface QuantityRules {
  min: number;
  max: number;
  integer?: boolean;
}

const SUFFIXES: Record<string, number> = {
  k: 1e3,
  m: 1e6,
  b: 1e9,
  t: 1e12,
  千: 1e3,
  万: 1e4,
  亿: 1e8,
  万亿: 1e12,
};

const PATTERN = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(k|m|b|t|千|万亿|万|亿)?$/i;

/** Parses a typed quantity and checks it against the field's bounds. */
export function parseQuantity(raw: string, rules: QuantityRules): ParsedQuantity {
  // Digit-group separators people type: commas, spaces, underscores, full-width commas.
  const text = raw.trim().replace(/[,_\s\u00a0\u202f，]/g, '');
  if (text === '') return { ok: false, problem: 'empty' };
  const match = PATTERN.exec(text);
  if (!match) return { ok: false, problem: 'not-number' };
  const scale = match[2] ? SUFFIXES[match[2].toLowerCase()] ?? SUFFIXES[match[2]] : 1;
  const value = Number(match[1]) * (scale ?? 1);
  if (!Number.isFinite(value)) return { ok: false, problem: 'too-large' };
  if (value === 0 && rules.min > 0) return { ok: false, problem: 'zero' };
  if (value < 0) return { ok: false, problem: 'negative' };
  if (value < rules.min) return { ok: false, problem: 'too-small' };
  if (value > rules.max) return { ok: false, problem: 'too-large' };
  if (rules.integer && !Number.isInteger(value)) return { ok: false, problem: 'not-integer' };
  return { ok: true, value };
}
