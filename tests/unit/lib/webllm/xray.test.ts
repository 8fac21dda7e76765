import { describe, expect, test } from 'vitest';
import { xrayText, xrayTokens } from '../../../../src/lib/webllm/xray.ts';

// Qwen2.5's ChatML template as WebLLM builds it: system turn, user turn, assistant header.
const prefix = { text: '', tokens: [] };
const segments = [
  {
    text: '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n',
    tokens: ['<|im_start|>', 'system', '\n', 'You', ' are', ' a', ' helpful', ' assistant', '.', '<|im_end|>', '\n'],
  },
  {
    text: '<|im_start|>user\n怎么做红烧肉?<|im_end|>\n<|im_start|>assistant\n',
    tokens: ['<|im_start|>', 'user', '\n', '怎么', '做', '红', '烧', '肉', '?', '<|im_end|>', '\n', '<|im_start|>', 'assistant', '\n'],
  },
];

describe('xrayTokens', () => {
  test('marks control tokens, the reader’s own words, and what the template added', () => {
    const x = xrayTokens(prefix, segments, '怎么做红烧肉?');
    expect(x.filter((t) => t.kind === 'user').map((t) => t.text).join('')).toBe('怎么做红烧肉?');
    expect(x.filter((t) => t.kind === 'special').map((t) => t.text)).toEqual([
      '<|im_start|>',
      '<|im_end|>',
      '<|im_start|>',
      '<|im_end|>',
      '<|im_start|>',
    ]);
    expect(x.find((t) => t.text === ' helpful')?.kind).toBe('template');
    expect(x).toHaveLength(25);
  });

  test('a BOS before the text is shown as a control token', () => {
    const x = xrayTokens({ text: '<s>', tokens: ['<s>'] }, [{ text: '[INST] hi [/INST]', tokens: ['[INST]', ' hi', ' [/INST]'] }], 'hi');
    expect(x.map((t) => t.kind)).toEqual(['special', 'special', 'user', 'special']);
  });
});

describe('xrayText', () => {
  test('is exactly the concatenated pieces', () => {
    expect(xrayText(prefix, segments)).toBe(segments[0].text + segments[1].text);
  });
});
