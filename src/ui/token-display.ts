/**
 * How token texts and probabilities are written in the widgets: whitespace made visible (a
 * token " Paris" starts with a space the reader must see), probabilities with enough digits for
 * the tail.
 */

/** A token's text with spaces, newlines and tabs drawn as visible marks; an empty token as ∅. */
export function visibleToken(text: string): string {
  if (text === '') return '∅';
  return text.replace(/ /g, '␣').replace(/\n/g, '↵').replace(/\r/g, '␍').replace(/\t/g, '⇥');
}

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

/**
 * A byte-level tokenizer may split one Chinese character into several byte tokens; alone, each
 * decodes to U+FFFD (�). When the whole text is known, such a run of tokens shows the characters
 * it spells on its first token and a dot on the others: 躲 · · (three tokens for one character)
 * instead of � � �.
 */
/** Marker shown on the second and later tokens of a character split across tokens. */
export const CONTINUATION = '·';

/** Display texts for `tokenTexts` (each token alone) of `text`; the input unchanged if they disagree. */
export function displayTexts(text: string, tokenTexts: readonly string[]): string[] {
  const out: string[] = new Array(tokenTexts.length);
  let pos = 0;
  let i = 0;
  while (i < tokenTexts.length) {
    const t = tokenTexts[i];
    if (!t.includes('\uFFFD')) {
      if (!text.startsWith(t, pos)) return [...tokenTexts];
      out[i] = t;
      pos += t.length;
      i++;
      continue;
    }
    let end = i;
    while (end < tokenTexts.length && tokenTexts[end].includes('\uFFFD')) end++;
    const next = end < tokenTexts.length ? tokenTexts[end] : undefined;
    // Take whole characters until the next whole token's text begins (or the text ends).
    let stop = pos;
    do {
      stop += (text.codePointAt(stop) ?? 0) > 0xffff ? 2 : 1;
    } while (stop < text.length && (next === undefined || next === '' || !text.startsWith(next, stop)));
    if (stop > text.length) return [...tokenTexts];
    out[i] = text.slice(pos, stop);
    for (let j = i + 1; j < end; j++) out[j] = CONTINUATION;
    pos = stop;
    i = end;
  }
  return pos === text.length ? out : [...tokenTexts];
}
