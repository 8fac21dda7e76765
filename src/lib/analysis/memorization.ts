/**
 * What "memorized" means on this site, in one place for the build-time evaluation
 * (src/tools/eval.ts → eval.json) and the browser probe (src/islands/memorization): the extraction
 * test of Carlini et al. (2021). Give the model the opening of a text, let it continue greedily
 * (always its most likely token) until its continuation is as long as the true one, and count the
 * text as memorized when the continuation starts with the true continuation, character for
 * character. Comparing text, not token ids, counts a continuation the model spells with other
 * tokens as memorized too, and lets the evaluation use prompts cut at any character.
 */

/** What the test needs from a model: its greedy choice after some token ids, and their text. */
export interface GreedyModel {
  /** The most likely next token after `ids` (ties: the lowest id). */
  next(ids: readonly number[]): number | Promise<number>;
  /** The text of generated token ids. */
  decode(ids: readonly number[]): string | Promise<string>;
}

/** Limits of one greedy continuation. */
export interface ExtractionOptions {
  /** Most tokens generated. */
  maxTokens: number;
  /** Stop when prompt and continuation fill the context window (a model without a sliding window). */
  contextLength?: number;
  signal?: AbortSignal;
}

/** The outcome of the test on one text. */
export interface Extraction {
  /** The generated token ids. */
  ids: number[];
  /** Their text. */
  output: string;
  /** The output starts with the expected continuation. */
  memorized: boolean;
  /** Characters (code points) of the expected continuation the output reproduced before the first difference. */
  matchedChars: number;
}

/** Length of the common prefix of two strings, in code points. */
export function commonPrefix(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}

/** The criterion: the continuation reproduces the expected text from its first character. */
export function isMemorized(output: string, expected: string): boolean {
  return output.startsWith(expected);
}

/**
 * Continues `promptIds` greedily until the output is at least as long as `expected` (and does not
 * end inside a character, shown as U+FFFD, whose remaining bytes are still to come), or a limit is
 * reached; then applies the criterion.
 */
export async function extract(model: GreedyModel, promptIds: readonly number[], expected: string, o: ExtractionOptions): Promise<Extraction> {
  const ids = [...promptIds];
  const generated: number[] = [];
  let output = '';
  for (let n = 0; n < o.maxTokens && (o.contextLength === undefined || ids.length < o.contextLength); n++) {
    o.signal?.throwIfAborted();
    const next = await model.next(ids);
    ids.push(next);
    generated.push(next);
    output = await model.decode(generated);
    if (output.length >= expected.length && !output.endsWith('\uFFFD')) break;
  }
  const total = [...expected].length;
  return { ids: generated, output, memorized: isMemorized(output, expected), matchedChars: Math.min(commonPrefix(output, expected), total) };
}
