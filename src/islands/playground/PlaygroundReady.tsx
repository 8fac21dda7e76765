/**
 * Everything the playground shows once the model is in: tokens, controls, settings, chart, tree
 * and share link. Its own chunk, fetched while the model loads, so a page that has not loaded the
 * model yet ships only the small shell (Playground.tsx).
 */
import { useState } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import { formatCount } from '../../lib/format/number.ts';
import { ROOT, segments, type LoomSegment } from '../../lib/loom/loom.ts';
import { MAX_SEED } from '../../lib/sampling/rng.ts';
import { SETTING_RANGES, type SamplingSettings } from '../../lib/sampling/settings.ts';
import { CHART_SIZE, CHART_SIZE_SHORT, MAX_DEPTH, RUN_LENGTH, type PlaygroundModel } from './playground.model.ts';
import type { strings } from './playground.strings.ts';
import { labelsOfIds, tokenLabel } from '../../lib/format/tokens-display.ts';
import { formatBits, formatProb } from '../../ui/token-display.ts';
import '../../ui/notice.css';

type T = (typeof strings)[Lang];

/** Props the shell passes in. */
export interface PlaygroundReadyProps {
  m: PlaygroundModel;
  t: T;
  lang: Lang;
  uid: string;
  shareUrl: string;
}

/** The loaded playground below the prompt box. */
export default function Ready({ m, t, lang, uid, shareUrl }: PlaygroundReadyProps) {
  const info = m.info.value;
  return (
    <>
      {info && <p class="pg-hint">{t.modelInfo(info.id, formatCount(info.parameters, lang), info.vocabSize.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en'), info.contextLength)}</p>}
      <Chips m={m} t={t} />
      <p class="pg-text" aria-label={t.text}>
        <span class="pg-text-prompt">{m.prompt.value}</span>
        <mark class="pg-text-generated" data-testid="pg-continuation">
          {m.continuation.value}
        </mark>
      </p>
      <Controls m={m} t={t} uid={uid} />
      {/* The candidates first, the sliders that reshape them beside (wide) or right below (narrow). */}
      <div class="pg-play">
        <Chart m={m} t={t} lang={lang} uid={uid} />
        <Settings m={m} t={t} uid={uid} />
      </div>
      <Loom m={m} t={t} />
      <Share t={t} uid={uid} url={shareUrl} />
    </>
  );
}

function Chips({ m, t }: { m: PlaygroundModel; t: T }) {
  const texts = m.texts.value;
  const bytes = m.bytes.value;
  const ids = m.contextIds.value;
  // A character cut into byte tokens shows as the bytes, then the character they complete.
  const shown = labelsOfIds(ids, (id) => texts.get(id), (id) => bytes.get(id), m.fullText.value);
  const promptLength = m.promptIds.value.length;
  const context = m.info.value?.contextLength;
  // Tokens before `cut` fall outside the context window: the model no longer sees them.
  const cut = context !== undefined && ids.length > context ? ids.length - context : 0;
  const chip = (id: number, i: number, generated: boolean) => {
    const at = generated ? promptLength + i : i;
    const classes = ['pg-chip', generated ? 'pg-chip-generated' : '', at < cut ? 'pg-chip-outside' : ''].filter(Boolean).join(' ');
    const item = (
      <li key={`${generated ? 'g' : 'p'}${i}`} class={classes}>
        <span class="pg-chip-text">{shown[at] ?? ''}</span>
        <span class="pg-chip-id">{id}</span>
      </li>
    );
    if (cut === 0 || at !== cut) return item;
    return [
      <li key="window" class="pg-window-start" data-testid="pg-window-start">
        {t.windowStart(context!)}
      </li>,
      item,
    ];
  };
  if (m.promptIds.value.length === 0) return <p class="pg-hint">{t.emptyPrompt}</p>;
  return (
    <div class="pg-chips-wrap">
      <p class="pg-label">{t.tokens(m.promptIds.value.length)}</p>
      {context !== undefined && ids.length > context && (
        <p class="notice-warning" role="status" data-testid="pg-long-prompt">
          {t.longPrompt(ids.length, context)}
        </p>
      )}
      <ol class="pg-chips" data-testid="pg-prompt-tokens">
        {m.promptIds.value.map((id, i) => chip(id, i, false))}
      </ol>
      {m.path.value.length > 0 && (
        <>
          <p class="pg-label">{t.generated}</p>
          <ol class="pg-chips" data-testid="pg-generated-tokens">
            {m.path.value.map((id, i) => chip(id, i, true))}
          </ol>
        </>
      )}
    </div>
  );
}

function Controls({ m, t, uid }: { m: PlaygroundModel; t: T; uid: string }) {
  const canStep = m.canStep.value;
  const running = m.running.value;
  const move = m.lastMove.value;
  const texts = m.texts.value;
  let message = '';
  if (move) {
    const tok = tokenLabel(texts.get(move.token) ?? '', m.bytes.value.get(move.token));
    message =
      move.kind === 'sample'
        ? t.moveSample(tok, move.rank, formatProb(move.prob), formatProb(move.baseProb), (move.u ?? 0).toFixed(3))
        : move.kind === 'greedy'
          ? t.moveGreedy(tok, formatProb(move.baseProb))
          : t.movePick(tok, move.rank, formatProb(move.baseProb));
  }
  if (!running && m.runEnded.value === 'length') message = `${message} ${t.endedLength(RUN_LENGTH)}`;
  if (!running && m.runEnded.value === 'end-of-text') message = `${message} ${t.endedEot}`;
  if (m.path.value.length >= MAX_DEPTH) message = t.contextFull(MAX_DEPTH);
  return (
    <div class="pg-controls">
      <div class="pg-buttons">
        <button type="button" class="pg-primary" disabled={!canStep || running} onClick={() => void m.step('sample')}>
          {t.step}
        </button>
        <button type="button" disabled={!canStep || running} onClick={() => void m.step('greedy')}>
          {t.greedy}
        </button>
        {running ? (
          <button type="button" onClick={() => m.stop()}>
            {t.stop}
          </button>
        ) : (
          <button type="button" disabled={!canStep} onClick={() => void m.run()}>
            {t.run}
          </button>
        )}
        <button type="button" disabled={m.current.value === ROOT || m.editing.value} onClick={() => void m.undo()}>
          {t.undo}
        </button>
      </div>
      <div class="pg-seed">
        <label for={`${uid}-seed`}>{t.seed}</label>
        <input
          id={`${uid}-seed`}
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_SEED}
          step={1}
          value={m.seed.value}
          aria-describedby={`${uid}-seed-hint`}
          onChange={(e) => m.setSeed(Number(e.currentTarget.value))}
        />
        <button type="button" onClick={() => m.newSeed()}>
          {t.newSeed}
        </button>
        <span id={`${uid}-seed-hint`} class="pg-hint">
          {t.seedHint}
        </span>
      </div>
      <p class="pg-status" role="status" aria-live="polite" data-testid="pg-status">
        {m.busy.value && !move ? t.busy : message}
      </p>
    </div>
  );
}

function Settings({ m, t, uid }: { m: PlaygroundModel; t: T; uid: string }) {
  const s = m.settings.value;
  const slider = (key: keyof SamplingSettings, label: string, hint: string) => {
    const r = SETTING_RANGES[key];
    const id = `${uid}-${key}`;
    return (
      <div class="pg-setting" key={key}>
        <label for={id}>
          {label}
          {t.colon}
          <output for={id}>{s[key]}</output>
        </label>
        <input
          id={id}
          type="range"
          min={r.min}
          max={r.max}
          step={r.step}
          value={s[key]}
          aria-describedby={`${id}-hint`}
          onInput={(e) => m.setSetting(key, Number(e.currentTarget.value))}
        />
        <span id={`${id}-hint`} class="pg-hint">
          {hint}
        </span>
      </div>
    );
  };
  return (
    <fieldset class="pg-settings">
      <legend>{t.settings}</legend>
      {slider('temperature', t.temperature, t.temperatureHint)}
      {slider('topK', t.topK, t.topKHint)}
      {slider('topP', t.topP, t.topPHint)}
      {slider('minP', t.minP, t.minPHint)}
      <button type="button" onClick={() => m.resetSettings()}>
        {t.reset}
      </button>
    </fieldset>
  );
}

function Chart({ m, t, lang, uid }: { m: PlaygroundModel; t: T; lang: Lang; uid: string }) {
  const r = m.reshaped.value;
  const rows = m.rows.value;
  const tail = m.tail.value;
  if (!r) return null;
  const max = Math.max(...rows.map((row) => Math.max(row.prob, row.baseProb)), 1e-12);
  const by = r.cutBy ? t[`by_${r.cutBy}`] : '';
  const cutInside = r.cutBy !== null && r.kept < rows.length;
  return (
    <div class="pg-chart" aria-busy={m.busy.value}>
      <p class="pg-label" id={`${uid}-chart`}>
        {t.chart(rows.length)}
      </p>
      <p class="pg-summary" data-testid="pg-entropy">
        {t.entropy(formatBits(r.baseEntropyBits), formatBits(r.entropyBits))}{' '}
        <span class="pg-hint">{t.entropyHint}</span>
      </p>
      {!m.untouched.value && <p class="pg-hint">{t.barLegend}</p>}
      <ol class="pg-bars" aria-labelledby={`${uid}-chart`} data-testid="pg-candidates">
        {rows.map((row, i) => {
          const text = tokenLabel(row.text, m.bytes.value.get(row.id));
          return [
            <li key={row.id} class={row.kept ? 'pg-bar' : 'pg-bar pg-cut'} data-kept={row.kept}>
              <button type="button" disabled={m.busy.value || m.editing.value} aria-label={t.choose(text, row.rank, formatProb(row.prob))} onClick={() => void m.pick(row.id)}>
                <span class="pg-rank">{row.rank}</span>
                <span class="pg-token">
                  <span class="pg-token-text">{text}</span>
                  <span class="pg-chip-id">{row.id}</span>
                </span>
                <span class="pg-bar-track" aria-hidden="true">
                  <span class="pg-bar-base" style={{ width: `${(row.baseProb / max) * 100}%` }} />
                  <span class="pg-bar-now" style={{ width: `${(row.prob / max) * 100}%` }} />
                </span>
                <span class="pg-prob">
                  {row.kept ? formatProb(row.prob) : t.cut}
                  {!m.untouched.value && <span class="pg-prob-base">{t.probBase(formatProb(row.baseProb))}</span>}
                </span>
              </button>
            </li>,
            cutInside && i === r.kept - 1 ? (
              <li key="cut" class="pg-cutline" data-testid="pg-cutline" aria-hidden="false">
                {t.cutLine(by, r.kept)}
              </li>
            ) : null,
          ];
        })}
      </ol>
      {r.cutBy !== null && !cutInside && <p class="pg-cutnote">{t.cutBeyond(by, r.kept)}</p>}
      {r.ids.length > CHART_SIZE_SHORT && (
        <button type="button" aria-expanded={m.chartSize.value === CHART_SIZE} onClick={() => m.toggleChartSize()}>
          {m.chartSize.value === CHART_SIZE ? t.showFewer(CHART_SIZE_SHORT) : t.showAll(CHART_SIZE)}
        </button>
      )}
      {tail && tail.count > 0 && (
        <p class="pg-summary" data-testid="pg-tail">
          {t.tail(tail.count.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en'), formatProb(tail.baseMass), formatProb(tail.mass))}
        </p>
      )}
      {r.unsentMass > 1e-6 && <p class="pg-hint">{t.unsent(formatProb(r.unsentMass))}</p>}
    </div>
  );
}

function Loom({ m, t }: { m: PlaygroundModel; t: T }) {
  const loom = m.loom.value;
  const current = m.current.value;
  const onPath = m.currentPath.value;
  const texts = m.texts.value;
  const bytes = m.bytes.value;
  const root = segments(loom);
  // Each node's label in the context of its own branch, so a character cut across tokens shows
  // its bytes and then the character, as in the token chips.
  const labelOf = (n: number): string => {
    const ids: number[] = [];
    for (let k = n; k !== ROOT; k = loom.nodes[k].parent) ids.unshift(loom.nodes[k].token);
    return labelsOfIds(ids, (id) => texts.get(id), (id) => bytes.get(id)).at(-1) ?? '';
  };

  const runButton = (seg: LoomSegment) => {
    const last = seg.nodes[seg.nodes.length - 1];
    const here = seg.nodes.includes(current);
    return (
      <button type="button" class="pg-run" aria-current={here ? 'step' : undefined} onClick={() => void m.goTo(last)}>
        {seg.nodes.map((n) => (
          <span key={n} class={onPath.has(n) ? 'pg-on-path' : undefined}>
            {labelOf(n)}
          </span>
        ))}
      </button>
    );
  };
  const branches = (segs: LoomSegment[]) =>
    segs.length > 0 && (
      <ul>
        {segs.map((seg) => (
          <li key={seg.nodes[0]}>
            {runButton(seg)}
            {branches(seg.children)}
          </li>
        ))}
      </ul>
    );

  return (
    <div class="pg-loom" data-testid="pg-loom">
      <p class="pg-label">{t.loom}</p>
      {loom.nodes.length === 1 ? (
        <p class="pg-hint">{t.loomEmpty}</p>
      ) : (
        <ul>
          <li>
            <button type="button" class="pg-run pg-run-prompt" aria-current={current === ROOT ? 'step' : undefined} onClick={() => void m.goTo(ROOT)}>
              {t.loomPrompt}
            </button>
            {root.nodes.length > 0 ? (
              <ul>
                <li>
                  {runButton(root)}
                  {branches(root.children)}
                </li>
              </ul>
            ) : (
              branches(root.children)
            )}
          </li>
        </ul>
      )}
    </div>
  );
}

function Share({ t, uid, url }: { t: T; uid: string; url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="pg-share">
      <label for={`${uid}-share`}>{t.share}</label>
      <div class="pg-share-row">
        <input id={`${uid}-share`} type="text" readOnly value={url} data-testid="pg-share-url" onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard?.writeText(url).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {t.copy}
        </button>
        <span role="status">{copied ? t.copied : ''}</span>
      </div>
    </div>
  );
}
