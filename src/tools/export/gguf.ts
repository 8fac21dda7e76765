/**
 * Writes a built-in model as GGUF (version 3), the file llama.cpp loads, with architecture `gpt2`
 * and the BPE tokenizer inside, so `llama-cli -m tiny-m.gguf` or wllama in a browser runs it.
 *
 * Layout (llama.cpp's docs/gguf.md and gguf-py): magic "GGUF", version, tensor count and key/value
 * count (u64), the key/value pairs, one info record per tensor (name, dims in ggml order, ggml
 * type, offset), padding to `general.alignment` (32), then the tensor data, each aligned.
 * Tensor names and orientation follow llama.cpp's convert_hf_to_gguf.py for GPT-2: Conv1D weights
 * `[in, out]` are transposed to `[out, in]` (ggml dims `[in, out]`), and `output.weight` is a
 * copy of `token_embd.weight` (tied embeddings).
 */
import type { GptConfig } from '../../lib/tinylm/config.ts';
import type { GptWeights } from '../../lib/tinylm/weights.ts';
import { numberToFloat16Bits } from '../../lib/safetensors/float16.ts';

/** ggml tensor types this writer emits. */
export type GgufTensorType = 'F32' | 'F16';
const GGML_TYPE = { F32: 0, F16: 1 } as const;
/** llama_ftype: ALL_F32 = 0, MOSTLY_F16 = 1. */
const FILE_TYPE = { F32: 0, F16: 1 } as const;

const ALIGNMENT = 32;

/** GGUF metadata value types. */
const T = { U32: 4, I32: 5, F32: 6, BOOL: 7, STRING: 8, ARRAY: 9 } as const;

type Value =
  | { t: typeof T.U32 | typeof T.I32 | typeof T.F32; v: number }
  | { t: typeof T.BOOL; v: boolean }
  | { t: typeof T.STRING; v: string }
  | { t: typeof T.ARRAY; of: typeof T.STRING; v: string[] }
  | { t: typeof T.ARRAY; of: typeof T.I32; v: number[] };

/** What the tokenizer.json of docs/model-format.md gives the GGUF file. */
export interface GgufTokenizer {
  /** Token strings in id order (byte-level BPE symbols, as in tokenizer.json's vocab). */
  tokens: string[];
  /** Merges as "a b" strings, in rank order. */
  merges: string[];
  /** Ids of special (control) tokens, e.g. <|endoftext|>. */
  special: number[];
  bosId: number;
  eosId: number;
}

/** Reads the vocab, merges and special tokens out of a Hugging Face tokenizer.json (BPE). */
export function ggufTokenizerFromJson(json: unknown, bosId: number, eosId: number): GgufTokenizer {
  const j = json as { model?: { type?: string; vocab?: Record<string, number>; merges?: unknown[] }; added_tokens?: { id: number; content: string; special?: boolean }[] };
  if (j.model?.type !== 'BPE' || !j.model.vocab || !Array.isArray(j.model.merges)) {
    throw new Error('tokenizer.json: expected a BPE model with vocab and merges');
  }
  const entries = Object.entries(j.model.vocab);
  for (const t of j.added_tokens ?? []) entries.push([t.content, t.id]);
  const size = Math.max(...entries.map(([, id]) => id)) + 1;
  const tokens: (string | undefined)[] = new Array(size);
  for (const [text, id] of entries) tokens[id] = text;
  const missing = tokens.findIndex((t) => t === undefined);
  if (missing >= 0) throw new Error(`tokenizer.json: no token has id ${missing}`);
  const merges = j.model.merges.map((m) => (Array.isArray(m) ? m.join(' ') : String(m)));
  const special = (j.added_tokens ?? []).filter((t) => t.special).map((t) => t.id);
  return { tokens: tokens as string[], merges, special, bosId, eosId };
}

/** A tensor to write: its ggml dims (fastest-varying first) and f32 values in that order. */
interface OutTensor {
  name: string;
  dims: number[];
  type: GgufTensorType;
  data: Float32Array;
}

/** `[rows, cols]` row-major → `[cols, rows]` row-major. */
function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c]!;
  return out;
}

/**
 * The GGUF bytes of a GPT-2 with these weights. `type` is the storage of the 2-D weights; 1-D
 * tensors (norms, biases) are always F32, as llama.cpp's converter writes them.
 */
export function writeGguf(options: {
  name: string;
  config: GptConfig;
  weights: GptWeights;
  tokenizer: GgufTokenizer;
  type: GgufTensorType;
}): Uint8Array {
  const { config: c, weights: w, tokenizer, type } = options;
  const d = c.dModel;
  if (tokenizer.tokens.length > c.vocabSize) {
    throw new Error(`gguf: the tokenizer has ${tokenizer.tokens.length} tokens but the model only ${c.vocabSize}`);
  }
  const tensors: OutTensor[] = [];
  const mat = (name: string, data: Float32Array, ne0: number, ne1: number) => tensors.push({ name, dims: [ne0, ne1], type, data });
  const vec = (name: string, data: Float32Array) => tensors.push({ name, dims: [data.length], type: 'F32', data });
  mat('token_embd.weight', w.wte, d, c.vocabSize);
  mat('position_embd.weight', w.wpe, d, c.contextLength);
  w.layers.forEach((l, i) => {
    const p = `blk.${i}.`;
    vec(`${p}attn_norm.weight`, l.ln1Weight);
    vec(`${p}attn_norm.bias`, l.ln1Bias);
    mat(`${p}attn_qkv.weight`, transpose(l.attnWeight, d, 3 * d), d, 3 * d);
    vec(`${p}attn_qkv.bias`, l.attnBias);
    mat(`${p}attn_output.weight`, transpose(l.attnProjWeight, d, d), d, d);
    vec(`${p}attn_output.bias`, l.attnProjBias);
    vec(`${p}ffn_norm.weight`, l.ln2Weight);
    vec(`${p}ffn_norm.bias`, l.ln2Bias);
    mat(`${p}ffn_up.weight`, transpose(l.fcWeight, d, 4 * d), d, 4 * d);
    vec(`${p}ffn_up.bias`, l.fcBias);
    mat(`${p}ffn_down.weight`, transpose(l.fcProjWeight, 4 * d, d), 4 * d, d);
    vec(`${p}ffn_down.bias`, l.fcProjBias);
  });
  vec('output_norm.weight', w.lnFWeight);
  vec('output_norm.bias', w.lnFBias);
  mat('output.weight', w.wte, d, c.vocabSize);

  const tokenTypes = tokenizer.tokens.map((_, id) => (tokenizer.special.includes(id) ? 3 : 1));
  const kv: [string, Value][] = [
    ['general.architecture', { t: T.STRING, v: 'gpt2' }],
    ['general.name', { t: T.STRING, v: options.name }],
    ['general.alignment', { t: T.U32, v: ALIGNMENT }],
    ['general.file_type', { t: T.U32, v: FILE_TYPE[type] }],
    ['gpt2.context_length', { t: T.U32, v: c.contextLength }],
    ['gpt2.embedding_length', { t: T.U32, v: d }],
    ['gpt2.feed_forward_length', { t: T.U32, v: 4 * d }],
    ['gpt2.block_count', { t: T.U32, v: c.nLayer }],
    ['gpt2.attention.head_count', { t: T.U32, v: c.nHead }],
    ['gpt2.attention.layer_norm_epsilon', { t: T.F32, v: c.layerNormEpsilon }],
    ['tokenizer.ggml.model', { t: T.STRING, v: 'gpt2' }],
    ['tokenizer.ggml.tokens', { t: T.ARRAY, of: T.STRING, v: tokenizer.tokens }],
    ['tokenizer.ggml.token_type', { t: T.ARRAY, of: T.I32, v: tokenTypes }],
    ['tokenizer.ggml.merges', { t: T.ARRAY, of: T.STRING, v: tokenizer.merges }],
    ['tokenizer.ggml.bos_token_id', { t: T.U32, v: tokenizer.bosId }],
    ['tokenizer.ggml.eos_token_id', { t: T.U32, v: tokenizer.eosId }],
    ['tokenizer.ggml.add_bos_token', { t: T.BOOL, v: false }],
  ];

  const out = new ByteWriter();
  out.bytes(new TextEncoder().encode('GGUF'));
  out.u32(3);
  out.u64(tensors.length);
  out.u64(kv.length);
  for (const [key, value] of kv) {
    out.str(key);
    out.u32(value.t);
    writeValue(out, value);
  }
  let offset = 0;
  const offsets: number[] = [];
  for (const t of tensors) {
    out.str(t.name);
    out.u32(t.dims.length);
    for (const n of t.dims) out.u64(n);
    out.u32(GGML_TYPE[t.type]);
    offsets.push(offset);
    out.u64(offset);
    offset = align(offset + tensorBytes(t));
  }
  out.pad(ALIGNMENT);
  const dataStart = out.length;
  tensors.forEach((t, i) => {
    out.pad(ALIGNMENT);
    if (out.length - dataStart !== offsets[i]) throw new Error(`gguf: misaligned tensor ${t.name}`);
    if (t.type === 'F32') out.bytes(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength).slice());
    else {
      const half = new Uint16Array(t.data.length);
      for (let k = 0; k < half.length; k++) half[k] = numberToFloat16Bits(t.data[k]!);
      out.bytes(new Uint8Array(half.buffer));
    }
  });
  return out.finish();
}

const align = (n: number) => Math.ceil(n / ALIGNMENT) * ALIGNMENT;
const tensorBytes = (t: OutTensor) => t.data.length * (t.type === 'F32' ? 4 : 2);

function writeValue(out: ByteWriter, value: Value): void {
  switch (value.t) {
    case T.U32: out.u32(value.v); break;
    case T.I32: out.i32(value.v); break;
    case T.F32: out.f32(value.v); break;
    case T.BOOL: out.u8(value.v ? 1 : 0); break;
    case T.STRING: out.str(value.v); break;
    case T.ARRAY:
      out.u32(value.of);
      out.u64(value.v.length);
      if (value.of === T.STRING) for (const s of value.v as string[]) out.str(s);
      else for (const n of value.v as number[]) out.i32(n);
      break;
  }
}

/** A growing little-endian byte buffer. */
class ByteWriter {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  length = 0;
  private room(n: number) {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number) { this.room(1); this.view.setUint8(this.length, v); this.length += 1; }
  u32(v: number) { this.room(4); this.view.setUint32(this.length, v, true); this.length += 4; }
  i32(v: number) { this.room(4); this.view.setInt32(this.length, v, true); this.length += 4; }
  f32(v: number) { this.room(4); this.view.setFloat32(this.length, v, true); this.length += 4; }
  u64(v: number) { this.room(8); this.view.setBigUint64(this.length, BigInt(v), true); this.length += 8; }
  bytes(b: Uint8Array) { this.room(b.length); this.buf.set(b, this.length); this.length += b.length; }
  str(s: string) { const b = new TextEncoder().encode(s); this.u64(b.length); this.bytes(b); }
  pad(to: number) { const n = align(this.length) - this.length; if (to !== ALIGNMENT) throw new Error('gguf: one alignment'); this.room(n); this.length += n; }
  finish(): Uint8Array { return this.buf.slice(0, this.length); }
}
