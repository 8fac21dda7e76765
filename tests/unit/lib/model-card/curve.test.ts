import { describe, expect, test } from 'vitest';
import { curveEnds, curvePath, curveRange, type ChartBox } from '../../../../src/lib/model-card/curve.ts';

const box: ChartBox = { width: 120, height: 70, left: 10, right: 10, top: 10, bottom: 10 };

describe('curveRange', () => {
  test('spans every curve, the loss axis from 0', () => {
    expect(curveRange([[[10, 7], [100, 1]], [[100, 6.5], [200, 6.8]]])).toEqual({ maxStep: 200, minLoss: 0, maxLoss: 7 });
  });
  test('no points still gives a drawable range', () => {
    expect(curveRange([[], []])).toEqual({ maxStep: 1, minLoss: 0, maxLoss: 1 });
  });
});

describe('curvePath', () => {
  test('maps step to x and loss to y inside the box, higher loss drawn higher', () => {
    const range = { maxStep: 100, minLoss: 0, maxLoss: 5 };
    expect(curvePath([[0, 5], [50, 2.5], [100, 0]], range, box)).toBe('M10.0 10.0 L60.0 35.0 L110.0 60.0');
  });
  test('an empty curve draws nothing', () => {
    expect(curvePath([], { maxStep: 1, minLoss: 0, maxLoss: 1 }, box)).toBe('');
  });
});

describe('curveEnds', () => {
  test('gives the first and last point for the text summary', () => {
    expect(curveEnds([[10, 7.4], [20, 7.1], [1000, 0.27]])).toEqual({ first: [10, 7.4], last: [1000, 0.27] });
    expect(curveEnds([])).toBeUndefined();
  });
});
