/**
 * Top-k truncation on probabilities sorted from most to least likely: keep the first k.
 * Returns how many to keep, so filters compose by taking the minimum.
 */
export function topKCount(length: number, k: number): number {
  // k = 0 is the conventional "off" switch (as in Hugging Face and llama.cpp).
  if (!(k > 0)) return length;
  return Math.min(length, Math.floor(k));
}
