/** A loss curve as train-log.json stores it: [step, loss in nats per token] pairs. */
export type CurvePoints = [number, number][];

/** The drawing box of a chart, in SVG user units. */
export interface ChartBox {
  width: number;
  height: number;
  /** Room kept for axis labels on each side. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The data range both curves of one chart share, so they are drawn on the same axes. */
export interface CurveRange {
  maxStep: number;
  minLoss: number;
  maxLoss: number;
}

/** The range covering every point of every curve; the loss axis starts at 0 so falls are not exaggerated. */
export function curveRange(curves: CurvePoints[]): CurveRange {
  const all = curves.flat();
  if (all.length === 0) return { maxStep: 1, minLoss: 0, maxLoss: 1 };
  const maxLoss = Math.max(...all.map((p) => p[1]));
  return { maxStep: Math.max(1, ...all.map((p) => p[0])), minLoss: 0, maxLoss: maxLoss > 0 ? maxLoss : 1 };
}

/** SVG path data ("M x y L x y …") for one curve inside the box; empty for no points. */
export function curvePath(points: CurvePoints, range: CurveRange, box: ChartBox): string {
  const w = box.width - box.left - box.right;
  const h = box.height - box.top - box.bottom;
  const span = range.maxLoss - range.minLoss || 1;
  return points
    .map(([step, loss], i) => {
      const x = box.left + (step / range.maxStep) * w;
      const y = box.top + (1 - (loss - range.minLoss) / span) * h;
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
    })
    .join(' ');
}

/** First and last point of a curve, for the text summary screen readers get instead of the drawing. */
export function curveEnds(points: CurvePoints): { first: [number, number]; last: [number, number] } | undefined {
  if (points.length === 0) return undefined;
  return { first: points[0]!, last: points[points.length - 1]! };
}
