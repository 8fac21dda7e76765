import { useEffect, useRef } from 'preact/hooks';

/** Props of the heat map. */
export interface HeatMapProps {
  rows: number;
  cols: number;
  values: Float32Array;
  label: string;
}

/**
 * A weight block as pixels: orange for positive, blue for negative, opacity by magnitude over a
 * fixed scale (not the block's own maximum), so growth during training is visible. Transparent
 * where a weight is near zero, so it reads on light and dark backgrounds alike.
 */
export function HeatMap({ rows, cols, values, label }: HeatMapProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(cols, rows);
    // GPT-2 draws these from N(0, 0.02): 0.1 is five standard deviations of the initial values.
    const scale = 0.1;
    for (let i = 0; i < rows * cols; i++) {
      const v = values[i] ?? 0;
      const a = Math.min(1, Math.abs(v) / scale);
      const o = i * 4;
      image.data[o] = v >= 0 ? 235 : 40;
      image.data[o + 1] = v >= 0 ? 120 : 110;
      image.data[o + 2] = v >= 0 ? 20 : 230;
      image.data[o + 3] = Math.round(a * 255);
    }
    ctx.putImageData(image, 0, 0);
  }, [rows, cols, values]);
  return <canvas ref={canvas} class="training-lab-heatmap" width={cols} height={rows} role="img" aria-label={label} data-testid="training-lab-heatmap" />;
}
