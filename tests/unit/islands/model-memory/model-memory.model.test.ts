import { describe, expect, test } from 'vitest';
import {
  createModelMemoryModel,
  jsonDepth,
  MAX_CONFIG_DEPTH,
  readConfigText,
} from '../../../../src/islands/model-memory/model-memory.model.ts';

/** The link of issue #17 point 9: about 48 KB of `{"a":` nested 8,000 deep. */
const HOSTILE = '{"a":'.repeat(8000) + '1' + '}'.repeat(8000);

describe('model-memory config depth', () => {
  test('counts nesting outside strings only', () => {
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[{{{\\"[["}')).toBe(1);
    expect(jsonDepth(HOSTILE)).toBe(8000);
  });

  test('a config nested thousands deep is refused with a clear reason, not a throw', () => {
    expect(HOSTILE.length).toBeGreaterThan(48_000);
    expect(readConfigText(HOSTILE)).toEqual({ ok: false, issue: { kind: 'too-deep', max: MAX_CONFIG_DEPTH } });
  });

  test('the hostile ?mem.config= link loads into the widget as a refused config', () => {
    const model = createModelMemoryModel();
    model.loadSearch(`?mem.config=${encodeURIComponent(HOSTILE)}`);
    expect(model.config.value).toEqual({ ok: false, issue: { kind: 'too-deep', max: MAX_CONFIG_DEPTH } });
    expect(model.rows.value).toBeNull();
  });

  test('a real nested config (text_config, rope_scaling) still counts', () => {
    const config = {
      model_type: 'llama', hidden_size: 64, intermediate_size: 128, num_hidden_layers: 2,
      num_attention_heads: 4, vocab_size: 100, rope_scaling: { type: 'linear', factor: 2, extra: [[1, 2]] },
    };
    const result = readConfigText(JSON.stringify(config));
    expect(result.ok).toBe(true);
  });
});
