/**
 * The WebLLM models the site offers, in one typed config. Ids, URLs, VRAM figures and context sizes
 * are copied from @mlc-ai/web-llm 0.2.86's `prebuiltAppConfig` (its `modelVersion` "v0_2_86/base"):
 * the model libraries (.wasm) are compiled for that version, so they must be updated together.
 * Download sizes are estimates from the parameter count (see `estimateDownloadBytes`).
 */

/** The two 4-bit variants WebLLM ships: fp16 scales need the WebGPU feature "shader-f16". */
export type Quantization = 'q4f16_1' | 'q4f32_1';

/** Whether a model is a raw base model or was post-trained to follow instructions. */
export type ModelKind = 'base' | 'instruct';

/** One downloadable build of a model. */
export interface ModelVariant {
  quantization: Quantization;
  /** WebLLM's `model_id`. */
  modelId: string;
  /** Repository name under the model host (Hugging Face `mlc-ai/<repo>`). */
  repo: string;
  /** File name of the compiled model library under the library host. */
  wasm: string;
  /** WebLLM's `vram_required_MB`: GPU memory the model needs, including its KV cache. */
  vramMB: number;
  /** WebLLM's `low_resource_required`: runs where maxStorageBufferBindingSize is only 128 MiB. */
  lowResource: boolean;
}

/** One model the reader can choose. */
export interface WebLLMModel {
  /** Our short key, stable across WebLLM versions. */
  key: string;
  /** Name shown to the reader. */
  name: string;
  kind: ModelKind;
  /** Parameter count, from the model card or the checkpoint (approx. where marked). */
  parameters: number;
  /** Where the parameter count comes from, for the reader. */
  source: string;
  /** Context window WebLLM is configured with (its `overrides.context_window_size`). */
  contextWindow: number;
  /**
   * Text of the beginning-of-sequence token the model was trained to see first, when WebLLM does
   * not add it to a raw completion or a token list (it adds only the chat template's prefix).
   */
  bos?: string;
  variants: Record<Quantization, ModelVariant>;
}

/** WebLLM's default hosts; `resolveHosts` swaps them for self-hosted copies. */
export const DEFAULT_MODEL_BASE = 'https://huggingface.co/mlc-ai/';
/** Where WebLLM 0.2.86's prebuilt model libraries live. */
export const DEFAULT_LIB_BASE =
  'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/';

/** Builds both variants from WebLLM's naming scheme (`<name>-<q>-MLC`, `<lib>-<q>_cs1k-webgpu.wasm`). */
function variants(
  repoStem: string,
  libStem: string,
  vram: Record<Quantization, number>,
  lowResource: boolean,
  idSuffix = '',
): Record<Quantization, ModelVariant> {
  const one = (q: Quantization): ModelVariant => ({
    quantization: q,
    modelId: `${repoStem}-${q}-MLC${idSuffix}`,
    repo: `${repoStem}-${q}-MLC`,
    wasm: `${libStem}-${q}_cs1k-webgpu.wasm`,
    vramMB: vram[q],
    lowResource,
  });
  return { q4f16_1: one('q4f16_1'), q4f32_1: one('q4f32_1') };
}

/** Every model the site offers, smallest first within each kind. */
export const MODELS: readonly WebLLMModel[] = [
  {
    key: 'phi-1_5',
    name: 'phi-1.5',
    kind: 'base',
    parameters: 1_418_270_720,
    source: 'microsoft/phi-1_5 (safetensors total)',
    contextWindow: 2048,
    variants: variants('phi-1_5', 'phi-1_5', { q4f16_1: 1210.09, q4f32_1: 1682.09 }, true),
  },
  {
    key: 'phi-2',
    name: 'phi-2',
    kind: 'base',
    parameters: 2_779_683_840,
    source: 'microsoft/phi-2 (safetensors total)',
    contextWindow: 2048,
    variants: variants('phi-2', 'phi-2', { q4f16_1: 3053.97, q4f32_1: 4032.48 }, false),
  },
  {
    key: 'ministral-3-3b-base',
    name: 'Ministral 3 3B Base',
    kind: 'base',
    parameters: 3.4e9,
    source: 'mistralai/Ministral-3-3B-Base-2512 (language model, approx.)',
    contextWindow: 4096,
    // Mistral's tokenizer puts <s> before every training sequence; without it the first
    // predictions are those of a text that starts mid-document.
    bos: '<s>',
    variants: variants(
      'Ministral-3-3B-Base-2512',
      'Ministral-3-3B-Base-2512',
      { q4f16_1: 2863.69, q4f32_1: 3532.37 },
      true,
    ),
  },
  {
    key: 'qwen2.5-0.5b-instruct',
    name: 'Qwen2.5 0.5B Instruct',
    kind: 'instruct',
    parameters: 494_032_768,
    source: 'Qwen/Qwen2.5-0.5B-Instruct',
    contextWindow: 4096,
    variants: variants(
      'Qwen2.5-0.5B-Instruct',
      'Qwen2-0.5B-Instruct',
      { q4f16_1: 944.62, q4f32_1: 1060.2 },
      true,
    ),
  },
  {
    key: 'ministral-3-3b-instruct',
    name: 'Ministral 3 3B Instruct',
    kind: 'instruct',
    parameters: 3.4e9,
    source: 'mistralai/Ministral-3-3B-Instruct-2512 (language model, approx.)',
    contextWindow: 4096,
    variants: variants(
      'Ministral-3-3B-Instruct-2512-BF16',
      'Ministral-3-3B-Instruct-2512-BF16',
      { q4f16_1: 2863.69, q4f32_1: 3532.37 },
      true,
    ),
  },
];

/** The base models, in the order the preflight lists them. */
export const BASE_MODELS = MODELS.filter((m) => m.kind === 'base');

/** Base ↔ instruct pairs for the side-by-side comparison; the first is the default. */
export const COMPARISON_PAIRS: readonly { base: string; instruct: string }[] = [
  { base: 'phi-1_5', instruct: 'qwen2.5-0.5b-instruct' },
  { base: 'ministral-3-3b-base', instruct: 'ministral-3-3b-instruct' },
];

/** Looks a model up by key; throws on a typo so a bad prop fails the build, not the reader. */
export function modelByKey(key: string): WebLLMModel {
  const model = MODELS.find((m) => m.key === key);
  if (!model) throw new Error(`Unknown WebLLM model "${key}"`);
  return model;
}

/**
 * Approximate download size of a 4-bit MLC build: every weight at 4 bits plus one scale per group
 * of 32 (fp16: 4.5 bits per weight, fp32: 5), plus the tokenizer and config (a few MB).
 * Norms and biases stay unquantized but are well under 1% of a model this size.
 */
export function estimateDownloadBytes(parameters: number, quantization: Quantization): number {
  const bitsPerWeight = quantization === 'q4f16_1' ? 4.5 : 5;
  return Math.round((parameters * bitsPerWeight) / 8 + 4e6);
}
