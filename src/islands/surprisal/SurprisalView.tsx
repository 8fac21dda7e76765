import type { ComponentType } from 'preact';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import { activeRealModel, builtInEngine } from '../../engine/page.ts';
import type { Engine } from '../../engine/types.ts';
import { formatProb } from '../../ui/token-display.ts';
import { gzipSize } from './gzip-size.ts';
import { createSurprisalModel, MAX_CHARS, type SurprisalModel } from './surprisal.model.ts';
import type { SurprisalResultProps } from './SurprisalResult.tsx';
import { SAMPLES } from './surprisal.samples.ts';
import { strings } from './surprisal.strings.ts';
import './surprisal.css';
import { withIslandBoundary } from '../../ui/IslandBoundary.tsx';
import type { OodReference } from '../../lib/sampling/out-of-distribution.ts';

/** Props the static wrapper passes in. */
export interface SurprisalViewProps {
  lang: Lang;
  /** Built-in model id; tiny-m by default. */
  model?: string;
  /** Sample scored first (an id from surprisal.samples.ts). */
  initialSample?: string;
  /** Load the model and score the first sample as soon as the widget is on screen. */
  autoLoad?: boolean;
  /** The model's measured bits per byte (its eval.json), for the out-of-distribution warning. */
  ood?: OodReference | null;
}

type T = (typeof strings)[Lang];

/** GLTR in the browser: every token coloured by its rank, with bits, perplexity and gzip beside. */
function SurprisalView({ lang, model: modelId, initialSample, autoLoad = true, ood }: SurprisalViewProps) {
  const t = strings[lang];
  const first = SAMPLES.find((s) => s.id === initialSample) ?? SAMPLES.find((s) => s.id === (lang === 'zh' ? 'jingyesi' : 'sonnet18'))!;
  const m = useMemo(() => createSurprisalModel({ getEngine: () => builtInEngine(modelId), gzipSize }, first.text), []);
  const uid = `sv${useId().replace(/[^\w-]/g, '')}`;
  const [mounted, setMounted] = useState(false);
  const [Result, setResult] = useState<ComponentType<SurprisalResultProps> | null>(null);
  // The real base model the Real model panel loaded on this page, if any (src/engine/page.ts).
  const real = activeRealModel.value;
  /** The real engine scoring now; null while the built-in model does. */
  const usedReal = useRef<Engine | null>(null);
  const [engineKind, setEngineKind] = useState<'builtin' | 'real'>('builtin');
  const [engineBack, setEngineBack] = useState(false);

  /** Scores with the built-in model or the real one, dropping the other's result. */
  function choose(kind: 'builtin' | 'real') {
    const r = activeRealModel.peek();
    if (kind === engineKind || (kind === 'real' && !r?.engine.loaded)) return;
    const engine = kind === 'real' ? r!.engine : null;
    usedReal.current = engine;
    setEngineKind(kind);
    setEngineBack(false);
    m.useEngine(engine ? async () => engine : () => builtInEngine(modelId));
    void run();
  }

  // Follow the panel: when the real model in use is freed, score with the built-in one again;
  // when another is loaded in its place, use that one.
  useEffect(() => {
    if (!usedReal.current) return;
    if (!real) {
      usedReal.current = null;
      setEngineKind('builtin');
      setEngineBack(true);
      m.useEngine(() => builtInEngine(modelId));
    } else if (real.engine !== usedReal.current) {
      const engine = real.engine;
      usedReal.current = engine;
      m.useEngine(async () => engine);
    }
  }, [real]);

  /** Scores the text, first fetching the model (and the code that draws the result) if needed. */
  async function run() {
    if (!Result) {
      import('./SurprisalResult.tsx').then(
        (mod) => setResult(() => mod.default),
        (e: unknown) => m.reportError(e),
      );
    }
    await m.load();
    await m.score();
  }

  useEffect(() => {
    setMounted(true);
    if (autoLoad) void run();
    return () => m.dispose();
  }, []);

  if (!mounted) {
    return (
      <div class="sv not-content" data-testid="surprisal">
        <p class="widget-loading">{t.loading}</p>
      </div>
    );
  }
  const status = m.status.value;
  const phase = m.phase.value;
  const scoring = phase === 'scoring';
  return (
    <div class="sv not-content" data-testid="surprisal">
      <p class="sv-hint">{t.intro}</p>
      {real && (
        <fieldset class="sv-engine" data-testid="sv-engine">
          <legend>{t.engineLegend}</legend>
          <div class="sv-engine-options">
            <label>
              <input type="radio" name={`${uid}-engine`} checked={engineKind === 'builtin'} onChange={() => choose('builtin')} />
              {t.engineBuiltIn}
            </label>
            <label>
              <input type="radio" name={`${uid}-engine`} checked={engineKind === 'real'} onChange={() => choose('real')} />
              {t.engineReal(real.model.name)}
            </label>
          </div>
          {engineKind === 'real' && <p class="sv-hint">{t.engineRealNote}</p>}
        </fieldset>
      )}
      {engineBack && !real && (
        <p class="sv-hint" role="status" data-testid="sv-engine-back">
          {t.engineBack}
        </p>
      )}
      <div class="sv-samples">
        <span class="sv-label" id={`${uid}-samples`}>
          {t.samples}
        </span>
        <div role="group" aria-labelledby={`${uid}-samples`} class="sv-buttons">
          {SAMPLES.map((s) => (
            <button
              type="button"
              key={s.id}
              aria-pressed={m.text.value === s.text}
              onClick={() => {
                m.setText(s.text);
                void run();
              }}
            >
              {s.label[lang]}
              {/* Seen or not by the built-in model's training: nothing is known of the real model's. */}
              {engineKind === 'builtin' && (
                <>
                  {' '}
                  <span class={s.seen ? 'sv-tag sv-tag-seen' : 'sv-tag'}>{s.seen ? t.seen : t.unseen}</span>
                </>
              )}
            </button>
          ))}
        </div>
      </div>
      <label for={`${uid}-text`}>{t.textLabel}</label>
      <textarea
        id={`${uid}-text`}
        class="sv-text"
        rows={4}
        value={m.text.value}
        onInput={(e) => m.setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void run();
        }}
      />
      {m.truncated.value && <p class="sv-hint">{t.tooLong(MAX_CHARS.toLocaleString())}</p>}
      <div class="sv-buttons">
        <button type="button" class="sv-primary" disabled={status === 'loading' || scoring} onClick={() => void run()}>
          {t.score}
        </button>
        <button type="button" disabled={!scoring} onClick={() => m.cancel()}>
          {t.cancel}
        </button>
      </div>
      {status === 'loading' && (
        <div role="status">
          <span class="widget-loading">{t.loading}</span>
          <progress max={1} value={m.loadProgress.value?.fraction ?? 0} aria-label={t.loading} />
        </div>
      )}
      {m.error.value && (
        <p class="error" role="alert">
          {m.error.value.kind === 'load' ? t.loadFailed : t.engineFailed} {m.error.value.detail}{' '}
          {status === 'error' && (
            <button type="button" onClick={() => void run()}>
              {t.retry}
            </button>
          )}
        </p>
      )}
      <ScoreStatus m={m} t={t} />
      {m.result.value && Result && <Result m={m} t={t} uid={uid} lang={lang} ood={ood ?? null} />}
    </div>
  );
}

function ScoreStatus({ m, t }: { m: SurprisalModel; t: T }) {
  const phase = m.phase.value;
  const r = m.result.value;
  let text = '';
  if (phase === 'scoring') text = t.scoring(formatProb(m.progress.value));
  else if (phase === 'cancelled') text = t.cancelled;
  else if (phase === 'done' && r) text = t.done(String(r.ids.length), r.elapsedMs < 1000 ? `${Math.round(r.elapsedMs)} ms` : `${(r.elapsedMs / 1000).toFixed(1)} s`);
  return (
    <div class="sv-status">
      {phase === 'scoring' && <progress max={1} value={m.progress.value} aria-hidden="true" />}
      <p role="status" data-testid="sv-status" data-phase={phase}>
        {text}
      </p>
    </div>
  );
}


/** The island's entry: wrapped so that a failure shows a notice with a reset, not a blank. */
export default withIslandBoundary(SurprisalView, { name: 'SurprisalView' });
