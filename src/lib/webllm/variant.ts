/** Picks the 4-bit build a GPU can run. */
import type { ModelVariant, Quantization, WebLLMModel } from './models.ts';

/**
 * q4f16_1 (smaller, faster) when the adapter has "shader-f16", q4f32_1 otherwise: an fp16 build
 * cannot run without the feature, and an fp32 build runs everywhere.
 */
export function chooseQuantization(hasShaderF16: boolean): Quantization {
  return hasShaderF16 ? 'q4f16_1' : 'q4f32_1';
}

/** The variant of `model` for an adapter with or without "shader-f16". */
export function chooseVariant(model: WebLLMModel, hasShaderF16: boolean): ModelVariant {
  return model.variants[chooseQuantization(hasShaderF16)];
}
