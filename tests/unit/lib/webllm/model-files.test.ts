import { describe, expect, test } from 'vitest';
import { modelFiles, shardFiles } from '../../../../src/lib/webllm/model-files.ts';

// Shaped like mlc-ai/phi-1_5-q4f32_1-MLC: several tensors share a shard file.
const tensorCache = {
  metadata: { ParamSize: 3, ParamBytes: 96, BitsPerParam: 5 },
  records: [
    { dataPath: 'params_shard_0.bin', format: 'raw-shard', nbytes: 32_000_000, records: [] },
    { dataPath: 'params_shard_1.bin', format: 'raw-shard', nbytes: 31_000_000, records: [] },
    { dataPath: 'params_shard_1.bin', format: 'raw-shard', nbytes: 31_000_000, records: [] },
  ],
};

describe('modelFiles', () => {
  test('lists config, tokenizer files, manifest and each shard once, with shard sizes', () => {
    expect(modelFiles({ tokenizer_files: ['tokenizer.json', 'vocab.json'] }, tensorCache)).toEqual([
      { path: 'mlc-chat-config.json' },
      { path: 'tokenizer.json' },
      { path: 'vocab.json' },
      { path: 'tensor-cache.json' },
      { path: 'params_shard_0.bin', bytes: 32_000_000 },
      { path: 'params_shard_1.bin', bytes: 31_000_000 },
    ]);
  });

  test('a malformed manifest is an error that names the file', () => {
    expect(() => shardFiles({})).toThrow(/tensor-cache\.json/);
    expect(() => modelFiles({}, tensorCache)).toThrow(/mlc-chat-config\.json/);
  });
});
