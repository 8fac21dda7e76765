/** The one definition of "memorized" the build-time eval and the browser probe share. */
import { describe, expect, test } from 'vitest';
import { commonPrefix, extract, isMemorized, type GreedyModel } from '../../../../src/lib/analysis/memorization.ts';

/** A model over characters (id = code point) that continues `script` after any prompt. */
function scripted(script: string, decode?: (ids: readonly number[]) => string): GreedyModel & { calls: number } {
  const ids = Array.from(script, (c) => c.codePointAt(0)!);
  const m = {
    calls: 0,
    next(context: readonly number[]) {
      return ids[m.calls++] ?? 63;
    },
    decode: decode ?? ((g: readonly number[]) => String.fromCodePoint(...g)),
  };
  return m;
}

describe('memorized', () => {
  test('is the continuation starting with the expected text, character for character', () => {
    expect(isMemorized('巴黎。法国', '巴黎')).toBe(true);
    expect(isMemorized('巴', '巴黎')).toBe(false);
    expect(isMemorized('伦敦', '巴黎')).toBe(false);
  });

  test('extract continues greedily until the output is as long as the expected text', async () => {
    const m = scripted('Paris, the capital');
    const x = await extract(m, [1, 2], 'Paris', { maxTokens: 50 });
    expect(x.output).toBe('Paris');
    expect(x.memorized).toBe(true);
    expect(x.matchedChars).toBe(5);
    expect(m.calls).toBe(5);
  });

  test('a wrong continuation is not memorized; matchedChars counts code points up to the first difference', async () => {
    const x = await extract(scripted('𝄞ax'), [1], '𝄞ab', { maxTokens: 10 });
    expect(x.memorized).toBe(false);
    expect(x.matchedChars).toBe(2);
    expect(commonPrefix('𝄞ab', '𝄞ac')).toBe(2);
  });

  test('does not stop inside a character whose remaining bytes are still to come', async () => {
    // Token 1 is the first bytes of 黎 (decoded alone as U+FFFD), token 2 completes it.
    const decode = (g: readonly number[]) => g.map((id) => (id === 0x5df4 ? '巴' : '')).join('') + (g.includes(2) ? '黎' : g.includes(1) ? '\uFFFD' : '');
    const model: GreedyModel = { next: (ids) => [0x5df4, 1, 2][ids.length - 1] ?? 63, decode };
    const x = await extract(model, [9], '巴黎', { maxTokens: 10 });
    expect(x.output).toBe('巴黎');
    expect(x.memorized).toBe(true);
  });

  test('stops at maxTokens or a full context window', async () => {
    const few = await extract(scripted('abcdef'), [1], 'abcdef', { maxTokens: 3 });
    expect(few.ids).toHaveLength(3);
    expect(few.memorized).toBe(false);
    const full = await extract(scripted('abcdef'), [1, 2, 3], 'abcdef', { maxTokens: 50, contextLength: 5 });
    expect(full.ids).toHaveLength(2);
  });

  test('an aborted signal stops it', async () => {
    const c = new AbortController();
    c.abort();
    await expect(extract(scripted('abc'), [1], 'abc', { maxTokens: 5, signal: c.signal })).rejects.toThrow();
  });
});
