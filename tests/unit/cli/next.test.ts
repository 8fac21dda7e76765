import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { referenceLogits } from '../../fixtures/reference-gpt2.ts';
import { cli, setUpFixtureModels } from '../../fixtures/cli-models.ts';
import { randomTensors, SMALL } from '../../fixtures/tiny-gpt.ts';

let fixture: ReturnType<typeof setUpFixtureModels>;
beforeAll(() => { fixture = setUpFixtureModels(); });
afterAll(() => fixture.cleanup());

describe('cli next', () => {
  test('gives the K likeliest tokens with the softmax probabilities of a reference GPT-2', async () => {
    const { code, json } = await cli('next', '--model', 'fx', '--top', '5', 'the capital');
    expect(code).toBe(0);
    const logits = referenceLogits(randomTensors(SMALL, 3), SMALL, json.input_ids).at(-1)!;
    const max = Math.max(...logits);
    const z = logits.reduce((a, v) => a + Math.exp(v - max), 0);
    const expected = logits.map((v, id) => ({ id, prob: Math.exp(v - max) / z })).sort((a, b) => b.prob - a.prob).slice(0, 5);
    expect(json.top.map((t: { id: number }) => t.id)).toEqual(expected.map((e) => e.id));
    json.top.forEach((t: { prob: number }, i: number) => expect(t.prob).toBeCloseTo(expected[i]!.prob, 5));
  });

  test('without --top gives ten, sorted', async () => {
    const { json } = await cli('next', '--model', 'fx', 'hello');
    expect(json.top).toHaveLength(10);
    const probs = json.top.map((t: { prob: number }) => t.prob);
    expect([...probs].sort((a, b) => b - a)).toEqual(probs);
  });

  test('a bad --top or an empty text is an error line', async () => {
    for (const top of ['0', '-1', '2.5', 'many']) {
      const { code, stderr } = await cli('next', '--model', 'fx', '--top', top, 'x');
      expect(code).toBe(1);
      expect(stderr).toMatch(/^error: --top must be a positive integer/);
    }
    expect((await cli('next', '--model', 'fx', '')).stderr).toMatch(/^error: TEXT must not be empty/);
  });
});
