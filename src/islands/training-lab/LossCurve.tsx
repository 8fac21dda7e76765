import type { LossPoint } from './training-lab.model.ts';

/** Props of the loss curve. */
export interface LossCurveProps {
  points: LossPoint[];
  /** The last step of a full run: the x axis ends there, so the curve grows left to right. */
  steps: number;
  label: string;
  axisStep: string;
  axisLoss: string;
}

const W = 480;
const H = 180;
// The axis title sits in the top band, above the plot, so it never touches the axis numbers.
const PAD = { left: 34, right: 8, top: 26, bottom: 22 };

/** The loss per step as an SVG line; the summary in `label` is what a screen reader hears. */
export function LossCurve({ points, steps, label, axisStep, axisLoss }: LossCurveProps) {
  const top = Math.max(1, ...points.map((p) => p.loss));
  const x = (step: number) => PAD.left + ((W - PAD.left - PAD.right) * step) / Math.max(1, steps);
  const y = (loss: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - loss / top);
  const line = points.map((p) => `${x(p.step).toFixed(1)},${y(p.loss).toFixed(1)}`).join(' ');
  return (
    // Inline: Starlight's unlayered `max-width: 100%` on content SVGs would beat a layered rule.
    <svg class="training-lab-curve" viewBox={`0 0 ${W} ${H}`} style={{ maxWidth: `${W}px` }} role="img" aria-label={label} data-testid="training-lab-curve">
      <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} class="axis" />
      <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} class="axis" />
      <text x={PAD.left - 4} y={PAD.top + 4} text-anchor="end">{top.toFixed(1)}</text>
      <text x={PAD.left - 4} y={H - PAD.bottom} text-anchor="end">0</text>
      <text x={W - PAD.right} y={H - 6} text-anchor="end">{`${steps} ${axisStep}`}</text>
      <text x={2} y={12}>{axisLoss}</text>
      {points.length > 1 && <polyline points={line} class="loss" />}
    </svg>
  );
}
