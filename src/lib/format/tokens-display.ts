/**
 * How every widget writes a token for the reader, one convention for the whole site:
 *
 * - whitespace made visible: ␣ a space, ↵ a newline, ⇥ a tab, ␍ a carriage return, ∅ an empty token;
 * - a byte-level tokenizer may cut one character into several tokens. Such a token is shown as
 *   the bytes it holds, ⟨e5 b7⟩, never as U+FFFD (�); in a sequence, the token that completes the
 *   character adds the character: ⟨e5 b7⟩ then ⟨a6⟩→巷;
 * - bytes nobody knows (a model that reports only U+FFFD) show as ⟨?⟩.
 */

/** Marker between a token's own bytes and the character they complete: ⟨a6⟩→巷. */
export const COMPLETES = '→';

/** Text with spaces, newlines, tabs and carriage returns drawn as visible marks; '' as ∅. */
export function visibleWhitespace(text: string): string {
  if (text === '') return '∅';
  return text.replace(/ /g, '␣').replace(/\n/g, '↵').replace(/\r/g, '␍').replace(/\t/g, '⇥');
}

/** Bytes as lower-case hex in angle brackets: ⟨e5 b7⟩. */
export function byteList(bytes: ArrayLike<number>): string {
  return `⟨${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ')}⟩`;
}

/** Length of the UTF-8 sequence a lead byte starts; 0 for a byte that cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const isContinuation = (b: number): boolean => (b & 0xc0) === 0x80;
const strict = new TextDecoder('utf-8', { fatal: true });

/** The character `bytes[at…]` spells, or undefined when it is incomplete or invalid there. */
function charAt(bytes: Uint8Array, at: number): string | undefined {
  const n = sequenceLength(bytes[at]!);
  if (n === 0 || at + n > bytes.length) return undefined;
  for (let k = 1; k < n; k++) if (!isContinuation(bytes[at + k]!)) return undefined;
  try {
    return strict.decode(bytes.subarray(at, at + n));
  } catch {
    return undefined;
  }
}

/** Text + bytes → label: whole characters as text (visible whitespace), anything else as ⟨hex⟩. */
function labelBytes(bytes: Uint8Array): string {
  return markLooseBytes(bytes, visibleWhitespace) || '∅';
}

/**
 * Running text from its bytes, as the reader should see it: whole characters as they are, the
 * bytes of a character still incomplete (the next token has not arrived) or invalid as ⟨hex⟩.
 * Where `TextDecoder` would write U+FFFD, this writes what is really there.
 */
export function textWithLooseBytes(bytes: Uint8Array): string {
  return markLooseBytes(bytes, (text) => text);
}

function markLooseBytes(bytes: Uint8Array, show: (text: string) => string): string {
  let out = '';
  let text = '';
  let loose: number[] = [];
  const flushText = () => {
    if (text) out += show(text);
    text = '';
  };
  const flushLoose = () => {
    if (loose.length) out += byteList(loose);
    loose = [];
  };
  for (let i = 0; i < bytes.length; ) {
    const ch = charAt(bytes, i);
    if (ch === undefined) {
      flushText();
      loose.push(bytes[i]!);
      i++;
    } else {
      flushLoose();
      text += ch;
      i += sequenceLength(bytes[i]!);
    }
  }
  flushText();
  flushLoose();
  return out;
}

/**
 * One token shown on its own (a next-token candidate): its text with visible whitespace; with
 * its bytes known, the bytes of any incomplete character as ⟨e5 b7⟩; without them, each U+FFFD
 * as ⟨?⟩.
 */
export function tokenLabel(text: string, bytes?: Uint8Array): string {
  if (!text.includes('\uFFFD')) return visibleWhitespace(text);
  if (bytes) return labelBytes(bytes);
  return visibleWhitespace(text).replace(/\uFFFD+/g, '⟨?⟩');
}

/**
 * Labels for a sequence of tokens from their bytes: whole characters as text; bytes of a
 * character cut across tokens as ⟨hex⟩ on each token that holds some, and the token that
 * completes the character adds →character. Nothing becomes U+FFFD.
 */
export function sequenceLabels(tokenBytes: readonly Uint8Array[]): string[] {
  const all = new Uint8Array(tokenBytes.reduce((n, b) => n + b.length, 0));
  const owner = new Int32Array(all.length);
  let at = 0;
  tokenBytes.forEach((b, t) => {
    all.set(b, at);
    owner.fill(t, at, at + b.length);
    at += b.length;
  });
  const labels = tokenBytes.map(() => '');
  const text = tokenBytes.map(() => '');
  const loose: number[][] = tokenBytes.map(() => []);
  const flushText = (t: number) => {
    if (text[t]) labels[t] += visibleWhitespace(text[t]);
    text[t] = '';
  };
  const flushBytes = (t: number) => {
    if (loose[t]!.length) labels[t] += byteList(loose[t]!);
    loose[t] = [];
  };
  for (let i = 0; i < all.length; ) {
    const ch = charAt(all, i);
    const n = ch === undefined ? 1 : sequenceLength(all[i]!);
    const first = owner[i]!;
    const last = owner[i + n - 1]!;
    if (ch !== undefined && first === last) {
      flushBytes(first);
      text[first] += ch;
    } else {
      // Cut across tokens (or not a character at all): each token shows its own bytes of it.
      for (let k = i; k < i + n; k++) {
        flushText(owner[k]!);
        loose[owner[k]!]!.push(all[k]!);
      }
      if (ch !== undefined) {
        flushBytes(last);
        labels[last] += COMPLETES + visibleWhitespace(ch);
      }
    }
    i += n;
  }
  tokenBytes.forEach((_, t) => {
    flushText(t);
    flushBytes(t);
  });
  return labels.map((l) => l || '∅');
}

/**
 * Each token's bytes, recovered from the decoded text of the whole sequence and each token's
 * text decoded alone (a cut character shows there as U+FFFD): the bytes of the text, split so
 * that each slice decodes alone to its token's text. Undefined when no split fits.
 */
export function recoverTokenBytes(text: string, tokenTexts: readonly string[]): Uint8Array[] | undefined {
  const all = new TextEncoder().encode(text);
  const loose = new TextDecoder('utf-8');
  const enc = new TextEncoder();
  const out: Uint8Array[] = [];
  const failed = new Set<string>();
  const fit = (t: number, at: number): boolean => {
    if (t === tokenTexts.length) return at === all.length;
    const key = `${t}:${at}`;
    if (failed.has(key)) return false;
    const want = tokenTexts[t]!;
    // A token without U+FFFD is its own UTF-8; each U+FFFD (3 bytes) stands for 1 to 3 bytes.
    const most = enc.encode(want).length;
    const lengths = want.includes('\uFFFD') ? Array.from({ length: most }, (_, k) => k + 1) : [most];
    for (const n of lengths) {
      if (at + n > all.length) continue;
      const slice = all.subarray(at, at + n);
      if (loose.decode(slice) !== want) continue;
      out[t] = slice;
      if (fit(t + 1, at + n)) return true;
    }
    failed.add(key);
    return false;
  };
  return fit(0, 0) ? out.slice(0, tokenTexts.length) : undefined;
}

/**
 * Labels for a sequence of tokens when only texts are known (the decoded whole and each token
 * alone): exact byte labels when the bytes can be recovered, else each token alone.
 */
export function sequenceLabelsFromText(text: string, tokenTexts: readonly string[]): string[] {
  if (!tokenTexts.some((t) => t.includes('\uFFFD'))) return tokenTexts.map(visibleWhitespace);
  const bytes = recoverTokenBytes(text, tokenTexts);
  return bytes ? sequenceLabels(bytes) : tokenTexts.map((t) => tokenLabel(t));
}

/**
 * Labels for a sequence of token ids from what a widget has cached: each token's text alone and,
 * for those whose text holds U+FFFD, its bytes. Exact when every cut token's bytes are known;
 * else recovered from `fullText` (the decoded sequence) when given; else each token alone.
 */
export function labelsOfIds(
  ids: readonly number[],
  textOf: (id: number) => string | undefined,
  bytesOf: (id: number) => Uint8Array | undefined,
  fullText?: string,
): string[] {
  const texts = ids.map((id) => textOf(id) ?? '');
  if (!texts.some((t) => t.includes('\uFFFD'))) return texts.map(visibleWhitespace);
  const enc = new TextEncoder();
  const known = ids.map((id, i) => (texts[i]!.includes('\uFFFD') ? bytesOf(id) : enc.encode(texts[i])));
  if (known.every((b) => b !== undefined)) return sequenceLabels(known as Uint8Array[]);
  if (fullText !== undefined) return sequenceLabelsFromText(fullText, texts);
  return texts.map((t) => tokenLabel(t));
}
