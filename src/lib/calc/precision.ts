/**
 * Storage formats a model's weights come in, with their bits per weight, scales included
 * (sources in facts.md: llama.cpp ggml-common.h and tools/quantize/README.md, MLC's q4f16_1).
 */
export const WEIGHT_FORMATS = {
  fp32: { bits: 32, label: 'FP32', exact: true },
  fp16: { bits: 16, label: 'FP16 / BF16', exact: true },
  int8: { bits: 8, label: 'INT8', exact: false },
  q4: { bits: 4.5, label: 'MLC q4f16_1', exact: true },
  q4_0: { bits: 4.5, label: 'GGUF Q4_0', exact: true },
  q4_k_m: { bits: 4.84, label: 'GGUF Q4_K_M', exact: false },
} as const;

/** A weight format the memory calculator knows. */
export type WeightFormat = keyof typeof WEIGHT_FORMATS;

/** The four formats of the model-size slider (a subset of WEIGHT_FORMATS). */
export const PRECISIONS = {
  fp32: { bits: 32, label: 'FP32' },
  fp16: { bits: 16, label: 'FP16 / BF16' },
  int8: { bits: 8, label: 'INT8' },
  q4: { bits: 4.5, label: '4-bit (q4f16_1, group 32)' },
} as const;

/** A weight format the model-size slider shows. */
export type Precision = keyof typeof PRECISIONS;

/** Bytes one parameter takes in a format, scales included (4.5 bits for 4-bit with fp16 scales). */
export function bytesPerParameter(format: WeightFormat): number {
  return WEIGHT_FORMATS[format].bits / 8;
}

/** Whether a string names a weight format (for URL state and CLI input). */
export function isWeightFormat(value: unknown): value is WeightFormat {
  return typeof value === 'string' && Object.hasOwn(WEIGHT_FORMATS, value);
}
