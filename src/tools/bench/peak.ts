/**
 * The machine's single-thread WebAssembly SIMD peak for a matmul's inner loop, measured with a
 * kernel written only for that: 12 independent f32x4 accumulators, each step `acc = acc·b + a`
 * (one f32x4.mul and one f32x4.add, 8 FLOPs per accumulator), operands in registers, so nothing
 * waits on memory. A real matmul also loads its operands, so it can approach this, not pass it.
 * The module is assembled here from opcodes (no toolchain): about 200 bytes.
 */

const ACCS = 12;

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
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const f32Bytes = (x: number) => [...new Uint8Array(Float32Array.of(x).buffer)];

function peakModule(): Uint8Array {
  const get = (i: number) => [0x20, ...uleb(i)];
  const set = (i: number) => [0x21, ...uleb(i)];
  const splat = (x: number) => [0x43, ...f32Bytes(x), 0xfd, ...uleb(0x13)];
  const mul = [0xfd, ...uleb(0xe6)];
  const add = [0xfd, ...uleb(0xe4)];
  // Locals: 0 = n (param), 1..12 accumulators, 13 = a, 14 = b.
  const A = ACCS + 1;
  const B = ACCS + 2;
  const body: number[] = [
    ...splat(1e-3), ...set(A),
    ...splat(0.999), ...set(B),
    0x03, 0x40, // loop
  ];
  for (let i = 1; i <= ACCS; i++) body.push(...get(i), ...get(B), ...mul, ...get(A), ...add, ...set(i));
  body.push(
    ...get(0), 0x41, 1, 0x6b, 0x22, 0, // n = n - 1 (tee)
    0x0d, 0, // br_if loop
    0x0b, // end loop
  );
  body.push(...get(1));
  for (let i = 2; i <= ACCS; i++) body.push(...get(i), ...add);
  body.push(0xfd, ...uleb(0x1f), 0, 0x0b); // f32x4.extract_lane 0; end
  const locals = vec([[...uleb(ACCS + 2), 0x7b]]);
  const func = [...locals, ...body];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec([[0x60, 1, 0x7f, 1, 0x7d]])), // (i32) -> f32
    ...section(3, vec([[0]])),
    ...section(7, vec([[...vec([...new TextEncoder().encode('peak')].map((b) => [b])), 0, 0]])),
    ...section(10, vec([[...uleb(func.length), ...func]])),
  ]);
}

/** GFLOP/s of the peak kernel: the best of 5 runs after a warm-up. */
export function measurePeak(): number {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(peakModule() as BufferSource));
  const peak = instance.exports.peak as (n: number) => number;
  const flopsPerIter = ACCS * 4 * 2;
  peak(200_000); // tier up to the optimizing compiler
  let best = 0;
  for (let r = 0; r < 5; r++) {
    const n = 2_000_000;
    const t0 = performance.now();
    const sink = peak(n);
    const s = (performance.now() - t0) / 1000;
    if (!Number.isFinite(sink)) throw new Error('peak kernel: non-finite result');
    best = Math.max(best, (flopsPerIter * n) / s / 1e9);
  }
  return best;
}
