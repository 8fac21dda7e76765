/**
 * Draws the "photograph" of the lossy-compression lab: a landscape (sky gradient, sun, two
 * mountain ridges, a lake with reflections, pines, grass texture and a signpost with fine
 * lines), painted pixel by pixel from a fixed seed, so it can ship with the site without a
 * licence question and be regenerated identically. Smooth gradients and sharp edges side by
 * side are what make JPEG's blocking and ringing visible.
 *
 * Run: npx node src/tools/lab-photo.ts [public/images/lab-photo.png]
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { crc32 } from '../lib/coding/crc32.ts';
import { mulberry32 } from '../lib/sampling/rng.ts';

const W = 480;
const H = 320;

/** Deterministic 32-bit generator (mulberry32, the sampler's). */
const rng = mulberry32;

/** Smooth 1-D fractal noise on [0, 1), for ridgelines. */
function ridge(seed: number, octaves: number): (x: number) => number {
  const r = rng(seed);
  const tables = Array.from({ length: octaves }, () => Array.from({ length: 257 }, () => r()));
  return (x) => {
    let v = 0;
    let amp = 0.5;
    for (let o = 0; o < octaves; o++) {
      const f = x * 2 ** (o + 2);
      const i = Math.floor(f);
      const u = f - i;
      const s = u * u * (3 - 2 * u);
      const t = tables[o]!;
      v += amp * (t[i % 256]! * (1 - s) + t[(i + 1) % 256]! * s);
      amp /= 2;
    }
    return v;
  };
}

type RGB = [number, number, number];
const mix = (a: RGB, b: RGB, t: number): RGB => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

function paint(): Uint8Array {
  const px = new Float64Array(W * H * 3);
  const set = (x: number, y: number, c: RGB) => {
    if (x < 0 || y < 0 || x >= W || y >= H) return;
    const o = (y * W + x) * 3;
    px[o] = c[0];
    px[o + 1] = c[1];
    px[o + 2] = c[2];
  };
  const get = (x: number, y: number): RGB => {
    const o = (y * W + x) * 3;
    return [px[o]!, px[o + 1]!, px[o + 2]!];
  };
  const horizon = Math.round(H * 0.62);
  const sun = { x: W * 0.72, y: H * 0.3, r: 22 };
  const far = ridge(7, 5);
  const near = ridge(11, 6);
  const grain = rng(3);

  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let c: RGB;
      if (y < horizon) {
        c = mix([52, 102, 178], [250, 206, 150], (y / horizon) ** 1.6);
        const d = Math.hypot(x - sun.x, y - sun.y);
        if (d < sun.r) c = [255, 244, 214];
        else c = mix(c, [255, 226, 170], Math.max(0, 1 - (d - sun.r) / 90) * 0.55);
        const farTop = horizon - 40 - far(x / W) * 70;
        const nearTop = horizon - 8 - near(x / W + 0.3) * 50;
        if (y > farTop) c = mix([120, 132, 168], [150, 150, 175], (y - farTop) / 80);
        if (y > nearTop) c = mix([52, 78, 70], [34, 56, 44], (y - nearTop) / 60);
      } else if (y < horizon + 46) {
        // The lake mirrors the scene above the horizon, darker and rippled.
        const my = 2 * horizon - y;
        const ripple = Math.round(Math.sin(y * 0.9 + x * 0.05) * 2);
        const src = get(Math.min(W - 1, Math.max(0, x + ripple)), Math.max(0, my));
        c = mix(src, [30, 60, 90], 0.35);
      } else {
        const g = grain();
        c = mix([78, 124, 52], [124, 150, 62], (y - horizon - 46) / (H - horizon - 46));
        c = [c[0] + (g - 0.5) * 40, c[1] + (g - 0.5) * 46, c[2] + (g - 0.5) * 20];
      }
      set(x, y, c);
    }
  }
  // Pines on the near shore: dark triangles with jagged sides.
  const trees = rng(5);
  for (let k = 0; k < 14; k++) {
    const cx = Math.floor(trees() * W);
    const base = horizon + 44 + Math.floor(trees() * 10);
    const h = 40 + trees() * 50;
    for (let y = 0; y < h; y++) {
      const half = (y / h) * 12 + (y % 6 < 3 ? 2 : 0);
      for (let x = -half; x <= half; x++) set(Math.round(cx + x), Math.round(base - h + y), [22, 48, 30]);
    }
    for (let y = 0; y < 8; y++) for (let x = -1; x <= 1; x++) set(cx + x, base + y, [70, 46, 30]);
  }
  // A signpost with thin black stripes: high-contrast edges for ringing.
  const sx = 40;
  const sy = H - 86;
  for (let y = 0; y < 44; y++) for (let x = 0; x < 96; x++) set(sx + x, sy + y, [236, 232, 214]);
  for (let i = 0; i < 6; i++) for (let x = 8; x < 88; x++) set(sx + x, sy + 8 + i * 6, (x + i * 7) % 23 < 17 ? [20, 20, 20] : [236, 232, 214]);
  for (let y = 44; y < 80; y++) for (let x = 44; x < 52; x++) set(sx + x, sy + y, [90, 62, 40]);

  const out = new Uint8Array(W * H * 3);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(px[i]!)));
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Encodes 8-bit RGB pixels as a PNG (filter "none" on every row). */
export function encodePng(rgb: Uint8Array, width: number, height: number): Uint8Array {
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (1 + width * 3) + 1);
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const parts = [
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', ihdr),
    chunk('IDAT', new Uint8Array(deflateSync(raw, { level: 9 }))),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2] ?? 'public/images/lab-photo.png';
  const png = encodePng(paint(), W, H);
  writeFileSync(path, png);
  console.log(JSON.stringify({ path, width: W, height: H, bytes: png.length }));
}
