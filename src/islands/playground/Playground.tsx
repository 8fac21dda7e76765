import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import type { ComponentType } from 'preact';
import { formatBytes } from '../../lib/format/number.ts';
import { DEFAULT_SETTINGS } from '../../lib/sampling/settings.ts';
import { builtInEngine } from './default-engine.ts';
import { createPlaygroundModel, type PlaygroundModel } from './playground.model.ts';
import { PRESETS } from './playground.presets.ts';
import { strings } from './playground.strings.ts';
import { readPlaygroundState, writePlaygroundState } from './playground.url.ts';
import type { PlaygroundReadyProps } from './PlaygroundReady.tsx';
import './playground.css';

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
}

type T = (typeof strings)[Lang];

/** The next-token playground: prompt → tokens → distribution → step, branch, share. */
export default function Playground({ lang, model: modelId, initialPrompt, syncUrl = true, autoLoad = true }: PlaygroundProps) {
  const t = strings[lang];
  const m = useMemo(() => {
    const fromUrl = syncUrl && typeof location !== 'undefined' ? readPlaygroundState(new URLSearchParams(location.search)) : null;
    const fallback = initialPrompt ?? (lang === 'zh' ? '法国的首都是' : 'The capital of France is');
    return createPlaygroundModel(
      { getEngine: () => builtInEngine(modelId) },
      fromUrl ?? { prompt: fallback, settings: DEFAULT_SETTINGS, seed: 42, path: [] },
    );
  }, []);
  const [preset, setPreset] = useState<string | null>(() => PRESETS.find((p) => p.prompt === m.prompt.peek())?.id ?? null);
  const uid = `pg${useId().replace(/[^\w-]/g, '')}`;
  // The server renders only the loading line: the URL (and so the state) is known in the browser
  // alone, and hydrating a different tree would leave stale attributes behind.
  const [mounted, setMounted] = useState(false);
  const [Ready, setReady] = useState<ComponentType<PlaygroundReadyProps> | null>(null);

  /** Fetches the model and, alongside it, the code that shows it. */
  function start() {
    if (!Ready) {
      import('./PlaygroundReady.tsx').then(
        (mod) => setReady(() => mod.default),
        (e: unknown) => m.reportError(e),
      );
    }
    void m.load();
  }

  useEffect(() => {
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

  const status = m.status.value;
  if (!mounted) {
    return (
      <div class="pg not-content" data-testid="playground">
        <p class="widget-loading">{t.loading}</p>
      </div>
    );
  }
  return (
    <div class="pg not-content" data-testid="playground">
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
          {status === 'error' && (
            <button type="button" onClick={start}>
              {t.retry}
            </button>
          )}
        </p>
      )}
      {status === 'ready' && Ready && <Ready m={m} t={t} lang={lang} uid={uid} shareUrl={shareUrl} />}
    </div>
  );
}

function LoadingBar({ m, t }: { m: PlaygroundModel; t: T }) {
  const p = m.progress.value;
  const label =
    p?.loadedBytes !== undefined && p.totalBytes ? t.loadingBytes(formatBytes(p.loadedBytes), formatBytes(p.totalBytes)) : t.loading;
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

