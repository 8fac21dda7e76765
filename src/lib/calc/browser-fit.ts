/**
 * Whether a model could run in this browser, from the little a browser tells a page: a coarse
 * RAM hint (`navigator.deviceMemory`: GiB rounded down to a power of two, and capped: at 8 in
 * Chrome for years, higher in some builds)
 * and WebGPU's buffer limits. No browser reveals total GPU memory, so "fits" is never certain.
 */

/** What the browser reported; null where it said nothing. */
export interface BrowserHints {
  deviceMemoryGiB: number | null;
  gpu: { maxBufferSize: number; maxStorageBufferBindingSize: number } | null;
}

/** The answer per hint: too big, within, or the browser cannot say. */
export interface FitReport {
  /** 'exceeds': more than the RAM the device reports; 'capped': the hint may be a cap, so it cannot say. */
  ram: 'exceeds' | 'within' | 'capped' | 'unknown';
  /** Whether the largest single weight matrix fits the largest buffer WebGPU will bind. */
  buffer: 'exceeds' | 'within' | 'unknown';
}

/** From this reported value up, the hint may be a cap, so "more than reported" is not "too big". */
export const DEVICE_MEMORY_CAP_GIB = 8;

/** Compares memory needed with what the browser reported. */
export function fitInBrowser(totalBytes: number, largestTensorBytes: number, hints: BrowserHints): FitReport {
  let ram: FitReport['ram'] = 'unknown';
  const gib = hints.deviceMemoryGiB;
  if (gib !== null && Number.isFinite(gib) && gib > 0) {
    if (totalBytes > gib * 2 ** 30) ram = gib >= DEVICE_MEMORY_CAP_GIB ? 'capped' : 'exceeds';
    else ram = 'within';
  }
  let buffer: FitReport['buffer'] = 'unknown';
  if (hints.gpu) {
    const limit = Math.min(hints.gpu.maxBufferSize, hints.gpu.maxStorageBufferBindingSize);
    buffer = largestTensorBytes > limit ? 'exceeds' : 'within';
  }
  return { ram, buffer };
}
