import { readFileSync, statSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DEFAULT_MODEL_ID } from '../../../src/lib/default-model.ts';
import { parseGptConfig } from '../../../src/lib/tinylm/config.ts';
import { createGptRunner } from '../../../src/lib/tinylm/model.ts';
import { loadGptWeights } from '../../../src/lib/tinylm/weights.ts';
import { loadTokenizer } from '../../../src/lib/tokenizer/tokenizer.ts';
import { seedDemos } from '../../../src/tools/eval.ts';

const dir = `public/models/${DEFAULT_MODEL_ID}`;
const index = JSON.parse(readFileSync('public/models/index.json', 'utf8')) as { id: string; params: number; default?: boolean }[];

describe('the default model', () => {
  test('is the one index.json marks default, and downloads in at most 250 KB', () => {
    expect(index.filter((m) => m.default).map((m) => m.id)).toEqual([DEFAULT_MODEL_ID]);
    expect(statSync(`${dir}/model.safetensors`).size).toBeLessThanOrEqual(250_000);
  });

  test('is data-rich: its corpus holds ≥ 20 tokens per parameter and ≥ 20× its file in bytes', () => {
    const log = JSON.parse(readFileSync(`${dir}/train-log.json`, 'utf8')) as { corpus: string; corpusTokens: number; params: number };
    const manifest = JSON.parse(readFileSync(log.corpus.replace('corpus.txt.gz', 'manifest.json'), 'utf8')) as { bytes: number };
    expect(log.corpusTokens / log.params).toBeGreaterThanOrEqual(20);
    expect(manifest.bytes / statSync(`${dir}/model.safetensors`).size).toBeGreaterThanOrEqual(20);
  });

  test('does the seed\'s demos: 巴黎 after 法国的首都是, more questions after 怎么做红烧肉?, !/吗/, after 你好', () => {
    const config = parseGptConfig(JSON.parse(readFileSync(`${dir}/config.json`, 'utf8')));
    const runner = createGptRunner(loadGptWeights(new Uint8Array(readFileSync(`${dir}/model.safetensors`)), config).weights, config);
    const tokenizer = loadTokenizer(JSON.parse(readFileSync(`${dir}/tokenizer.json`, 'utf8')) as object);
    const demos = seedDemos(runner, tokenizer);
    expect(demos.france.shows).toContain('巴黎');
    expect(demos.recipe.shows).toMatch(/怎么做.+\?/);
    expect((demos.hello.shows as string[]).some((t) => /^(!|吗|,)/.test(t))).toBe(true);
  });
});
