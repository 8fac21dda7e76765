/** GPT-2's byte ↔ printable-character table, which Hugging Face's ByteLevel pre-tokenizer uses. */

/** Maps each byte 0–255 to the printable character that stands for it in vocab and merges. */
export const BYTE_TO_CHAR: readonly string[] = (() => {
  // Printable Latin-1 bytes stand for themselves; the rest are shifted to 256+ so no symbol is blank.
  const printable: number[] = [];
  for (let b = 33; b <= 126; b++) printable.push(b);
  for (let b = 161; b <= 172; b++) printable.push(b);
  for (let b = 174; b <= 255; b++) printable.push(b);
  const table: string[] = new Array<string>(256);
  let shifted = 0;
  for (let b = 0; b < 256; b++) {
    table[b] = String.fromCodePoint(printable.includes(b) ? b : 256 + shifted++);
  }
  return table;
})();

const encoder = new TextEncoder();

/** The byte-level symbols of a piece of text: one printable character per UTF-8 byte. */
export function toByteSymbols(text: string): string[] {
  return Array.from(encoder.encode(text), (b) => BYTE_TO_CHAR[b]!);
}
