/**
 * The data side of the seed's comparison: how many bytes of text a number of training tokens
 * is, and how that compares with the weights that were trained on it.
 */

/** Most training tokens accepted: 1 quadrillion, far beyond any published run (Qwen2.5: 18T). */
export const MAX_TOKENS = 1e15;

/** Bytes per token the calculators accept; UTF-8 text runs about 2.5–6 (facts.md). */
export const MIN_BYTES_PER_TOKEN = 0.1;
export const MAX_BYTES_PER_TOKEN = 100;

/**
 * Bytes per token measured on one English and one Chinese sample (approx., facts.md): English is
 * about 4.5 for cl100k, o200k and Llama 3; Chinese 2.6 (cl100k), 4.0 (o200k), 3.8 (Llama 3).
 */
export const MEASURED_BYTES_PER_TOKEN = {
  en: { cl100k: 4.5, o200k: 4.5, llama3: 4.5 },
  zh: { cl100k: 2.6, o200k: 4.0, llama3: 3.8 },
} as const;

function positive(name: string, v: number, max: number, min = 0): void {
  if (!Number.isFinite(v) || v <= min) throw new RangeError(`${name} must be a number above ${min}`);
  if (v > max) throw new RangeError(`${name} must be at most ${max}`);
}

/** Bytes of UTF-8 text that `tokens` tokens stand for, at `bytesPerToken`. */
export function trainingDataBytes(tokens: number, bytesPerToken: number): number {
  positive('tokens', tokens, MAX_TOKENS);
  positive('bytesPerToken', bytesPerToken, MAX_BYTES_PER_TOKEN, MIN_BYTES_PER_TOKEN - Number.EPSILON);
  return tokens * bytesPerToken;
}

/** How many times larger the training text is than the weights file. */
export function dataToModelRatio(dataBytes: number, modelBytes: number): number {
  positive('dataBytes', dataBytes, Number.MAX_SAFE_INTEGER * 1e3);
  positive('modelBytes', modelBytes, Number.MAX_SAFE_INTEGER * 1e3);
  return dataBytes / modelBytes;
}

/** Bits of weights the model has for each token it was trained on (well under one for modern models). */
export function weightBitsPerToken(parameters: number, bitsPerWeight: number, tokens: number): number {
  positive('parameters', parameters, 1e14);
  positive('bitsPerWeight', bitsPerWeight, 64);
  positive('tokens', tokens, MAX_TOKENS);
  return (parameters * bitsPerWeight) / tokens;
}

/**
 * Knowledge a model can store, in bytes, at a measured capacity per parameter: about 2 bits
 * (Allen-Zhu & Li, arXiv:2404.05405) or 3.6 bits (Morris et al., arXiv:2505.24832).
 */
export function knowledgeCapacityBytes(parameters: number, bitsPerParameter: number): number {
  positive('parameters', parameters, 1e14);
  positive('bitsPerParameter', bitsPerParameter, 64);
  return (parameters * bitsPerParameter) / 8;
}

/** The two published capacities, in bits per parameter. */
export const CAPACITY_BITS_PER_PARAMETER = [2, 3.6] as const;
