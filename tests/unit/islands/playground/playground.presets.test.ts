import { describe, expect, test } from 'vitest';
import { PRESETS } from '../../../../src/islands/playground/playground.presets.ts';

describe('playground presets', () => {
  test("are the seed's six prompts, each with a note in both languages", () => {
    expect(PRESETS.map((p) => p.prompt)).toEqual(['你好', '法国的首都是', '怎么做红烧肉?', '问:怎么做红烧肉?\n答:', 'Hello', 'The capital of France is']);
    for (const p of PRESETS) {
      expect(p.notice.zh.length).toBeGreaterThan(10);
      expect(p.notice.en.length).toBeGreaterThan(10);
      expect(/[\u4e00-\u9fff]/.test(p.notice.zh)).toBe(true);
    }
  });
});
