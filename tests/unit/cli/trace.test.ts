import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { referenceTrace } from '../../fixtures/reference-gpt2.ts';
import { cli, setUpFixtureModels } from '../../fixtures/cli-models.ts';
import { randomTensors, SMALL } from '../../fixtures/tiny-gpt.ts';

let fixture: ReturnType<typeof setUpFixtureModels>;
beforeAll(() => { fixture = setUpFixtureModels(); });
afterAll(() => fixture.cleanup());

interface Candidate { id: number; token: string; prob: number }

describe('cli trace', () => {
  test('prints exactly {ids, tokens, attention, lens} in the documented shapes, agreeing with a reference GPT-2', async () => {
    const { code, json } = await cli('trace', '--model', 'fx', '--top', '3', 'the capital');
    expect(code).toBe(0);
    expect(Object.keys(json)).toEqual(['ids', 'tokens', 'attention', 'lens']);
    const T = json.ids.length;
    expect(json.tokens.join('')).toBe('the capital');
    expect(json.attention).toHaveLength(SMALL.nLayer);
    expect(json.attention[0]).toHaveLength(SMALL.nHead);
    expect(json.attention[0][0]).toHaveLength(T);
    expect(json.attention[0][0][0]).toHaveLength(T);
    expect(json.lens).toHaveLength(SMALL.nLayer + 1);
    expect(json.lens[0]).toHaveLength(T);
    expect(json.lens[0][0]).toHaveLength(3);
    expect(Object.keys(json.lens[2][1][0])).toEqual(['id', 'token', 'prob']);
    const ref = referenceTrace(randomTensors(SMALL, 3), SMALL, json.ids);
    for (let l = 0; l < SMALL.nLayer; l++) {
      for (let h = 0; h < SMALL.nHead; h++) {
        for (let q = 0; q < T; q++) {
          for (let k = 0; k < T; k++) expect(Math.abs(json.attention[l][h][q][k] - ref.attention[l]![h]![q]![k]!)).toBeLessThan(1e-5);
        }
      }
    }
    for (let L = 0; L <= SMALL.nLayer; L++) {
      for (let t = 0; t < T; t++) {
        for (const c of json.lens[L][t] as Candidate[]) expect(Math.abs(c.prob - ref.lens[L]![t]![c.id]!)).toBeLessThan(1e-5);
      }
    }
  });

  test('the last lens layer at the last position is what `next` prints', async () => {
    const trace = await cli('trace', '--model', 'fx-q4', '--top', '4', 'the hat');
    const next = await cli('next', '--model', 'fx-q4', '--top', '4', 'the hat');
    const last: Candidate[] = trace.json.lens.at(-1).at(-1);
    expect(last.map((c) => [c.id, c.token])).toEqual(next.json.top.map((c: Candidate) => [c.id, c.token]));
    last.forEach((c, i) => expect(c.prob).toBeCloseTo(next.json.top[i].prob, 6));
  });

  test('without --top gives five candidates; bad input is one error line', async () => {
    const { json } = await cli('trace', '--model', 'fx', 'hi');
    expect(json.lens[1][0]).toHaveLength(5);
    expect((await cli('trace', '--model', 'fx', '')).stderr).toMatch(/^error: TEXT must not be empty/);
    expect((await cli('trace', '--model', 'fx', '--top', '0', 'x')).stderr).toMatch(/^error: --top must be a positive integer/);
    expect((await cli('trace', '--model', 'nope', 'x')).stderr).toMatch(/^error: unknown model "nope"/);
    const long = await cli('trace', '--model', 'fx', 'x'.repeat(SMALL.contextLength + 1));
    expect(long.code).toBe(1);
    expect(long.stderr).toMatch(/^error: TEXT is 17 tokens; the model reads at most 16/);
  });
});
