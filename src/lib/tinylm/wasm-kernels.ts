/**
 * The hot kernels (matmul with bias, tied lm_head, attention scores and mix) as WebAssembly SIMD, four f32 lanes at a
 * time: about 3–4× the scalar JavaScript kernels in V8. The module is a few hundred bytes, built
 * here from opcodes so no toolchain or binary file is involved; `kernels.ts` stays the reference
 * and the fallback where SIMD is missing.
 *
 * Lifecycle: `createWasmKernels(floats)` reserves one linear memory for everything the runner
 * touches (weights, activations, caches), because a memory that grows detaches every view on it.
 * Arrays from `alloc` live in that memory; the kernels run in WebAssembly only when all their
 * arrays do, and fall back to JavaScript otherwise, so callers never need to know.
 */
import { attnMix as attnMixJs, attnScores as attnScoresJs, matmulBias as matmulBiasJs, tiedHead as tiedHeadJs } from './kernels.ts';

/** The kernel set the runner uses, plus where its buffers come from. */
export interface Kernels {
  /** Allocates a zeroed f32 buffer the kernels can run on at full speed. */
  alloc(n: number): Float32Array;
  matmulBias: typeof matmulBiasJs;
  tiedHead: typeof tiedHeadJs;
  attnScores: typeof attnScoresJs;
  attnMix: typeof attnMixJs;
  /** "wasm-simd" or "js": which implementation runs. */
  name: string;
}

/** The scalar JavaScript kernels with plain allocation. */
export const jsKernels: Kernels = {
  alloc: (n) => new Float32Array(n),
  matmulBias: matmulBiasJs,
  tiedHead: tiedHeadJs,
  attnScores: attnScoresJs,
  attnMix: attnMixJs,
  name: 'js',
};

// ---- a minimal WebAssembly encoder: only what the two functions below need ----

const I32 = 0x7f;
const V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => vec([...new TextEncoder().encode(s)].map((b) => [b]));
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32 = (n: number) => [0x41, ...sleb(n)];
const add = [0x6a];
const mul = [0x6c];
const geU = [0x4f];
const shl = [0x74];
const f32Load = (offset = 0) => [0x2a, 2, ...uleb(offset)];
const f32Store = [0x38, 2, 0];
const f32Add = [0x92];
const vLoad = [0xfd, 0x00, 2, 0];
const vStore = [0xfd, 0x0b, 2, 0];
const splat = [0xfd, 0x13];
const lane = (l: number) => [0xfd, 0x1f, l];
const vAdd = [0xfd, 0xe4, 0x01];
const vMul = [0xfd, 0xe6, 0x01];
const vZero = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];

/** `for (v = 0; v < limit; v += step) body` as block/loop; `limit` is code that pushes an i32. */
function forLoop(v: number, limit: number[], step: number, body: number[]): number[] {
  return [
    ...i32(0), ...set(v),
    0x02, 0x40, 0x03, 0x40,
    ...get(v), ...limit, ...geU, 0x0d, 1,
    ...body,
    ...get(v), ...i32(step), ...add, ...set(v),
    0x0c, 0,
    0x0b, 0x0b,
  ];
}

/** Rows of W taken per pass of the matmul (each output vector is loaded and stored once per pass). */
const UNROLL = 8;

/**
 * matmul(out, x, rows, k, w, n, bias), all pointers in bytes, k and n multiples of 4 (and k of
 * UNROLL): out[i, :] = bias + x[i, :] · W, W `[k, n]`, the same loop order as kernels.ts.
 */
function matmulBody(): number[] {
  // params: out 0, x 1, rows 2, k 3, w 4, n 5, bias 6
  const [i, p, j, rowBytes, orow, xrow, kBytes, wBase] = [7, 8, 9, 10, 11, 12, 13, 14];
  const wr = (r: number) => 15 + r; // i32 locals: address of W row p + r, set once per block of rows
  const a = (r: number) => 15 + UNROLL + r; // v128 locals: x[i, p + r] in all four lanes
  const wRow = (r: number) => get(wr(r));
  const inner: number[] = [
    ...get(orow), ...get(j), ...add,
    ...get(orow), ...get(j), ...add, ...vLoad,
  ];
  for (let r = 0; r < UNROLL; r++) {
    inner.push(...get(a(r)), ...wRow(r), ...get(j), ...add, ...vLoad, ...vMul, ...vAdd);
  }
  inner.push(...vStore);
  const splats: number[] = [];
  for (let r = 0; r < UNROLL; r++) {
    splats.push(...get(xrow), ...get(p), ...add, ...f32Load(4 * r), ...splat, ...set(a(r)));
  }
  const body = [
    ...get(5), ...i32(2), ...shl, ...set(rowBytes),
    ...get(3), ...i32(2), ...shl, ...set(kBytes),
    ...forLoop(i, get(2), 1, [
      ...get(0), ...get(i), ...get(rowBytes), ...mul, ...add, ...set(orow),
      ...get(1), ...get(i), ...get(kBytes), ...mul, ...add, ...set(xrow),
      ...forLoop(j, get(rowBytes), 16, [...get(orow), ...get(j), ...add, ...get(6), ...get(j), ...add, ...vLoad, ...vStore]),
      ...forLoop(p, get(kBytes), 4 * UNROLL, [
        ...splats,
        // W row p starts at w + p·n·4 bytes; `p` counts bytes of x, so that is w + p·n.
        ...get(4), ...get(p), ...get(5), ...mul, ...add, ...set(wBase),
        // The W row addresses outside the column loop: no multiply per load.
        ...Array.from({ length: UNROLL }, (_, r) => [...get(wBase), ...i32(r), ...get(rowBytes), ...mul, ...add, ...set(wr(r))]).flat(),
        ...forLoop(j, get(rowBytes), 16, inner),
      ]),
    ]),
  ];
  const locals = vec([[...uleb(8 + UNROLL), I32], [...uleb(UNROLL), V128]]);
  return [...locals, ...body, 0x0b];
}

/** head(out, x, rows, d, wte, V): out[i·V + v] = x[i, :] · wte[v, :], d a multiple of 4. */
function headBody(): number[] {
  // params: out 0, x 1, rows 2, d 3, wte 4, V 5
  const [v, i, p, dBytes, wrow, xrow] = [6, 7, 8, 9, 10, 11];
  const acc = 12;
  const body = [
    ...get(3), ...i32(2), ...shl, ...set(dBytes),
    ...forLoop(v, get(5), 1, [
      ...get(4), ...get(v), ...get(dBytes), ...mul, ...add, ...set(wrow),
      ...forLoop(i, get(2), 1, [
        ...get(1), ...get(i), ...get(dBytes), ...mul, ...add, ...set(xrow),
        ...vZero, ...set(acc),
        ...forLoop(p, get(dBytes), 16, [
          ...get(acc), ...get(xrow), ...get(p), ...add, ...vLoad, ...get(wrow), ...get(p), ...add, ...vLoad, ...vMul, ...vAdd, ...set(acc),
        ]),
        // address of out[i·V + v]
        ...get(0), ...get(i), ...get(5), ...mul, ...get(v), ...add, ...i32(2), ...shl, ...add,
        ...get(acc), ...lane(0), ...get(acc), ...lane(1), ...f32Add, ...get(acc), ...lane(2), ...f32Add, ...get(acc), ...lane(3), ...f32Add,
        ...f32Store,
      ]),
    ]),
  ];
  const locals = vec([[...uleb(6), I32], [...uleb(1), V128]]);
  return [...locals, ...body, 0x0b];
}

/** scores(out, q, k, count, strideBytes, lenBytes): out[t] = q · k[t·stride], len a multiple of 4. */
function scoresBody(): number[] {
  const [t, e, kt, acc] = [6, 7, 8, 9];
  const body = forLoop(t, get(3), 1, [
    ...get(2), ...get(t), ...get(4), ...mul, ...add, ...set(kt),
    ...vZero, ...set(acc),
    ...forLoop(e, get(5), 16, [
      ...get(acc), ...get(1), ...get(e), ...add, ...vLoad, ...get(kt), ...get(e), ...add, ...vLoad, ...vMul, ...vAdd, ...set(acc),
    ]),
    ...get(0), ...get(t), ...i32(2), ...shl, ...add,
    ...get(acc), ...lane(0), ...get(acc), ...lane(1), ...f32Add, ...get(acc), ...lane(2), ...f32Add, ...get(acc), ...lane(3), ...f32Add,
    ...f32Store,
  ]);
  return [...vec([[...uleb(3), I32], [...uleb(1), V128]]), ...body, 0x0b];
}

/** mix(out, p, v, count, strideBytes, lenBytes): out = Σ_t p[t] · v[t·stride], len a multiple of 4. */
function mixBody(): number[] {
  const [t, e, vt, pt] = [6, 7, 8, 9];
  const body = [
    ...forLoop(e, get(5), 16, [...get(0), ...get(e), ...add, ...vZero, ...vStore]),
    ...forLoop(t, get(3), 1, [
      ...get(2), ...get(t), ...get(4), ...mul, ...add, ...set(vt),
      ...get(1), ...get(t), ...i32(2), ...shl, ...add, ...f32Load(), ...splat, ...set(pt),
      ...forLoop(e, get(5), 16, [
        ...get(0), ...get(e), ...add,
        ...get(0), ...get(e), ...add, ...vLoad,
        ...get(pt), ...get(vt), ...get(e), ...add, ...vLoad, ...vMul, ...vAdd,
        ...vStore,
      ]),
    ]),
  ];
  return [...vec([[...uleb(3), I32], [...uleb(1), V128]]), ...body, 0x0b];
}

/** The module's bytes: imports env.memory, exports matmul, head, scores and mix. */
export function kernelModuleBytes(): Uint8Array<ArrayBuffer> {
  const funcType = (params: number) => [0x60, ...vec(new Array<number[]>(params).fill([I32])), ...vec([])];
  const types = section(1, vec([funcType(7), funcType(6)]));
  const imports = section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(1)]]));
  const funcs = section(3, vec([[0], [1], [1], [1]]));
  const exports = section(7, vec([
    [...name('matmul'), 0x00, 0], [...name('head'), 0x00, 1], [...name('scores'), 0x00, 2], [...name('mix'), 0x00, 3],
  ]));
  const bodies = [matmulBody(), headBody(), scoresBody(), mixBody()];
  const code = section(10, vec(bodies.map((b) => vec(b.map((x) => [x])))));
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports, ...funcs, ...exports, ...code]);
}

let moduleCache: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is unavailable. */
function kernelModule(): WebAssembly.Module | null {
  if (moduleCache === undefined) {
    try {
      const bytes = kernelModuleBytes();
      moduleCache = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      moduleCache = null;
    }
  }
  return moduleCache;
}

/**
 * Kernels over one linear memory of `floats` f32 values (plus alignment slack), or the JavaScript
 * kernels when SIMD is unavailable. `alloc` throws if the reservation is exceeded.
 */
export function createKernels(floats: number): Kernels {
  const mod = kernelModule();
  if (!mod) return jsKernels;
  const bytes = floats * 4 + 64 * 1024;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
  const instance = new WebAssembly.Instance(mod, { env: { memory } });
  const wasmMatmul = instance.exports.matmul as (...a: number[]) => void;
  const wasmHead = instance.exports.head as (...a: number[]) => void;
  const wasmScores = instance.exports.scores as (...a: number[]) => void;
  const wasmMix = instance.exports.mix as (...a: number[]) => void;
  const buffer = memory.buffer;
  let next = 16; // byte 0 stays unused, so no live buffer sits at address 0
  const inMemory = (a: Float32Array) => a.buffer === buffer;
  return {
    name: 'wasm-simd',
    alloc(n) {
      next = (next + 15) & ~15; // 16-byte aligned, as v128 loads like
      if (next + n * 4 > buffer.byteLength) throw new Error(`kernel memory exhausted: ${n} more floats`);
      const a = new Float32Array(buffer, next, n);
      next += n * 4;
      return a;
    },
    matmulBias(out, outOff, x, xOff, rows, k, w, n, bias) {
      if (k % UNROLL !== 0 || n % 4 !== 0 || !inMemory(out) || !inMemory(x) || !inMemory(w) || !inMemory(bias)) {
        matmulBiasJs(out, outOff, x, xOff, rows, k, w, n, bias);
        return;
      }
      wasmMatmul(out.byteOffset + 4 * outOff, x.byteOffset + 4 * xOff, rows, k, w.byteOffset, n, bias.byteOffset);
    },
    tiedHead(out, outOff, x, xOff, rows, d, wte, vocab) {
      if (d % 4 !== 0 || !inMemory(out) || !inMemory(x) || !inMemory(wte)) {
        tiedHeadJs(out, outOff, x, xOff, rows, d, wte, vocab);
        return;
      }
      wasmHead(out.byteOffset + 4 * outOff, x.byteOffset + 4 * xOff, rows, d, wte.byteOffset, vocab);
    },
    attnScores(out, outOff, q, qOff, k, kOff, count, stride, len) {
      if (len % 4 !== 0 || !inMemory(out) || !inMemory(q) || !inMemory(k)) {
        attnScoresJs(out, outOff, q, qOff, k, kOff, count, stride, len);
        return;
      }
      wasmScores(out.byteOffset + 4 * outOff, q.byteOffset + 4 * qOff, k.byteOffset + 4 * kOff, count, 4 * stride, 4 * len);
    },
    attnMix(out, outOff, p, pOff, v, vOff, count, stride, len) {
      if (len % 4 !== 0 || !inMemory(out) || !inMemory(p) || !inMemory(v)) {
        attnMixJs(out, outOff, p, pOff, v, vOff, count, stride, len);
        return;
      }
      wasmMix(out.byteOffset + 4 * outOff, p.byteOffset + 4 * pOff, v.byteOffset + 4 * vOff, count, 4 * stride, 4 * len);
    },
  };
}
