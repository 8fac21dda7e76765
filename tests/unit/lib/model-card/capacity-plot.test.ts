import { describe, expect, test } from 'vitest';
import { BOX, decadeRange, exposurePlot, powerOfTen, saturationPlot, sizePlot } from '../../../../src/lib/model-card/capacity-plot.ts';

describe('sizePlot', () => {
  const plot = sizePlot([
    { id: 'small', params: 1e5, bits: 2e4 },
    { id: 'big', params: 1e6, bits: 2e6 },
    { id: 'none', params: 3e5, bits: 0 },
  ]);

  test('puts a run at 2 bits per parameter on the ceiling line', () => {
    const big = plot.points.find((p) => p.id === 'big')!;
    const { x1, y1, x2, y2 } = plot.ceiling;
    const yOnLine = y1 + ((big.x - x1) / (x2 - x1)) * (y2 - y1);
    expect(big.y).toBeCloseTo(yOnLine, 6);
    // 0.2 bits per parameter sits below the line (larger y in SVG).
    const small = plot.points.find((p) => p.id === 'small')!;
    expect(small.y).toBeGreaterThan(y1 + ((small.x - x1) / (x2 - x1)) * (y2 - y1));
  });

  test('draws a run that stored nothing on the bottom edge, marked as zero', () => {
    const none = plot.points.find((p) => p.id === 'none')!;
    expect(none.zero).toBe(true);
    expect(none.y).toBeCloseTo(BOX.h - BOX.b, 6);
  });

  test('spans whole decades that hold every run', () => {
    expect(plot.params).toEqual([1e5, 1e6]);
    expect(plot.xTicks.map((k) => k.v)).toEqual([1e5, 1e6]);
  });
});

describe('exposurePlot', () => {
  test('joins one series per model, sorted by exposures, bits per person under the perfect-memory line', () => {
    const plot = exposurePlot(
      [
        { id: 'm 100', params: 1000, bits: 1000, exposures: 100, bitsPerPerson: 10, series: 'm' },
        { id: 'm 10', params: 1000, bits: 100, exposures: 10, bitsPerPerson: 1, series: 'm' },
        { id: 'n', params: 10, bits: 0 },
      ],
      18.873,
    )!;
    expect(plot.series.map((s) => s.id)).toEqual(['m']);
    const [a, b] = plot.series[0]!.points;
    expect(a!.exposures).toBe(10);
    expect(b!.perPerson).toBe(10);
    expect(b!.x).toBeGreaterThan(a!.x);
    expect(b!.y).toBeLessThan(a!.y);
    expect(plot.maxY).toBeLessThan(b!.y);
    expect(plot.yTicks.map((k) => k.v)).toEqual([0, 5, 10, 15]);
  });

  test('is null when no point knows its exposures', () => {
    expect(exposurePlot([{ id: 'x', params: 10, bits: 1 }], 18)).toBeNull();
  });
});

test('sizePlot draws the world\'s total as a line no model can pass', () => {
  const plot = sizePlot([{ id: 'a', params: 1e4, bits: 100 }], 5661.8);
  expect(plot.worldY).not.toBeNull();
  expect(plot.worldY!).toBeLessThan(plot.points[0]!.y);
  expect(sizePlot([{ id: 'a', params: 1e4, bits: 100 }]).worldY).toBeNull();
});

test('decadeRange and powerOfTen', () => {
  expect(decadeRange([95_104, 1_071_872], [1, 10])).toEqual([1e4, 1e7]);
  expect(decadeRange([0], [1, 10])).toEqual([1, 10]);
  expect(powerOfTen(1e5)).toBe('10⁵');
  expect(powerOfTen(100)).toBe('100');
  expect(powerOfTen(0.01)).toBe('10⁻²');
});

describe('saturationPlot', () => {
  const plot = saturationPlot([
    { id: 'small', params: 2e3, points: [{ people: 100, worldBits: 2e3, bits: 2e3 }, { people: 1000, worldBits: 2e4, bits: 4e3 }, { people: 200, worldBits: 4e3, bits: 3.5e3 }] },
    { id: 'none', params: 1e3, points: [{ people: 100, worldBits: 2e3, bits: 0 }] },
  ])!;

  test('a perfect memory runs along the diagonal at 45°, and a run that stored all it read sits on it', () => {
    const { x1, y1, x2, y2 } = plot.diagonal;
    expect(Math.abs(x2 - x1)).toBeGreaterThan(0);
    const first = plot.series[0]!.points[0]!;
    const slope = (y1 - y2) / (x2 - x1);
    expect(first.y).toBeCloseTo(y1 - slope * (first.x - x1), 6);
  });

  test('points are joined from the smallest world to the largest, and a flat run stays below the diagonal', () => {
    const small = plot.series.find((s) => s.id === 'small')!;
    expect(small.points.map((p) => p.people)).toEqual([100, 200, 1000]);
    const last = small.points[2]!;
    expect(last.y).toBeGreaterThan(plot.diagonal.y1 - ((plot.diagonal.y1 - plot.diagonal.y2) * (last.x - plot.diagonal.x1)) / (plot.diagonal.x2 - plot.diagonal.x1));
  });

  test('a run that stored 0 bits sits on the bottom edge, and the axes span every world and every stored amount', () => {
    const none = plot.series[1]!;
    expect(none.points[0]!.zero).toBe(true);
    expect(plot.world[0]).toBeLessThanOrEqual(2e3);
    expect(plot.world[1]).toBeGreaterThanOrEqual(2e4);
    expect(plot.bits[1]).toBeGreaterThanOrEqual(2e4);
    expect(none!.points[0]!.y).toBe(BOX.h - BOX.b);
  });

  test('nothing to draw is null', () => {
    expect(saturationPlot([])).toBeNull();
    expect(saturationPlot([{ id: 'x', params: 10, points: [] }])).toBeNull();
  });
});
