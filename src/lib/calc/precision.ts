/** Storage formats a model's weights come in, with their bits per weight (sources in facts.md). */
export const PRECISIONS = {
  fp32: { bits: 32, label: 'FP32' },
  fp16: { bits: 16, label: 'FP16 / BF16' },
  int8: { bits: 8, label: 'INT8' },
  q4: { bits: 4.5, label: '4-bit (q4f16_1, group 32)' },
} as const;

/** A weight format the size calculators know. */
export type Precision = keyof typeof PRECISIONS;

/** Bytes one parameter takes in a format, scales included (4.5 bits for 4-bit with fp16 scales). */
export function bytesPerParameter(precision: Precision): number {
  return PRECISIONS[precision].bits / 8;
}
