import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli, setUpFixtureModels } from '../../fixtures/cli-models.ts';

let fixture: ReturnType<typeof setUpFixtureModels>;
beforeAll(() => { fixture = setUpFixtureModels(); });
afterAll(() => fixture.cleanup());

describe('cli tokenize', () => {
  test.each(['the capital', '法国的首都是巴黎。', '🤖 e\u0301 𝌆 \u0000\n\t', ''])('decodes back to exactly %j', async (text) => {
    const { code, json } = await cli('tokenize', '--model', 'fx', text);
    expect(code).toBe(0);
    expect(json.decoded).toBe(text);
    expect(json.tokens).toHaveLength(json.ids.length);
  });

  test('uses the merges: "the" is two tokens, not three bytes', async () => {
    const { json } = await cli('tokenize', '--model', 'fx', 'the');
    expect(json.tokens).toEqual(['t', 'he']);
  });

  test('unknown model, missing text and unknown options are one error line each', async () => {
    for (const args of [['--model', 'nope', 'x'], ['--model', 'fx'], ['--model', 'fx', 'a', 'b'], ['--modle', 'fx', 'x'], ['--model']]) {
      const { code, stderr } = await cli('tokenize', ...args);
      expect(code).toBe(1);
      expect(stderr).toMatch(/^error: [^\n]+\n$/);
    }
    expect((await cli('tokenize', '--model', 'nope', 'x')).stderr).toContain('unknown model "nope"; known models: fx, fx-q4');
  });
});
