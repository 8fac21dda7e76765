/**
 * Two independent GPT-2 implementations read our exports and must predict what our engine
 * predicts: llama.cpp (wllama, the GGUF file) and ONNX Runtime Web (the ONNX file), in Chromium,
 * next-token probabilities within 1e-3 of ours for every token of the vocabulary, on a fixed
 * prompt set (src/tools/bench/peers-page.ts). The exports are written fresh into a temporary folder.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelsDir } from '../../../../src/cli/_tinylm.ts';
import { exportModel } from '../../../../src/tools/export-models.ts';
import { ggufTokenizerFromJson } from '../../../../src/tools/export/gguf.ts';
import { runPeersPage } from '../../../../src/tools/bench/peers.ts';
import type { AgreeResult } from '../../../../src/tools/bench/peers-page.ts';

// The default model, the smallest, and the 4-bit one (dequantized numbers in both exports).
const MODELS = ['tiny-m', 'tiny-s', 'tiny-m-q4'];
const TOLERANCE = 1e-3;

let root: string;
let result: AgreeResult;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'export-agreement-'));
  for (const id of MODELS) {
    const dir = join(root, id);
    mkdirSync(dir);
    for (const f of ['config.json', 'tokenizer.json', 'model.safetensors']) copyFileSync(join(modelsDir(), id, f), join(dir, f));
    exportModel(id, dir);
  }
  result = await runPeersPage('agree', MODELS, root);
}, 400_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const maxDiff = (a: number[], b: number[]) => a.reduce((m, p, i) => Math.max(m, Math.abs(p - (b[i] ?? 0))), 0);

describe.each(MODELS)('%s exported', (id) => {
  test.each(['wllama', 'ort'] as const)('%s gives our next-token probabilities within 1e-3', (runtime) => {
    const m = result.models[id]!;
    expect(m.prompts.length).toBeGreaterThanOrEqual(5);
    m.prompts.forEach((prompt, i) => {
      const ours = m.ours[i]!;
      const theirs = m[runtime][i]!;
      expect(theirs.length, `vocabulary size from ${runtime}`).toBe(ours.length);
      // Both predict the same most likely token, and every probability agrees.
      expect(theirs.indexOf(Math.max(...theirs)), `top token after [${prompt.join(',')}]`).toBe(ours.indexOf(Math.max(...ours)));
      expect(maxDiff(ours, theirs), `max |Δp| after [${prompt.join(',')}]`).toBeLessThanOrEqual(TOLERANCE);
    });
  });
});

test('a tokenizer.json that is not BPE is refused with the reason', () => {
  expect(() => ggufTokenizerFromJson({ model: { type: 'WordPiece' } }, 0, 0)).toThrow(/BPE model with vocab and merges/);
});
