import { describe, expect, it } from 'vitest';
import { placeLabels } from '../../../../src/lib/model-card/capacity-plot.ts';

describe('placeLabels', () => {
  it('keeps a lone label just above its point', () => {
    expect(placeLabels([{ x: 100, y: 50, text: 'micro-4', anchor: 'start' }])).toEqual([{ x: 105, y: 45 }]);
  });

  it('moves a label that would cover another up until the two are clear', () => {
    const [a, b] = placeLabels([
      { x: 100, y: 50, text: 'micro-32', anchor: 'start' },
      { x: 104, y: 52, text: 'micro-16-long', anchor: 'start' },
    ]);
    // The lower point keeps its place; the other goes a line up.
    expect(b).toEqual({ x: 109, y: 47 });
    expect(a!.y).toBeLessThanOrEqual(b!.y - 10);
  });

  it('leaves labels that are far apart where they are', () => {
    const placed = placeLabels([
      { x: 10, y: 50, text: 'a', anchor: 'start' },
      { x: 200, y: 50, text: 'b', anchor: 'end' },
    ]);
    expect(placed).toEqual([{ x: 15, y: 45 }, { x: 195, y: 45 }]);
  });
});
