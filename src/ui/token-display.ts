/**
 * How probabilities and bits are written in the widgets, with enough digits for the tail. How a
 * token itself is written (visible whitespace, bytes of a cut character) is
 * src/lib/format/tokens-display.ts.
 */

/** A probability as a percentage: 3 significant digits, "<0.001%" below that. */
export function formatProb(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p <= 0) return '0%';
  const pct = p * 100;
  if (pct < 0.001) return '<0.001%';
  return `${Number(pct.toPrecision(3))}%`;
}

/** A number of bits with one or two decimals. */
export function formatBits(bits: number): string {
  if (!Number.isFinite(bits)) return '—';
  return bits >= 100 ? bits.toFixed(0) : bits.toFixed(2);
}

/** Whether a token is an end-of-text marker (GPT-2's <|endoftext|>, Llama's </s>…): Run stops there. */
export function isEndOfText(text: string | undefined): boolean {
  return text !== undefined && /^(<\|(endoftext|end_of_text|eot_id|im_end)\|>|<\/s>|<eos>)$/.test(text);
}
