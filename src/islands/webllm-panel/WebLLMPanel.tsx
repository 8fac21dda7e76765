import { useEffect, useMemo } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import { formatBytes, formatCount } from '../../lib/format/number.ts';
import { tokenLabel } from '../../lib/format/tokens-display.ts';
import type { ModelPreflight } from '../../lib/webllm/preflight.ts';
import { FailureNotice } from '../../ui/webllm/FailureNotice.tsx';
import { ProgressView } from '../../ui/webllm/ProgressView.tsx';
import { createPanelModel, type PanelModel } from './webllm-panel.model.ts';
import { strings, type PanelStrings } from '../../ui/webllm/webllm.strings.ts';
import '../../ui/webllm/webllm.css';
import { withIslandBoundary } from '../../ui/IslandBoundary.tsx';

/** Radio groups need page-unique names: a page may hold the panel twice (chapter text and aside). */
let instances = 0;

/** Props the static wrapper passes in. */
export interface WebLLMPanelProps {
  lang: Lang;
  /** Model key to preselect; the recommendation otherwise. */
  defaultModel?: string;
}

/** Preflight, download with progress, cache management, and a first try of a real base model. */
function WebLLMPanel({ lang, defaultModel }: WebLLMPanelProps) {
  const t = strings[lang];
  const model = useMemo(() => createPanelModel(defaultModel, t.defaultPrompt), []);
  const group = useMemo(() => `webllm-model-${lang}-${++instances}`, []);
  useEffect(() => {
    void model.check();
  }, []);
  const gpu = model.gpu.value;

  return (
    <div class="webllm-panel" data-testid="webllm-panel">
      <p>{t.intro}</p>
      {gpu === null ? (
        <p role="status">{t.checking}</p>
      ) : (
        <>
          <Facts model={model} t={t} />
          {!gpu.available && (
            <FailureNotice failure={{ code: 'no-webgpu', detail: `WebGPU: ${gpu.reason}` }} t={t} context={{ gpu }} />
          )}
          <ModelChoice model={model} t={t} lang={lang} group={group} />
          <LoadArea model={model} t={t} />
          {model.loader.loaded.value && <Play model={model} t={t} />}
          <Cached model={model} t={t} />
        </>
      )}
    </div>
  );
}

function Facts({ model, t }: { model: PanelModel; t: PanelStrings }) {
  const gpu = model.gpu.value;
  const host = model.host.value;
  if (!gpu) return null;
  const free = host?.storage ? formatBytes(Math.max(0, host.storage.quota - host.storage.usage)) : t.unknown;
  return (
    <section aria-label={t.checksHeading}>
      <h4>{t.checksHeading}</h4>
      <dl class="webllm-facts" data-testid="webllm-facts">
        <dt>{t.webgpu}</dt>
        <dd data-testid="webllm-webgpu">{gpu.available ? (gpu.software ? t.yesSoftware : t.yes) : t.no}</dd>
        {gpu.available && (
          <>
            <dt>{t.adapter}</dt>
            <dd data-testid="webllm-adapter">{gpu.adapterName}</dd>
            <dt>{t.shaderF16}</dt>
            <dd data-testid="webllm-f16">{gpu.hasShaderF16 ? t.yes : t.no}</dd>
            <dt>{t.maxBuffer}</dt>
            <dd>{formatBytes(gpu.maxBufferSize)}</dd>
            <dt>{t.maxBinding}</dt>
            <dd>{formatBytes(gpu.maxStorageBufferBindingSize)}</dd>
          </>
        )}
        <dt>{t.storageFree}</dt>
        <dd data-testid="webllm-storage">{free}</dd>
        <dt>{t.deviceMemory}</dt>
        <dd>{host?.deviceMemoryGB ? `${host.deviceMemoryGB} GB` : t.unknown}</dd>
      </dl>
    </section>
  );
}

function notes(r: ModelPreflight, t: PanelStrings): string[] {
  const out: string[] = [];
  for (const c of r.checks) {
    if (c.status === 'ok') continue;
    if (c.id === 'software') out.push(t.noteSoftware);
    if (c.id === 'buffer') out.push(t.noteBuffer(formatBytes(c.have ?? 0)));
    if (c.id === 'memory') out.push(t.noteMemory(formatBytes(c.need ?? 0), formatBytes(c.have ?? 0)));
    if (c.id === 'storage') out.push(t.noteStorage(formatBytes(c.need ?? 0), formatBytes(c.have ?? 0)));
  }
  return out;
}

function ModelChoice({ model, t, lang, group }: { model: PanelModel; t: PanelStrings; lang: Lang; group: string }) {
  const rec = model.recommendation.value;
  const selected = model.selected.value;
  const busy = model.loader.status.value === 'loading';
  const onlySoftware = rec?.checks.some((c) => c.id === 'software');
  return (
    <fieldset class="webllm-models" disabled={busy}>
      <legend>{t.modelsHeading}</legend>
      <p class="webllm-hint">{t.buildHint}</p>
      {model.results.value.map((r) => {
        const verdict = r.verdict === 'ok' ? t.verdictOk : r.verdict === 'warn' ? t.verdictWarn : t.verdictFail;
        return (
          <label class="webllm-model" data-testid="webllm-model" data-key={r.model.key} data-verdict={r.verdict} key={r.model.key}>
            <input
              type="radio"
              name={group}
              value={r.model.key}
              checked={selected?.model.key === r.model.key}
              onChange={() => model.choose(r.model.key)}
            />
            <span class="webllm-model-name">
              {r.model.name} <span class={`webllm-verdict is-${r.verdict}`}>{verdict}</span>
              {r.cached && <span class="webllm-badge">{t.cachedBadge}</span>}
            </span>
            <span class="webllm-model-facts">
              {t.colParams} {formatCount(r.model.parameters, lang)} · {t.colBuild} <code>{r.variant.quantization}</code> ·{' '}
              {t.colDownload} {r.exactSize ? formatBytes(r.downloadBytes) : t.approx(formatBytes(r.downloadBytes))} · {t.colMemory} {t.approx(formatBytes(r.vramBytes))}
            </span>
            {notes(r, t).map((n) => (
              <span class="webllm-model-note" key={n}>
                {n}
              </span>
            ))}
          </label>
        );
      })}
      <p data-testid="webllm-recommendation">
        {rec ? (onlySoftware ? t.recommendSlow(rec.model.name) : t.recommend(rec.model.name)) : t.recommendNone}
      </p>
    </fieldset>
  );
}

function LoadArea({ model, t }: { model: PanelModel; t: PanelStrings }) {
  const pick = model.selected.value;
  const status = model.loader.status.value;
  const progress = model.loader.progress.value;
  const failure = model.loader.failure.value;
  const storage = pick?.checks.find((c) => c.id === 'storage');
  if (!pick) return null;
  const label = pick.cached ? t.loadCached(pick.model.name) : t.load(pick.model.name, formatBytes(pick.toDownloadBytes));
  const loadedHere = model.loader.loaded.value?.variant.modelId === pick.variant.modelId;
  return (
    <div class="webllm-load">
      {status === 'loading' && progress ? (
        <ProgressView progress={progress} t={t} onCancel={model.cancel} />
      ) : (
        !loadedHere && (
          <button type="button" class="webllm-primary" disabled={pick.verdict === 'fail'} onClick={() => void model.load()}>
            {label}
          </button>
        )
      )}
      {failure && status === 'failed' && (
        <FailureNotice
          failure={failure}
          t={t}
          context={{ needBytes: storage?.need ?? pick.toDownloadBytes, freeBytes: storage?.have, gpu: model.gpu.value }}
        >
          {(failure.code === 'network' ||
            failure.code === 'unreachable' ||
            failure.code === 'http' ||
            failure.code === 'cancelled') && (
            <button type="button" onClick={() => void model.load()}>
              {t.retry}
            </button>
          )}
          {failure.code === 'worker-died' && (
            <button type="button" onClick={() => void model.load()}>
              {t.restart}
            </button>
          )}
          {failure.code === 'device-lost-loaded' && (
            <button type="button" onClick={() => void model.load()}>
              {t.reload}
            </button>
          )}
          {failure.code === 'no-shader-f16' && (
            <button type="button" onClick={() => void model.load()}>
              {t.useF32}
            </button>
          )}
          {failure.code === 'device-lost' && pick.model.key !== model.results.value[0]?.model.key && (
            <button type="button" onClick={model.pickSmallest}>
              {t.pickSmaller(model.results.value[0]?.model.name ?? '')}
            </button>
          )}
        </FailureNotice>
      )}
    </div>
  );
}

function Play({ model, t }: { model: PanelModel; t: PanelStrings }) {
  const slot = model.loader.loaded.value;
  if (!slot) return null;
  const busy = model.generating.value;
  const cands = model.candidates.value;
  return (
    <section class="webllm-play" data-testid="webllm-play">
      <p role="status">{t.ready(slot.model.name, slot.variant.quantization)}</p>
      <label class="webllm-field">
        {t.promptLabel}
        <textarea
          rows={3}
          value={model.prompt.value}
          onInput={(e) => model.setPrompt(e.currentTarget.value)}
        />
      </label>
      <div class="webllm-actions">
        <label>
          {t.temperature}{' '}
          <input
            type="number"
            min={0}
            max={2}
            step={0.1}
            value={model.temperature.value}
            onInput={(e) => model.setTemperature(Number(e.currentTarget.value))}
          />
        </label>
        {busy ? (
          <button type="button" onClick={model.stop}>
            {t.stop}
          </button>
        ) : (
          <button type="button" class="webllm-primary" disabled={!model.prompt.value} onClick={() => void model.continueText()}>
            {t.continueButton}
          </button>
        )}
        <button type="button" disabled={busy || !model.prompt.value} onClick={() => void model.showNext()}>
          {t.nextButton}
        </button>
        <button type="button" disabled={busy} onClick={() => void model.unload()}>
          {t.unload}
        </button>
      </div>
      <div class="webllm-output" aria-live="polite" aria-label={t.outputLabel}>
        <span class="webllm-prompt-echo">{model.prompt.value}</span>
        <span>{model.output.value}</span>
      </div>
      {cands && (
        <div aria-live="polite">
          <h5>{t.nextHeading}</h5>
          <ol class="webllm-candidates">
            {cands.list.map((c, i) => (
              <li key={i}>
                <code>{tokenLabel(c.token)}</code> {(c.prob * 100).toFixed(1)}%
              </li>
            ))}
          </ol>
          <p>{t.tailMass(`${(cands.tail * 100).toFixed(1)}%`)}</p>
        </div>
      )}
    </section>
  );
}

function Cached({ model, t }: { model: PanelModel; t: PanelStrings }) {
  const list = model.cached.value;
  return (
    <section aria-label={t.cachedHeading} data-testid="webllm-cached">
      <h4>{t.cachedHeading}</h4>
      {model.notice.value && <p role="status">{t.deleted(model.notice.value)}</p>}
      {list.length === 0 ? (
        <p>{t.cachedNone}</p>
      ) : (
        <ul class="webllm-cached-list">
          {list.map((c) => (
            <li key={c.variant.modelId}>
              <span>
                {c.model.name} <code>{c.variant.quantization}</code> · {formatBytes(c.bytes)}
              </span>
              <button type="button" onClick={() => void model.remove(c)}>
                {t.deleteModel(c.model.name)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The island's entry: wrapped so that a failure shows a notice with a reset, not a blank. */
export default withIslandBoundary(WebLLMPanel, { name: 'WebLLMPanel' });
