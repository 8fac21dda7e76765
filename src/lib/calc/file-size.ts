import { bytesPerParameter, type WeightFormat } from './precision.ts';

/** Largest parameter count the calculators accept: 100 trillion, beyond any model built. */
export const MAX_PARAMETERS = 1e14;

/** Size in bytes of a weights file: parameters × bytes per parameter (headers ignored). */
export function weightFileBytes(parameters: number, precision: WeightFormat): number {
  if (!Number.isFinite(parameters) || parameters <= 0) {
    throw new RangeError('parameters must be a positive number');
  }
  if (parameters > MAX_PARAMETERS) {
    throw new RangeError(`parameters must be at most ${MAX_PARAMETERS}`);
  }
  return parameters * bytesPerParameter(precision);
}
