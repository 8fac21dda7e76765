/**
 * webllm.worker.ts reads WebLLM state that is not in its public types and relies on a few of its
 * behaviours (see EngineInternals there). A WebLLM upgrade that renames any of them would break the
 * real model only in a browser with a GPU; this test fails first, in Node, against the installed copy.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MLCEngine } from '@mlc-ai/web-llm';
import { describe, expect, test } from 'vitest';

const require = createRequire(import.meta.url);
const root = join(dirname(require.resolve('@mlc-ai/web-llm')), '..');
const installed = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const source = readFileSync(join(root, 'lib', 'index.js'), 'utf8');

describe('the WebLLM internals the worker reads', () => {
  test('package.json pins web-llm exactly, and that version is installed', () => {
    expect(pkg.dependencies['@mlc-ai/web-llm']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed.version).toBe(pkg.dependencies['@mlc-ai/web-llm']);
  });

  test('MLCEngine keeps its per-model pipeline and chat config in Maps, and has the methods used', () => {
    const engine = new MLCEngine({ logLevel: 'ERROR' }) as unknown as Record<string, unknown>;
    expect(engine.loadedModelIdToPipeline).toBeInstanceOf(Map);
    expect(engine.loadedModelIdToChatConfig).toBeInstanceOf(Map);
    for (const method of ['reload', 'forwardTokensAndSample', 'resetChat', 'interruptGenerate', 'unload']) {
      expect(typeof engine[method], method).toBe('function');
    }
  });

  test('the pipeline holds the tokenizer; the chat config has the fields read', () => {
    expect(source).toMatch(/class LLMChatPipeline \{[\s\S]{0,8000}?this\.tokenizer = tokenizer;/);
    expect(source).toContain('this.loadedModelIdToPipeline.set(modelId, newPipeline)');
    expect(source).toContain('this.loadedModelIdToChatConfig.set(modelId, curModelConfig)');
    for (const field of ['context_window_size', 'vocab_size', 'system_prefix_token_ids']) expect(source).toContain(field);
  });

  test('downloads go through Cache.add (which the worker replaces to name the failed file)', () => {
    expect(source).toContain('yield this.cache.add(request)');
  });

  test('a lost device aborts reload through unload() with the reason the classifier knows', () => {
    // errors.ts: "Engine.unload() is called." → device lost, not "cancelled"
    expect(source).toContain('this.reloadController.abort("Engine.unload() is called.")');
    // reload() swallows the abort, so the worker checks for the pipeline afterwards
    expect(source).toMatch(/error instanceof DOMException && error\.name === "AbortError"\) \{\s*log\.warn\("Reload\(\) is aborted\."/);
  });

  test('a raw completion gets no BOS from WebLLM (only the chat path adds system_prefix_token_ids)', () => {
    expect(source).toMatch(/if \(this\.conversation\.isTextCompletion\) \{\s*\/\/ 1\.1\. Non-conversation style[\s\S]{0,300}?prompts = this\.conversation\.getPromptArrayTextCompletion\(\);\s*\}/);
  });

  test('the sampling fields sent with a completion override the model config', () => {
    for (const field of ['top_p', 'repetition_penalty', 'frequency_penalty', 'presence_penalty']) {
      expect(source).toContain(`if (_hasValue(genConfig.${field})) {`);
    }
  });
});
