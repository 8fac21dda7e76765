/**
 * The exact bytes behind each token of a byte-level BPE (GPT-2's scheme: every byte is stored as
 * one printable character), and a split of a decoded text into per-token pieces that concatenate
 * back to the text even when a token ends in the middle of a UTF-8 character.
 */

let byteOfChar: Map<string, number> | undefined;

/** GPT-2's bytes_to_unicode table, inverted: printable character → the byte it stands for. */
function byteTable(): Map<string, number> {
  if (byteOfChar) return byteOfChar;
  const bs: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) bs.push(b);
  for (let b = 0xa1; b <= 0xac; b++) bs.push(b);
  for (let b = 0xae; b <= 0xff; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  }
  byteOfChar = new Map(bs.map((b, i) => [String.fromCodePoint(cs[i]!), b]));
  return byteOfChar;
}

/**
 * Bytes of a vocabulary entry. A byte-level entry maps character by character; an entry that is
 * not (a special token such as `<|endoftext|>`) is its own UTF-8.
 */
export function byteLevelTokenBytes(token: string): Uint8Array {
  const table = byteTable();
  const chars = [...token];
  if (chars.every((c) => table.has(c))) return Uint8Array.from(chars, (c) => table.get(c)!);
  return new TextEncoder().encode(token);
}

/**
 * Splits the concatenation of `tokenBytes` into one string per token: a character belongs to the
 * token that completes it, so a token holding only the first bytes of a character gets "" and
 * the pieces always join to the decoded text. Bytes that never form a character become U+FFFD.
 */
export function piecesByToken(tokenBytes: Uint8Array[]): string[] {
  const decoder = new TextDecoder('utf-8');
  const pieces: string[] = [];
  for (let i = 0; i < tokenBytes.length; i++) {
    const last = i === tokenBytes.length - 1;
    pieces.push(decoder.decode(tokenBytes[i], { stream: !last }));
  }
  return pieces;
}

/** Length of the UTF-8 sequence a lead byte starts (0 for a byte that cannot start one). */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

const strictDecoder = typeof TextDecoder === 'function' ? new TextDecoder('utf-8', { fatal: true }) : undefined;

/**
 * A token's bytes for display, never U+FFFD: whole characters as text, and every byte that does
 * not complete a character inside this token (a Chinese character split across byte tokens) as
 * ⟨e5⟩, so the reader sees which bytes the model actually read.
 */
export function byteSafeLabel(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const n = sequenceLength(bytes[i]!);
    if (n > 0 && i + n <= bytes.length) {
      try {
        out += strictDecoder!.decode(bytes.subarray(i, i + n));
        i += n;
        continue;
      } catch {
        // Not a valid sequence: fall through and show the lead byte.
      }
    }
    out += `⟨${bytes[i]!.toString(16).padStart(2, '0')}⟩`;
    i++;
  }
  return out;
}
