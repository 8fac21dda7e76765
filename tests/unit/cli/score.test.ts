import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { referenceLogits } from '../../fixtures/reference-gpt2.ts';
import { cli, setUpFixtureModels } from '../../fixtures/cli-models.ts';
import { randomTensors, SMALL } from '../../fixtures/tiny-gpt.ts';

let fixture: ReturnType<typeof setUpFixtureModels>;
beforeAll(() => { fixture = setUpFixtureModels(); });
afterAll(() => fixture.cleanup());

describe('cli score', () => {
  test('token strings join to the text, even where a character spans tokens', async () => {
    const text = 'the 巴黎 🤖, then more text than one context of sixteen tokens holds';
    const { code, json } = await cli('score', '--model', 'fx', text);
    expect(code).toBe(0);
    expect(json.tokens.map((t: { token: string }) => t.token).join('')).toBe(text);
  });

  test('bits are −Σ logprob / ln 2, and each logprob is the reference model\'s', async () => {
    const { json } = await cli('score', '--model', 'fx', 'the hat');
    const ids = json.tokens.map((t: { id: number }) => t.id);
    const ref = referenceLogits(randomTensors(SMALL, 3), SMALL, ids);
    let nats = 0;
    json.tokens.forEach((t: { id: number; logprob: number | null; rank: number | null }, i: number) => {
      if (i === 0) {
        expect(t.logprob).toBeNull(); // nothing before the first token to predict it from
        return;
      }
      const row = ref[i - 1]!;
      const max = Math.max(...row);
      const lse = max + Math.log(row.reduce((a, v) => a + Math.exp(v - max), 0));
      expect(t.logprob).toBeCloseTo(row[t.id]! - lse, 4);
      expect(t.rank).toBe(1 + row.filter((v) => v > row[t.id]!).length);
      nats -= t.logprob!;
    });
    expect(json.bits).toBeCloseTo(nats / Math.LN2, 6);
  });

  test('a 4-bit model scores the same text worse or differently, not identically', async () => {
    const a = await cli('score', '--model', 'fx', 'the hat');
    const b = await cli('score', '--model', 'fx-q4', 'the hat');
    expect(b.json.bits).not.toBe(a.json.bits);
  });

  test('unknown model is an error line', async () => {
    const { code, stderr } = await cli('score', '--model', 'tiny-xl', 'x');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: unknown model "tiny-xl"/);
  });
});
