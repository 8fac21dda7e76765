import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, test } from 'vitest';
import { resolveHosts, modelRecord } from '../../../../src/lib/webllm/hosts.ts';
import {
  BASE_MODELS,
  COMPARISON_PAIRS,
  estimateDownloadBytes,
  modelByKey,
  MODELS,
} from '../../../../src/lib/webllm/models.ts';

const hosts = resolveHosts({}, 'https://example.org/book/');

describe('MODELS', () => {
  test('every variant matches WebLLM’s prebuilt record: weights URL, library URL, VRAM', () => {
    for (const model of MODELS) {
      for (const variant of Object.values(model.variants)) {
        const prebuilt = prebuiltAppConfig.model_list.find((r) => r.model_id === variant.modelId);
        expect(prebuilt, variant.modelId).toBeDefined();
        const ours = modelRecord(model, variant, hosts);
        expect(ours.model.replace(/\/$/, '')).toBe(prebuilt?.model.replace(/\/$/, ''));
        expect(ours.model_lib).toBe(prebuilt?.model_lib);
        expect(ours.vram_required_MB).toBe(prebuilt?.vram_required_MB);
        expect(ours.overrides.context_window_size).toBe(prebuilt?.overrides?.context_window_size);
      }
    }
  });

  test('offers exactly the three base models of WebLLM’s list, smallest first', () => {
    expect(BASE_MODELS.map((m) => m.key)).toEqual(['phi-1_5', 'phi-2', 'ministral-3-3b-base']);
    const sizes = BASE_MODELS.map((m) => m.parameters);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
  });

  test('every comparison pair is a base model beside an instruct model', () => {
    for (const pair of COMPARISON_PAIRS) {
      expect(modelByKey(pair.base).kind).toBe('base');
      expect(modelByKey(pair.instruct).kind).toBe('instruct');
    }
  });

  test('modelByKey names the bad key', () => {
    expect(() => modelByKey('phi-3')).toThrow(/phi-3/);
  });

  test('q4f16 builds require shader-f16, q4f32 builds do not', () => {
    for (const model of MODELS) {
      expect(modelRecord(model, model.variants.q4f16_1, hosts).required_features).toEqual(['shader-f16']);
      expect(modelRecord(model, model.variants.q4f32_1, hosts).required_features).toBeUndefined();
    }
  });
});

describe('estimateDownloadBytes', () => {
  test('4.5 bits per weight for q4f16_1 and 5 for q4f32_1, as MLC’s group-32 scales give', () => {
    // phi-2: 2,779,683,840 × 4.5 / 8 ≈ 1.56 GB (+ tokenizer and config)
    expect(estimateDownloadBytes(2_779_683_840, 'q4f16_1') / 1e9).toBeCloseTo(1.568, 2);
    expect(estimateDownloadBytes(2_779_683_840, 'q4f32_1') / 1e9).toBeCloseTo(1.741, 2);
  });

  test('Ministral 3 Base gets its BOS <s> (WebLLM adds none to a raw completion); the phi base models (no BOS in their training) need none', () => {
    expect(modelByKey('ministral-3-3b-base').bos).toBe('<s>');
    expect(MODELS.filter((m) => m.bos !== undefined).map((m) => m.key)).toEqual(['ministral-3-3b-base']);
  });
});
