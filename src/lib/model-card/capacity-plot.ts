/**
 * Geometry of the chapters' capacity plots (src/components/CapacityPlot.astro), drawn at build
 * time as SVG: knowledge stored in bits against parameters (log–log, with Allen-Zhu & Li's
 * ceiling of about 2 bits per parameter, arXiv:2404.05405), and bits per parameter against how
 * many times training showed each fact. Pure: measured points in, positions out.
 */
import { logScale } from './regime.ts';

/** One measured run: a model of `params` parameters that stored `bits` of the synthetic world. */
export interface CapacityPoint {
  /** What the label says (a model id or a run name). */
  id: string;
  params: number;
  bits: number;
  /** Exposures per fact in training (how often each fact was shown), when known. */
  exposures?: number;
  /** Bits stored per person of the exposure group this point measures (the exposure plot). */
  bitsPerPerson?: number;
  /** Points with the same series are joined by a line in the exposure plot. */
  series?: string;
}

/** Allen-Zhu & Li's ceiling: about 2 bits of knowledge per parameter. */
export const BITS_PER_PARAM_CEILING = 2;

/** A plot box in SVG units: width, height and margins. */
export interface Box {
  w: number;
  h: number;
  l: number;
  r: number;
  t: number;
  b: number;
}

export const BOX: Box = { w: 340, h: 220, l: 46, r: 10, t: 10, b: 34 };

/** The powers of ten from lo to hi (both powers of ten). */
export function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.round(Math.log10(lo)); e <= Math.round(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

/** The smallest decade range [10^a, 10^b] holding every positive value (at least one decade). */
export function decadeRange(values: number[], fallback: [number, number]): [number, number] {
  const pos = values.filter((v) => v > 0 && Number.isFinite(v));
  if (pos.length === 0) return fallback;
  const lo = 10 ** Math.floor(Math.log10(Math.min(...pos)));
  let hi = 10 ** Math.ceil(Math.log10(Math.max(...pos)));
  if (hi <= lo) hi = lo * 10;
  return [lo, hi];
}

/** A drawn point: its position, and whether it sits on the axis because it stored nothing. */
export interface PlacedPoint extends CapacityPoint {
  x: number;
  y: number;
  /** 0 bits: drawn on the bottom edge of a log axis (which has no zero). */
  zero: boolean;
}

/** The bits-against-parameters plot. */
export interface SizePlot {
  box: Box;
  params: [number, number];
  bits: [number, number];
  points: PlacedPoint[];
  /** The 2-bits-per-parameter line, clipped to the box. */
  ceiling: { x1: number; y1: number; x2: number; y2: number };
  xTicks: { v: number; x: number }[];
  yTicks: { v: number; y: number }[];
  /** The height of everything the world holds: no model can store more (null when unknown). */
  worldY: number | null;
}

/** Places runs on log–log axes wide enough for them, the ceiling over their sizes and the world's total. */
export function sizePlot(points: CapacityPoint[], worldBits: number | null = null, box: Box = BOX): SizePlot {
  const params = decadeRange(points.map((p) => p.params), [1e4, 1e7]);
  const bits = decadeRange([...points.map((p) => p.bits), ...params.map((p) => BITS_PER_PARAM_CEILING * p), ...(worldBits ? [worldBits] : [])], [10, 1e7]);
  bits[0] = Math.min(bits[0], 10);
  const px = (v: number) => logScale(v, params[0], params[1], box.l, box.w - box.r);
  const py = (v: number) => logScale(Math.max(v, bits[0]), bits[0], bits[1], box.h - box.b, box.t);
  const placed = points.map((p) => ({ ...p, x: px(p.params), y: py(p.bits), zero: !(p.bits > 0) }));
  const yTicks = decades(bits[0], bits[1]);
  const step = Math.ceil(yTicks.length / 5);
  return {
    box,
    params,
    bits,
    points: placed,
    ceiling: { x1: px(params[0]), y1: py(BITS_PER_PARAM_CEILING * params[0]), x2: px(params[1]), y2: py(BITS_PER_PARAM_CEILING * params[1]) },
    xTicks: decades(params[0], params[1]).map((v) => ({ v, x: px(v) })),
    yTicks: yTicks.filter((_, i) => i % step === 0).map((v) => ({ v, y: py(v) })),
    worldY: worldBits && worldBits > 0 ? py(worldBits) : null,
  };
}

/** The bits-per-person-against-exposures plot: one line per series. */
export interface ExposurePlot {
  box: Box;
  exposures: [number, number];
  /** What a perfect memory holds per person: the top line. */
  maxPerPerson: number;
  series: { id: string; points: (PlacedPoint & { perPerson: number })[] }[];
  maxY: number;
  xTicks: { v: number; x: number }[];
  yTicks: { v: number; y: number }[];
}

/**
 * Places the points that know their exposures and their bits per person, on a log exposure axis
 * and a linear one from 0 to a little above a perfect memory; null when none does.
 */
export function exposurePlot(points: CapacityPoint[], maxPerPerson: number, box: Box = BOX): ExposurePlot | null {
  const known = points.filter((p) => p.exposures !== undefined && p.exposures > 0 && p.bitsPerPerson !== undefined);
  if (known.length === 0 || !(maxPerPerson > 0)) return null;
  const exposures = decadeRange(known.map((p) => p.exposures!), [1, 1000]);
  const top = maxPerPerson * 1.1;
  const ex = (v: number) => logScale(v, exposures[0], exposures[1], box.l, box.w - box.r);
  const ey = (v: number) => box.h - box.b - (Math.min(Math.max(v, 0), top) / top) * (box.h - box.t - box.b);
  const ids = [...new Set(known.map((p) => p.series ?? p.id))];
  const step = maxPerPerson > 10 ? 5 : 1;
  const yTicks: number[] = [];
  for (let v = 0; v <= maxPerPerson; v += step) yTicks.push(v);
  return {
    box,
    exposures,
    maxPerPerson,
    series: ids.map((id) => ({
      id,
      points: known
        .filter((p) => (p.series ?? p.id) === id)
        .sort((a, b) => a.exposures! - b.exposures!)
        .map((p) => ({ ...p, perPerson: p.bitsPerPerson!, x: ex(p.exposures!), y: ey(p.bitsPerPerson!), zero: !(p.bitsPerPerson! > 0) })),
    })),
    maxY: ey(maxPerPerson),
    xTicks: decades(exposures[0], exposures[1]).map((v) => ({ v, x: ex(v) })),
    yTicks: yTicks.map((v) => ({ v, y: ey(v) })),
  };
}

/** Writes 10^n with superscript digits (10⁵). */
export function powerOfTen(v: number): string {
  const e = Math.round(Math.log10(v));
  if (e >= 0 && e <= 3) return String(10 ** e);
  return `10${String(e).replace(/-/g, '⁻').replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!)}`;
}

/** A label to place beside a point: the point, its text, and which side of the point it goes. */
export interface LabelAt {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'end';
}

/**
 * Label positions that do not overlap: each label sits just above its point and, if its box
 * (estimated from the text's length at `charWidth` per character, `lineHeight` tall) would cover
 * one already placed, moves up a line at a time until it is clear. Points are taken bottom to
 * top, so a label stays as close to its own point as the others allow.
 */
export function placeLabels(labels: readonly LabelAt[], charWidth = 5, lineHeight = 10, gap = 5): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = labels.map(() => ({ x: 0, y: 0 }));
  const boxes: { x1: number; x2: number; y1: number; y2: number }[] = [];
  const order = labels.map((_, i) => i).sort((a, b) => labels[b]!.y - labels[a]!.y || a - b);
  for (const i of order) {
    const l = labels[i]!;
    const x = l.anchor === 'end' ? l.x - gap : l.x + gap;
    const width = l.text.length * charWidth;
    const x1 = l.anchor === 'end' ? x - width : x;
    let y = l.y - gap;
    const hits = (yy: number) => boxes.some((b) => x1 < b.x2 && x1 + width > b.x1 && yy - lineHeight < b.y2 && yy > b.y1);
    for (let k = 0; k < 50 && hits(y); k++) y -= lineHeight;
    boxes.push({ x1, x2: x1 + width, y1: y - lineHeight, y2: y });
    out[i] = { x, y };
  }
  return out;
}

/** One model shape of the saturation sweep: its parameters and, per world it read, the bits it stored. */
export interface SaturationSeries {
  id: string;
  params: number;
  points: { people: number; worldBits: number; bits: number }[];
}

/** The saturation plot: bits stored against bits in the world, log–log, one line per model. */
export interface SaturationPlot {
  box: Box;
  world: [number, number];
  bits: [number, number];
  /** A perfect memory: stored = world, clipped to the box. */
  diagonal: { x1: number; y1: number; x2: number; y2: number };
  series: { id: string; params: number; points: (SaturationSeries['points'][number] & { x: number; y: number; zero: boolean })[] }[];
  xTicks: { v: number; x: number }[];
  yTicks: { v: number; y: number }[];
}

/**
 * Places the saturation sweep: the x axis spans the worlds, the y axis the same decades and down
 * to the smallest amount stored, so the diagonal of a perfect memory crosses the whole plot. The
 * 2-bits-per-parameter ceilings are left to the size plot: these models sit two orders of
 * magnitude under them, and drawing them would squash the curves into a corner. Null when there
 * is nothing to draw.
 */
export function saturationPlot(series: readonly SaturationSeries[], box: Box = BOX): SaturationPlot | null {
  const drawn = series.filter((s) => s.points.length > 0);
  if (drawn.length === 0) return null;
  const worldValues = drawn.flatMap((s) => s.points.map((p) => p.worldBits));
  const world = decadeRange(worldValues, [1e3, 1e5]);
  const bits = decadeRange([...worldValues, ...drawn.flatMap((s) => s.points.map((p) => p.bits))], [10, 1e6]);
  const px = (v: number) => logScale(v, world[0], world[1], box.l, box.w - box.r);
  const py = (v: number) => logScale(Math.max(v, bits[0]), bits[0], bits[1], box.h - box.b, box.t);
  const d0 = Math.max(world[0], bits[0]);
  const d1 = Math.min(world[1], bits[1]);
  const yTicks = decades(bits[0], bits[1]);
  const step = Math.ceil(yTicks.length / 5);
  return {
    box,
    world,
    bits,
    diagonal: { x1: px(d0), y1: py(d0), x2: px(d1), y2: py(d1) },
    series: drawn.map((s) => ({
      id: s.id,
      params: s.params,
      points: [...s.points].sort((a, b) => a.worldBits - b.worldBits).map((p) => ({ ...p, x: px(p.worldBits), y: py(p.bits), zero: !(p.bits > 0) })),
    })),
    xTicks: decades(world[0], world[1]).map((v) => ({ v, x: px(v) })),
    yTicks: yTicks.filter((_, i) => i % step === 0).map((v) => ({ v, y: py(v) })),
  };
}
