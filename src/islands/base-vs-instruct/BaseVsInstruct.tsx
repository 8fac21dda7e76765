import { useEffect, useMemo } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import { formatBytes } from '../../lib/format/number.ts';
import { tokenLabel } from '../../lib/format/tokens-display.ts';
import { COMPARISON_PAIRS, modelByKey } from '../../lib/webllm/models.ts';
import { xrayText } from '../../lib/webllm/xray.ts';
import { FailureNotice } from '../../ui/webllm/FailureNotice.tsx';
import type { ModelLoader } from '../../engine/webllm/loader.ts';
import { ProgressView } from '../../ui/webllm/ProgressView.tsx';
import { strings as panelStrings, type PanelStrings } from '../../ui/webllm/webllm.strings.ts';
import { createBaseVsInstructModel, type BaseVsInstructModel } from './base-vs-instruct.model.ts';
import { strings } from './base-vs-instruct.strings.ts';
import '../../ui/webllm/webllm.css';
import './base-vs-instruct.css';
import { withIslandBoundary } from '../../ui/IslandBoundary.tsx';

/** Props the static wrapper passes in. */
export interface BaseVsInstructProps {
  lang: Lang;
  /** Index into COMPARISON_PAIRS. */
  pair?: number;
}

type T = (typeof strings)['en'];

/** Radio groups need page-unique names when a page holds the comparison twice. */
let instances = 0;

/** One prompt, a base model and an instruct model side by side, with the chat template X-rayed. */
function BaseVsInstruct({ lang, pair }: BaseVsInstructProps) {
  const t = strings[lang];
  const model = useMemo(() => createBaseVsInstructModel(pair, t.defaultPrompt), []);
  const group = useMemo(() => `bvi-pair-${lang}-${++instances}`, []);
  const pt = panelStrings[lang];
  useEffect(() => {
    void model.check();
  }, []);
  const gpu = model.gpu.value;
  const plan = model.plan.value;
  const bothLoaded = Boolean(model.base.loaded.value && model.instruct.loaded.value);
  const loading = model.base.status.value === 'loading' || model.instruct.status.value === 'loading';

  return (
    <div class="base-vs-instruct" data-testid="base-vs-instruct">
      <p>{t.intro}</p>
      {gpu === null || plan === null ? (
        <p role="status">{pt.checking}</p>
      ) : !gpu.available ? (
        <FailureNotice failure={{ code: 'no-webgpu', detail: `WebGPU: ${gpu.reason}` }} t={pt} context={{ gpu }} />
      ) : (
        <>
          <fieldset class="bvi-pairs" disabled={loading || model.running.value}>
            <legend>{t.pairLabel}</legend>
            {COMPARISON_PAIRS.map((p, i) => {
              const b = modelByKey(p.base);
              const ins = modelByKey(p.instruct);
              const size =
                i === model.pairIndex.value ? formatBytes(plan.base.downloadBytes + plan.instruct.downloadBytes) : '';
              return (
                <label key={p.base}>
                  <input
                    type="radio"
                    name={group}
                    checked={i === model.pairIndex.value}
                    onChange={() => void model.choosePair(i)}
                  />{' '}
                  {b.name} ↔ {ins.name}
                  <span class="bvi-note"> · {b.key.startsWith('ministral') ? t.pairNoteSame : t.pairNoteLight}</span>
                  {size && <span class="bvi-note"> · ≈ {size}</span>}
                </label>
              );
            })}
          </fieldset>
          {!bothLoaded && !loading && (
            <button type="button" class="webllm-primary" onClick={() => void model.loadBoth()}>
              {plan.base.cached && plan.instruct.cached
                ? t.loadBothCached
                : t.loadBoth(formatBytes(plan.base.toDownloadBytes + plan.instruct.toDownloadBytes))}
            </button>
          )}
          <SlotStatus loader={model.base} pt={pt} onCancel={model.cancel} onRetry={() => void model.loadBoth()} />
          <SlotStatus loader={model.instruct} pt={pt} onCancel={model.cancel} onRetry={() => void model.loadBoth()} />
          {bothLoaded && <Compare model={model} t={t} />}
        </>
      )}
    </div>
  );
}

function SlotStatus({
  loader,
  pt,
  onCancel,
  onRetry,
}: {
  loader: ModelLoader;
  pt: PanelStrings;
  onCancel: () => void;
  onRetry: () => void;
}) {
  const progress = loader.progress.value;
  const failure = loader.failure.value;
  return (
    <>
      {loader.status.value === 'loading' && progress && <ProgressView progress={progress} t={pt} onCancel={onCancel} />}
      {loader.status.value === 'failed' && failure && (
        <FailureNotice failure={failure} t={pt}>
          {failure.code !== 'no-webgpu' && failure.code !== 'quota' && (
            <button type="button" onClick={onRetry}>
              {failure.code === 'worker-died' ? pt.restart : failure.code === 'device-lost-loaded' ? pt.reload : pt.retry}
            </button>
          )}
        </FailureNotice>
      )}
    </>
  );
}

function Compare({ model, t }: { model: BaseVsInstructModel; t: T }) {
  const b = model.base.loaded.value;
  const i = model.instruct.loaded.value;
  if (!b || !i) return null;
  const text = model.prompt.value;
  const tpl = model.template.value;
  const xray = model.xray.value;
  return (
    <>
      <label class="webllm-field">
        {t.promptLabel}
        <textarea rows={2} value={text} onInput={(e) => model.setPrompt(e.currentTarget.value)} />
      </label>
      <div class="webllm-actions">
        {model.running.value ? (
          <button type="button" onClick={model.stop}>
            {t.stop}
          </button>
        ) : (
          <button type="button" class="webllm-primary" onClick={() => void model.run()}>
            {t.run}
          </button>
        )}
      </div>
      <div class="bvi-columns">
        <section aria-label={t.baseHeading(b.model.name)} data-testid="bvi-base">
          <h4>{t.baseHeading(b.model.name)}</h4>
          <p class="bvi-note">{t.baseSaw}</p>
          <pre class="bvi-raw">{text}</pre>
          <div class="webllm-output" aria-live="polite" aria-label={t.outputLabel}>
            <span class="webllm-prompt-echo">{text}</span>
            {model.baseOutput.value}
          </div>
        </section>
        <section aria-label={t.instructHeading(i.model.name)} data-testid="bvi-instruct">
          <h4>{t.instructHeading(i.model.name)}</h4>
          <div class="webllm-output" aria-live="polite" aria-label={t.outputLabel}>
            {model.instructOutput.value}
          </div>
        </section>
      </div>
      <details class="bvi-xray" open={Boolean(xray)} data-testid="bvi-xray">
        <summary>{t.xray}</summary>
        {!tpl || !xray ? (
          <p>{t.waiting}</p>
        ) : (
          <>
            <p>{t.xrayIntro}</p>
            <p class="bvi-legend">
              <span class="bvi-tok is-user">{t.legendUser}</span> <span class="bvi-tok is-special">{t.legendSpecial}</span>{' '}
              <span class="bvi-tok is-template">{t.legendTemplate}</span> · {t.tokenCount(xray.length)}
            </p>
            <p class="bvi-tokens">
              {xray.map((tok, k) => (
                <span class={`bvi-tok is-${tok.kind}`} key={k}>
                  {visible(tok.text)}
                </span>
              ))}
            </p>
            <h5>{t.rawText}</h5>
            <pre class="bvi-raw">{xrayText(tpl.prefix, tpl.segments)}</pre>
          </>
        )}
      </details>
    </>
  );
}

/** Shows whitespace a token carries in the site's one convention (␣ space, ↵ newline). */
function visible(text: string): string {
  return tokenLabel(text);
}

/** The island's entry: wrapped so that a failure shows a notice with a reset, not a blank. */
export default withIslandBoundary(BaseVsInstruct, { name: 'BaseVsInstruct' });
