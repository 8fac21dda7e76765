/**
 * A binary arithmetic coder in integer arithmetic (Witten, Neal & Cleary 1987, with the
 * "underflow" bits they call bits-to-follow), 32 bits of state. Exact on every platform: the
 * state never exceeds 2^32 and every product stays below 2^53, so plain JS numbers suffice.
 *
 * Each step takes a symbol's interval [cumLow, cumLow + freq) out of `total` (total ≤ 2^24).
 * The range is split as `r = floor(range / total)`, the last symbol also taking the remainder,
 * which wastes less than total / 2^30 of the range: at most 0.02 bits a symbol at total = 2^24.
 */

const TOP = 2 ** 32;
const HALF = 2 ** 31;
const QUARTER = 2 ** 30;

/** Largest `total` the coder accepts: the range after normalisation (> 2^30) must leave r ≥ 64. */
export const MAX_TOTAL = 2 ** 24;

/** Writes symbols as bits; `finish` returns the bytes (the last byte padded with zeros). */
export interface ArithmeticEncoder {
  encode(cumLow: number, freq: number, total: number): void;
  finish(): Uint8Array;
}

/** Reads symbols back: `target` says where the code value falls, `consume` removes that symbol. */
export interface ArithmeticDecoder {
  /** The value in [0, total) that identifies the next symbol: the one whose interval contains it. */
  target(total: number): number;
  consume(cumLow: number, freq: number, total: number): void;
}

function checkInterval(cumLow: number, freq: number, total: number): void {
  if (!(Number.isInteger(total) && total >= 1 && total <= MAX_TOTAL)) throw new RangeError(`total ${total} outside 1…2^24`);
  if (!(Number.isInteger(freq) && freq >= 1 && Number.isInteger(cumLow) && cumLow >= 0 && cumLow + freq <= total)) {
    throw new RangeError(`interval [${cumLow}, ${cumLow + freq}) is not inside [0, ${total}) with a positive width`);
  }
}

/** Narrows [low, high] to the symbol's share; the same arithmetic on both sides keeps them in step. */
function narrow(low: number, high: number, cumLow: number, freq: number, total: number): [number, number] {
  const r = Math.floor((high - low + 1) / total);
  const newHigh = cumLow + freq === total ? high : low + r * (cumLow + freq) - 1;
  return [low + r * cumLow, newHigh];
}

/** Creates an encoder with an empty output. */
export function createArithmeticEncoder(): ArithmeticEncoder {
  let low = 0;
  let high = TOP - 1;
  let pending = 0;
  let out = new Uint8Array(256);
  let bitCount = 0;

  function pushBit(bit: number): void {
    const byte = bitCount >>> 3;
    if (byte >= out.length) {
      const grown = new Uint8Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    if (bit) out[byte]! |= 0x80 >>> (bitCount & 7);
    bitCount++;
  }
  function emit(bit: number): void {
    pushBit(bit);
    for (; pending > 0; pending--) pushBit(bit ^ 1);
  }

  return {
    encode(cumLow, freq, total) {
      checkInterval(cumLow, freq, total);
      [low, high] = narrow(low, high, cumLow, freq, total);
      for (;;) {
        if (high < HALF) {
          emit(0);
        } else if (low >= HALF) {
          emit(1);
          low -= HALF;
          high -= HALF;
        } else if (low >= QUARTER && high < 3 * QUARTER) {
          pending++;
          low -= QUARTER;
          high -= QUARTER;
        } else break;
        low *= 2;
        high = high * 2 + 1;
      }
    },
    finish() {
      // Two more bits name a point inside [low, high]: QUARTER or HALF, followed by zeros,
      // which is exactly what the decoder reads past the end.
      pending++;
      emit(low < QUARTER ? 0 : 1);
      return out.slice(0, (bitCount + 7) >>> 3);
    },
  };
}

/** Creates a decoder over `bytes`; bits past the end read as zeros, matching `finish`. */
export function createArithmeticDecoder(bytes: Uint8Array): ArithmeticDecoder {
  let low = 0;
  let high = TOP - 1;
  let bitPos = 0;
  const totalBits = bytes.length * 8;
  const nextBit = (): number => {
    const bit = bitPos < totalBits ? (bytes[bitPos >>> 3]! >>> (7 - (bitPos & 7))) & 1 : 0;
    bitPos++;
    return bit;
  };
  let value = 0;
  for (let i = 0; i < 32; i++) value = value * 2 + nextBit();

  return {
    target(total) {
      if (!(Number.isInteger(total) && total >= 1 && total <= MAX_TOTAL)) throw new RangeError(`total ${total} outside 1…2^24`);
      const r = Math.floor((high - low + 1) / total);
      return Math.min(total - 1, Math.floor((value - low) / r));
    },
    consume(cumLow, freq, total) {
      checkInterval(cumLow, freq, total);
      [low, high] = narrow(low, high, cumLow, freq, total);
      for (;;) {
        if (high < HALF) {
          // nothing to subtract
        } else if (low >= HALF) {
          low -= HALF;
          high -= HALF;
          value -= HALF;
        } else if (low >= QUARTER && high < 3 * QUARTER) {
          low -= QUARTER;
          high -= QUARTER;
          value -= QUARTER;
        } else break;
        low *= 2;
        high = high * 2 + 1;
        value = value * 2 + nextBit();
      }
    },
  };
}
