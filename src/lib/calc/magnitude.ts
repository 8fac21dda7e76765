/**
 * The seed's table as one calculation: training tokens × bytes per token (a range, because
 * bytes per token depends on language and tokenizer) against parameters × bytes per weight.
 */
import { weightFileBytes } from './file-size.ts';
import { WEIGHT_FORMATS, type WeightFormat } from './precision.ts';
import {
  CAPACITY_BITS_PER_PARAMETER,
  dataToModelRatio,
  knowledgeCapacityBytes,
  trainingDataBytes,
  weightBitsPerToken,
} from './training-data.ts';

/** What the reader sets. */
export interface MagnitudeInput {
  tokens: number;
  bytesPerTokenLow: number;
  bytesPerTokenHigh: number;
  parameters: number;
  format: WeightFormat;
}

/** What the seed's table says, computed. Data sizes and ratios come as [low, high]. */
export interface Magnitude {
  dataBytes: [number, number];
  modelBytes: number;
  ratio: [number, number];
  weightBitsPerToken: number;
  /** Knowledge capacity at 2 and 3.6 bits per parameter, in bytes, and as a share of the smaller data size. */
  capacity: { bitsPerParameter: number; bytes: number; shareOfData: number }[];
}

/** The seed's defaults: 15T tokens at 3–6 bytes each, 8B parameters in FP16. */
export const SEED_MAGNITUDE: MagnitudeInput = {
  tokens: 15e12,
  bytesPerTokenLow: 3,
  bytesPerTokenHigh: 6,
  parameters: 8e9,
  format: 'fp16',
};

/** Computes data size, model size, their ratio and capacity; throws RangeError on bad input. */
export function computeMagnitude(input: MagnitudeInput): Magnitude {
  const low = Math.min(input.bytesPerTokenLow, input.bytesPerTokenHigh);
  const high = Math.max(input.bytesPerTokenLow, input.bytesPerTokenHigh);
  const dataBytes: [number, number] = [trainingDataBytes(input.tokens, low), trainingDataBytes(input.tokens, high)];
  const modelBytes = weightFileBytes(input.parameters, input.format);
  return {
    dataBytes,
    modelBytes,
    ratio: [dataToModelRatio(dataBytes[0], modelBytes), dataToModelRatio(dataBytes[1], modelBytes)],
    weightBitsPerToken: weightBitsPerToken(input.parameters, WEIGHT_FORMATS[input.format].bits, input.tokens),
    capacity: CAPACITY_BITS_PER_PARAMETER.map((bits) => {
      const bytes = knowledgeCapacityBytes(input.parameters, bits);
      return { bitsPerParameter: bits, bytes, shareOfData: bytes / dataBytes[0] };
    }),
  };
}
