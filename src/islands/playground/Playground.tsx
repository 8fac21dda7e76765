import { computed } from '@preact/signals';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import type { ComponentType } from 'preact';
import { formatBytes } from '../../lib/format/number.ts';
import { DEFAULT_SETTINGS } from '../../lib/sampling/settings.ts';
import { builtInEngine } from '../../engine/page.ts';
// Only the signal and types: the panel's engine (and WebLLM in its worker) stay out of this chunk.
import { activeRealModel } from '../../engine/page.ts';
import { createPlaygroundModel, type EngineChoice, type PlaygroundModel, type RealModelChoice } from './playground.model.ts';
import { PRESETS } from './playground.presets.ts';
import { strings } from './playground.strings.ts';
import { readPlaygroundState, writePlaygroundState } from './playground.url.ts';
import type { PlaygroundReadyProps } from './PlaygroundReady.tsx';
import './playground.css';
import { withIslandBoundary } from '../../ui/IslandBoundary.tsx';
import { PromptOod } from '../../ui/OodWarning.tsx';
import type { OodReference } from '../../lib/sampling/out-of-distribution.ts';
import { REAL_MODEL_ANCHOR } from '../../ui/webllm/anchor.ts';

/** Props the static wrapper passes in. */
export interface PlaygroundProps {
  lang: Lang;
  /** Built-in model id; tiny-m by default. */
  model?: string;
  /** Prompt shown before the reader types (a shared link overrides it). */
  initialPrompt?: string;
  /** Read and write the state in the page URL (one playground per page should). */
  syncUrl?: boolean;
  /** Load the model as soon as the widget is on screen; false shows a Load button instead. */
  autoLoad?: boolean;
  /** The built-in model's measured bits per byte (its eval.json), for the out-of-distribution warning. */
  ood?: OodReference | null;
}

type T = (typeof strings)[Lang];

/** What the widget's first control can be. */
const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled])';

/** The next-token playground: prompt → tokens → distribution → step, branch, share. */
function Playground({ lang, model: modelId, initialPrompt, syncUrl = true, autoLoad = true, ood }: PlaygroundProps) {
  const t = strings[lang];
  const m = useMemo(() => {
    const fromUrl = syncUrl && typeof location !== 'undefined' ? readPlaygroundState(new URLSearchParams(location.search)) : null;
    const fallback = initialPrompt ?? (lang === 'zh' ? '法国的首都是' : 'The capital of France is');
    // The Real model panel on the same page publishes its loaded model here (one module instance
    // per page: both islands import src/engine/real-model.ts from the same shared chunk).
    const realModel = computed<RealModelChoice | null>(() => {
      const a = activeRealModel.value;
      return a && { key: a.model.key, name: a.model.name, engine: a.engine, isLoaded: () => a.engine.loaded };
    });
    return createPlaygroundModel(
      { getEngine: () => builtInEngine(modelId), realModel },
      fromUrl ?? { prompt: fallback, settings: DEFAULT_SETTINGS, seed: 42, path: [] },
    );
  }, []);
  const [preset, setPreset] = useState<string | null>(() => PRESETS.find((p) => p.prompt === m.prompt.peek())?.id ?? null);
  const uid = `pg${useId().replace(/[^\w-]/g, '')}`;
  // The server renders only the loading line: the URL (and so the state) is known in the browser
  // alone, and hydrating a different tree would leave stale attributes behind.
  const [mounted, setMounted] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  /** The reader had tabbed onto the placeholder before the island hydrated. */
  const focusOnMount = useRef(false);
  const [Ready, setReady] = useState<ComponentType<PlaygroundReadyProps> | null>(null);

  /** Fetches the code that shows a loaded model (its own chunk). */
  function fetchReady() {
    if (!Ready) {
      import('./PlaygroundReady.tsx').then(
        (mod) => setReady(() => mod.default),
        (e: unknown) => m.reportError(e),
      );
    }
  }

  /** Fetches the model and, alongside it, the code that shows it. */
  function start() {
    fetchReady();
    void m.load();
  }

  /** The engine switch: either model, with the same controls. */
  function choose(kind: EngineChoice['kind']) {
    fetchReady();
    void m.chooseEngine(kind);
  }

  useEffect(() => {
    focusOnMount.current = rootRef.current?.contains(document.activeElement) ?? false;
    setMounted(true);
    if (autoLoad || m.hasSharedPath) start();
    return () => m.dispose();
  }, []);

  // Keep the address bar in step with the run, so copying it shares this exact state.
  const urlState = m.url.value;
  const shareUrl = useMemo(() => {
    if (typeof location === 'undefined') return '';
    const params = writePlaygroundState(new URLSearchParams(location.search), urlState);
    return `${location.origin}${location.pathname}?${params.toString()}${location.hash}`;
  }, [urlState]);
  const [firstUrl, setFirstUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!syncUrl || m.status.value !== 'ready') return;
    // The untouched page keeps its clean address; the first change writes the state.
    if (firstUrl === null) {
      setFirstUrl(shareUrl);
      return;
    }
    if (shareUrl === firstUrl && !location.search.includes('pg.')) return;
    const timer = setTimeout(() => history.replaceState(history.state, '', shareUrl), 300);
    return () => clearTimeout(timer);
  }, [shareUrl, m.status.value]);

  // Keyboard readers who reached the placeholder land on the widget's first control, not on <body>.
  useEffect(() => {
    if (!mounted || !focusOnMount.current) return;
    focusOnMount.current = false;
    rootRef.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  }, [mounted]);

  const status = m.status.value;
  if (!mounted) {
    // Focusable, so the first Tab pass stops here: focus scrolls it into view, which hydrates the
    // island (client:visible), and the effect above hands focus on to the first real control.
    return (
      <div class="pg not-content" data-testid="playground" ref={rootRef}>
        <p class="widget-loading" tabIndex={0} data-testid="pg-placeholder">
          {t.loading}
        </p>
      </div>
    );
  }
  return (
    <div class="pg not-content" data-testid="playground" ref={rootRef}>
      <EngineSwitch m={m} t={t} uid={uid} choose={choose} />
      <Presets m={m} t={t} lang={lang} uid={uid} preset={preset} setPreset={setPreset} start={start} />
      <label for={`${uid}-prompt`}>{t.prompt}</label>
      <textarea
        id={`${uid}-prompt`}
        class="pg-prompt"
        rows={2}
        value={m.prompt.value}
        aria-describedby={`${uid}-prompt-hint`}
        onInput={(e) => {
          setPreset(null);
          m.editPrompt(e.currentTarget.value);
        }}
      />
      <p id={`${uid}-prompt-hint`} class="pg-hint">{t.promptHint}</p>
      {status === 'idle' && (
        <p>
          <button type="button" class="pg-primary" onClick={start}>
            {t.loadModel}
          </button>
        </p>
      )}
      {(status === 'loading' || (status === 'ready' && !Ready)) && <LoadingBar m={m} t={t} />}
      {m.error.value && (
        <p class="error" role="alert">
          {m.error.value.kind === 'load' ? t.loadFailed : t.engineFailed} {m.error.value.detail}{' '}
          {m.engineChoice.value.kind === 'real' && (
            <button type="button" onClick={() => choose('builtin')}>
              {t.backToBuiltIn}
            </button>
          )}{' '}
          {status === 'error' && m.engineChoice.value.kind === 'builtin' && (
            <button type="button" onClick={start}>
              {t.retry}
            </button>
          )}
        </p>
      )}
      {status === 'ready' && ood && m.engineChoice.value.kind === 'builtin' && (
        <PromptOod ids={m.promptIds.value} getEngine={() => builtInEngine(modelId)} reference={ood} lang={lang} />
      )}
      {status === 'ready' && Ready && <Ready m={m} t={t} lang={lang} uid={uid} shareUrl={shareUrl} />}
    </div>
  );
}

function LoadingBar({ m, t }: { m: PlaygroundModel; t: T }) {
  const p = m.progress.value;
  const choice = m.engineChoice.value;
  const label =
    choice.kind === 'real'
      ? t.loadingReal(choice.name)
      : p?.loadedBytes !== undefined && p.totalBytes
        ? t.loadingBytes(formatBytes(p.loadedBytes), formatBytes(p.totalBytes))
        : t.loading;
  return (
    <div class="pg-loading" role="status">
      <span class="widget-loading">{label}</span>
      <progress max={1} value={p?.fraction ?? 0} aria-label={t.loading} />
    </div>
  );
}

interface PresetsProps {
  m: PlaygroundModel;
  t: T;
  lang: Lang;
  uid: string;
  preset: string | null;
  setPreset: (id: string) => void;
  start: () => void;
}

function Presets({ m, t, lang, uid, preset, setPreset, start }: PresetsProps) {
  const chosen = PRESETS.find((p) => p.id === preset);
  return (
    <div class="pg-presets">
      <span id={`${uid}-presets`} class="pg-label">
        {t.presets}
      </span>
      <div role="group" aria-labelledby={`${uid}-presets`} class="pg-preset-buttons">
        {PRESETS.map((p) => (
          <button
            type="button"
            key={p.id}
            aria-pressed={p.id === preset}
            onClick={() => {
              setPreset(p.id);
              void m.setPrompt(p.prompt);
              // Choosing an example is a clear wish to see the model's answer.
              if (m.status.peek() === 'idle') start();
            }}
          >
            {p.prompt.replace(/\n/g, ' ↵ ')}
          </button>
        ))}
      </div>
      {chosen && (
        <p class="pg-notice" aria-live="polite">
          <strong>{t.notice}</strong> {chosen.notice[lang]}
        </p>
      )}
    </div>
  );
}


/** Finds the Real model panel's section on this page (RealModel.astro gives it its id), and whether it is above or below. */
function findPanel(from: HTMLElement | null): { href: string; where: 'above' | 'below' } | null {
  const target = document.getElementById(REAL_MODEL_ANCHOR);
  if (!target || !from) return null;
  const where = from.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING ? 'above' : 'below';
  return { href: `#${REAL_MODEL_ANCHOR}`, where };
}

function EngineSwitch({ m, t, uid, choose }: { m: PlaygroundModel; t: T; uid: string; choose: (kind: EngineChoice['kind']) => void }) {
  const ref = useRef<HTMLFieldSetElement>(null);
  const [panel, setPanel] = useState<ReturnType<typeof findPanel>>(null);
  useEffect(() => setPanel(findPanel(ref.current)), []);
  const choice = m.engineChoice.value;
  const real = m.realAvailable.value;
  const note = m.engineNote.value;
  const switching = m.status.value === 'loading';
  let noteText = '';
  if (note) {
    const to = note.to.kind === 'real' ? note.to.name : '';
    const head =
      note.reason === 'shared-real-missing'
        ? t.noteSharedMissing(note.sharedModel ?? '')
        : note.reason === 'shared-replayed'
          ? t.noteSharedReplayed(to)
          : note.reason === 'unloaded'
            ? t.noteUnloaded
            : note.reason === 'replaced'
              ? t.noteReplaced(to)
              : note.to.kind === 'real'
                ? t.noteChosenReal(to)
                : t.noteChosenBuiltIn;
    const parts = [head];
    if (note.reason !== 'shared-real-missing' && note.reason !== 'shared-replayed') parts.push(t.noteRetokenized);
    if (note.treeReset && note.reason !== 'shared-real-missing') parts.push(t.noteTreeReset);
    noteText = parts.join(' ');
  }
  return (
    <fieldset class="pg-engine" data-testid="pg-engine" ref={ref}>
      <legend>{t.engineLegend}</legend>
      {/* Until a real model is loaded there is nothing to choose: say which model runs, no dead radio. */}
      {!real && choice.kind === 'builtin' ? (
        <p class="pg-engine-current">{t.engineBuiltIn}</p>
      ) : (
        <div class="pg-engine-options">
          <label>
            <input
              type="radio"
              name={`${uid}-engine`}
              value="builtin"
              checked={choice.kind === 'builtin'}
              disabled={switching}
              onChange={() => choose('builtin')}
            />{' '}
            {t.engineBuiltIn}
          </label>
          <label class={real ? undefined : 'pg-engine-off'}>
            <input
              type="radio"
              name={`${uid}-engine`}
              value="real"
              checked={choice.kind === 'real'}
              disabled={!real || switching}
              aria-describedby={real ? undefined : `${uid}-engine-hint`}
              onChange={() => choose('real')}
            />{' '}
            {t.engineReal(real ? real.name : choice.kind === 'real' ? choice.name : '')}
          </label>
        </div>
      )}
      {!real && (
        <p id={`${uid}-engine-hint`} class="pg-hint">
          {t.engineRealHint(panel?.where ?? 'none')}{' '}
          {panel && <a href={panel.href}>{t.engineRealLink}</a>}
        </p>
      )}
      <p class="pg-notice" role="status" aria-live="polite" data-testid="pg-engine-note">
        {noteText}
      </p>
    </fieldset>
  );
}

/** The island's entry: wrapped so that a failure shows a notice with a reset, not a blank. */
export default withIslandBoundary(Playground, { name: 'Playground', urlPrefixes: ['pg'] });
