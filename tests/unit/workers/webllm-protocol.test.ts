import { describe, expect, test } from 'vitest';
import { completionSampling } from '../../../src/workers/webllm-protocol.ts';

describe('completionSampling', () => {
  test('a base-model completion states neutral sampling, so the model config cannot reshape it', () => {
    expect(completionSampling({ maxTokens: 40, temperature: 0.8, seed: 7 })).toEqual({
      max_tokens: 40,
      temperature: 0.8,
      seed: 7,
      top_p: 1,
      repetition_penalty: 1,
      frequency_penalty: 0,
      presence_penalty: 0,
    });
  });
});
