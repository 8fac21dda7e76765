/**
 * The X-ray's update time in the browser, as a reader feels it: the real island body (XRayPanel,
 * its model and CSS) on the real worker engine, a keystroke into a prompt of about `tokens`
 * tokens, until the redrawn picture is in the DOM and until the next frame after that.
 */
import { h, render } from 'preact';
import type { Engine } from '../../lib/engine/types.ts';
import { createXRayModel } from '../../islands/xray/xray.model.ts';
import { strings } from '../../islands/xray/xray.strings.ts';
import { XRayPanel } from '../../islands/xray/XRayPanel.tsx';
import css from '../../islands/xray/xray.css';

/** Medians over the keystrokes, in milliseconds. */
export interface XRaySpeed {
  /** Tokens of the traced prompt. */
  tokens: number;
  keystrokes: number;
  /** Edit → the new trace drawn in the DOM. */
  toDomMs: number;
  /** Edit → the frame after that (what the reader sees). */
  toFrameMs: number;
  /** Of which: the worker's tokenize + trace round trip, as the island's model timed it. */
  traceMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const frame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/** Mounts the panel, then times `keystrokes` edits (one character added, then removed, in turn). */
export async function measureXRay(engine: Engine, tokens: number, keystrokes = 20): Promise<XRaySpeed> {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  const host = document.createElement('div');
  host.style.width = '720px';
  document.body.append(host);
  // A prompt of about `tokens` tokens: the first `tokens` tokens of a long text, decoded.
  const long = '法国的首都是巴黎。床前明月光，疑是地上霜。举头望明月，低头思故乡。The capital of France is Paris, and the capital of Japan is Tokyo. 你好，很高兴见到你。';
  const prompt = await engine.detokenize((await engine.tokenize(long)).slice(0, tokens));
  const m = createXRayModel({ engine: async () => engine }, { prompt, modelId: 'bench' });
  render(h(XRayPanel, { m, t: strings.zh, uid: 'bench' }), host);
  const root = () => host.querySelector('[data-testid="xray"]')!;
  const drawn = (text: string) =>
    new Promise<void>((resolve) => {
      if (root().getAttribute('data-drawn') === text) return resolve();
      const obs = new MutationObserver(() => {
        if (root().getAttribute('data-drawn') === text) {
          obs.disconnect();
          resolve();
        }
      });
      obs.observe(root(), { attributes: true, attributeFilter: ['data-drawn'] });
    });
  await m.start();
  await drawn(prompt);
  const toDom: number[] = [];
  const toFrame: number[] = [];
  const trace: number[] = [];
  for (let i = 0; i < keystrokes; i++) {
    const text = i % 2 === 0 ? `${prompt}。` : prompt;
    await frame();
    const t0 = performance.now();
    m.editPrompt(text);
    await drawn(text);
    toDom.push(performance.now() - t0);
    trace.push(m.elapsedMs.peek() ?? NaN);
    await frame();
    toFrame.push(performance.now() - t0);
  }
  const traced = m.trace.peek()?.ids.length ?? 0;
  render(null, host);
  host.remove();
  style.remove();
  return { tokens: traced, keystrokes, toDomMs: median(toDom), toFrameMs: median(toFrame), traceMs: median(trace) };
}
