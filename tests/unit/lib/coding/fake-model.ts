/**
 * A cheap deterministic stand-in for a language model in coder tests: tokens are UTF-8 bytes,
 * and the next byte is predicted from the previous one by counting, in the prefix, what followed it.
 */
import type { CodingModel } from '../../../../src/lib/coding/text-compressor.ts';

export function byteBigramModel(id = 'fake-bytes'): CodingModel {
  return {
    id,
    tokenize: (text) => Array.from(new TextEncoder().encode(text)),
    detokenize: (ids) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(Uint8Array.from(ids)),
    probabilities(prefix) {
      const p = new Float32Array(256).fill(0.01);
      const last = prefix[prefix.length - 1];
      for (let i = 1; i < prefix.length; i++) if (prefix[i - 1] === last) p[prefix[i]!]! += 1;
      return p;
    },
  };
}
