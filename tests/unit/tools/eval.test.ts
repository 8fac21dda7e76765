import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { commonPrefix, greedyContinue, probePassage, trainingSample, TRAIN_SAMPLE_CHARS } from '../../../src/tools/eval.ts';
import { loadTokenizer } from '../../../src/lib/tokenizer/tokenizer.ts';
import type { GptRunner } from '../../../src/lib/tinylm/model.ts';

const tokenizer = loadTokenizer(JSON.parse(readFileSync('public/models/tokenizer.json', 'utf8')) as object);

/** A runner whose logits always favour the next id of a fixed script, whatever the prefix. */
function scriptedRunner(script: number[], vocabSize: number): GptRunner {
  let promptLength = -1;
  return {
    config: { vocabSize, contextLength: 128, dModel: 32, nLayer: 1, nHead: 1, layerNormEpsilon: 1e-5 },
    chunkRows: 1,
    chunkLogits: new Float32Array(vocabSize),
    nextLogits(ids) {
      if (promptLength < 0) promptLength = ids.length;
      const logits = new Float32Array(vocabSize);
      logits[script[ids.length - promptLength] ?? 0] = 5;
      return logits;
    },
    runChunk() {},
    reset() { promptLength = -1; },
  };
}

describe('greedyContinue', () => {
  test('follows the most likely token and stops once the text is long enough', () => {
    const script = tokenizer.encode('巴黎。法国');
    const out = greedyContinue(scriptedRunner(script, tokenizer.vocabSize), tokenizer, '法国的首都是', 2, 10);
    expect(out).toBe('巴黎');
  });
});

describe('probePassage', () => {
  test('the extraction test of eval.json: memorized when the greedy continuation starts with the completion', async () => {
    const script = tokenizer.encode('巴黎。法国');
    const hit = await probePassage(scriptedRunner(script, tokenizer.vocabSize), tokenizer, '法国的首都是', '巴黎');
    expect(hit).toMatchObject({ output: '巴黎', memorized: true, matchedChars: 2 });
    const miss = await probePassage(scriptedRunner(script, tokenizer.vocabSize), tokenizer, '法国的首都是', '巴西');
    expect(miss).toMatchObject({ memorized: false, matchedChars: 1 });
  });
});

describe('commonPrefix', () => {
  test('counts code points, so an astral character is one', () => {
    expect(commonPrefix('𝄞ab', '𝄞ac')).toBe(2);
    expect(commonPrefix('', 'x')).toBe(0);
  });
});

describe('trainingSample', () => {
  test('ends at a document boundary within the sample size', () => {
    const corpus = readFileSync('public/corpus/corpus.txt', 'utf8');
    const sample = trainingSample(corpus);
    expect(sample.length).toBeLessThanOrEqual(TRAIN_SAMPLE_CHARS + 1);
    expect(corpus.startsWith(sample)).toBe(true);
    expect(corpus.slice(sample.length - 1, sample.length + 1)).toBe('\n\n');
  });
});
