/**
 * Where the token list is cut into blocks. Each block is laid out on its own (and skipped while
 * off screen), so drawing 20,000 tokens never re-flows one giant paragraph. Cuts fall after a
 * token with a line break when one comes soon enough, so a block boundary rarely shows.
 */

/** [start, end) token ranges of about `size` tokens, preferring to end after a line break. */
export function chunkRanges(texts: readonly string[], size: number): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  while (start < texts.length) {
    let end = Math.min(texts.length, start + size);
    const limit = Math.min(texts.length, start + 2 * size);
    while (end < limit && !texts[end - 1].includes('\n')) end++;
    out.push([start, end]);
    start = end;
  }
  return out;
}
