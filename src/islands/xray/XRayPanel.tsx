import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { ForwardTrace } from '../../lib/engine/types.ts';
import type { Lang } from '../../i18n/lang.ts';
import { maxAbs, millis, percent, visibleToken } from './xray.format.ts';
import { LAYER_TOP, topKeys, type XRayModel } from './xray.model.ts';
import type { strings } from './xray.strings.ts';

type T = (typeof strings)[Lang];

/** Props of the X-ray's body (the island creates the model; the benchmark passes its own). */
export interface XRayPanelProps {
  m: XRayModel;
  t: T;
  uid: string;
}

/** The forward pass of the built-in model on the reader's text, step by step. */
export function XRayPanel({ m, t, uid }: XRayPanelProps) {
  const tr = m.trace.value;
  const status = m.status.value;
  const err = m.error.value;
  const rootRef = useRef<HTMLDivElement>(null);
  // Mark the drawn text once the DOM holds it: the benchmark waits for this attribute.
  const drawnFor = m.tracedPrompt.value;
  useLayoutEffect(() => {
    if (drawnFor !== null) rootRef.current?.setAttribute('data-drawn', drawnFor);
  }, [tr, drawnFor]);
  const elapsed = m.elapsedMs.value;
  const models = m.models.value;
  return (
    <div class="xr not-content" data-testid="xray" ref={rootRef}>
      <p class="xr-intro">{t.intro}</p>
      <div class="xr-inputs">
        {models.length > 1 && (
          <p class="xr-model">
            <label for={`${uid}-model`}>{t.model}</label>{' '}
            <select id={`${uid}-model`} value={m.modelId.value} onChange={(e) => m.chooseModel(e.currentTarget.value)}>
              {models.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.id} ({x.dtype})
                </option>
              ))}
            </select>
          </p>
        )}
        <label for={`${uid}-prompt`}>{t.prompt}</label>
        <textarea
          id={`${uid}-prompt`}
          class="xr-prompt"
          rows={2}
          value={m.prompt.value}
          onInput={(e) => m.editPrompt(e.currentTarget.value)}
        />
      </div>
      {status === 'loading' && <Loading m={m} t={t} />}
      {err && (
        <p class="error" role="alert">
          {status === 'error' ? t.loadFailed : t.failed} {err === 'noTrace' ? t.noTrace : err}{' '}
          {status === 'error' && (
            <button type="button" onClick={() => void m.start()}>
              {t.retry}
            </button>
          )}
        </p>
      )}
      {status === 'ready' && !tr && <p class="xr-hint">{t.emptyPrompt}</p>}
      {tr && m.prompt.value !== '' && (
        <>
          <p class="xr-hint" role="status" data-testid="xray-status">
            {elapsed !== null ? t.computed(tr.ids.length, millis(elapsed)) : ''}
            {m.dropped.value > 0 ? ` ${t.truncated(m.dropped.value, m.contextLength.value)}` : ''}
          </p>
          <Tokens m={m} t={t} tr={tr} uid={uid} />
          <Embedding m={m} t={t} tr={tr} />
          <Layers m={m} t={t} tr={tr} uid={uid} />
          <Final m={m} t={t} tr={tr} uid={uid} />
        </>
      )}
    </div>
  );
}

function Loading({ m, t }: { m: XRayModel; t: T }) {
  const p = m.progress.value;
  const label =
    p?.loadedBytes !== undefined && p.totalBytes
      ? t.loadingBytes(`${(p.loadedBytes / 1e6).toFixed(1)} MB`, `${(p.totalBytes / 1e6).toFixed(1)} MB`)
      : t.loading;
  return (
    <div class="xr-loading" role="status">
      <span class="widget-loading">{label}</span>
      <progress max={1} value={p?.fraction ?? 0} aria-label={t.loading} />
    </div>
  );
}

/** The tokens as a row of buttons; the one pressed is the position every step below shows. */
function Tokens({ m, t, tr, uid }: { m: XRayModel; t: T; tr: ForwardTrace; uid: string }) {
  const sel = Math.min(m.selected.value, tr.ids.length - 1);
  const head = m.head.value;
  const T = tr.ids.length;
  const row = head ? tr.attention.subarray(((head.layer * tr.nHead + head.head) * T + sel) * T, ((head.layer * tr.nHead + head.head) * T + sel + 1) * T) : null;
  const groupRef = useRef<HTMLDivElement>(null);
  const focusWanted = useRef(false);
  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    groupRef.current?.querySelector<HTMLButtonElement>('button[aria-pressed="true"]')?.focus();
  }, [sel]);
  function onKey(e: KeyboardEvent) {
    const moves: Record<string, number> = { ArrowLeft: sel - 1, ArrowRight: sel + 1, Home: 0, End: T - 1 };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    focusWanted.current = true;
    m.select(to);
  }
  return (
    <section class="xr-step" aria-labelledby={`${uid}-s1`}>
      <h4 id={`${uid}-s1`}>{t.step1}</h4>
      <p class="xr-hint">{t.tokensHint}</p>
      <div class="xr-tokens" role="group" aria-label={t.tokensGroup} ref={groupRef} onKeyDown={onKey}>
        {tr.tokens.map((tok, i) => {
          const w = row && i <= sel ? row[i]! : null;
          return (
            <button
              type="button"
              key={i}
              class="xr-token"
              aria-pressed={i === sel}
              tabIndex={i === sel ? 0 : -1}
              aria-label={t.tokenButton(i + 1, visibleToken(tok), tr.ids[i]!) + (w !== null ? `, ${t.weightOf(percent(w))}` : '')}
              style={w !== null ? { '--xr-w': String(Math.sqrt(w)) } : undefined}
              data-attended={w !== null ? 'true' : undefined}
              onClick={() => m.select(i)}
            >
              <span class="xr-token-text">{visibleToken(tok)}</span>
              <span class="xr-token-id">{w !== null ? percent(w) : tr.ids[i]}</span>
            </button>
          );
        })}
      </div>
    </section>
  );
}

/** A row of d numbers as coloured cells: orange positive, blue negative, scaled by `scale`. */
function Strip({ values, off, n, scale, label }: { values: Float32Array; off: number; n: number; scale: number; label: string }) {
  const cells = cellGradient(n, (j) => {
    const v = values[off + j]!;
    return [v >= 0 ? 'var(--xr-pos-color)' : 'var(--xr-neg-color)', Math.min(1, Math.abs(v) / scale)];
  });
  return (
    <figure class="xr-strip">
      <span class="xr-cells" role="img" aria-label={label} style={{ backgroundImage: cells }} />
      <figcaption aria-hidden="true">{label}</figcaption>
    </figure>
  );
}

/**
 * n equal cells as one CSS gradient with hard stops: one element instead of n, so a keystroke
 * redraws a strip without creating or diffing a node per number.
 */
function cellGradient(n: number, cell: (i: number) => [color: string, opacity: number, ground?: string]): string {
  const stops: string[] = [];
  for (let i = 0; i < n; i++) {
    const [color, opacity, ground = 'transparent'] = cell(i);
    const pct = Math.round(opacity * 100);
    stops.push(`color-mix(in srgb, ${color} ${pct}%, ${ground}) ${((100 * i) / n).toFixed(3)}% ${((100 * (i + 1)) / n).toFixed(3)}%`);
  }
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

function Embedding({ m, t, tr }: { m: XRayModel; t: T; tr: ForwardTrace }) {
  const sel = Math.min(m.selected.value, tr.ids.length - 1);
  const d = tr.dModel;
  const off = sel * d;
  const sum = new Float32Array(d);
  for (let j = 0; j < d; j++) sum[j] = tr.tokenEmbeddings[off + j]! + tr.positionEmbeddings[off + j]!;
  const scale = Math.max(maxAbs(tr.tokenEmbeddings, off, d), maxAbs(tr.positionEmbeddings, off, d), maxAbs(sum, 0, d));
  const tok = visibleToken(tr.tokens[sel]!);
  return (
    <section class="xr-step">
      <h4>{t.step2}</h4>
      <p class="xr-hint">{t.embHint(d)}</p>
      <Strip values={tr.tokenEmbeddings} off={off} n={d} scale={scale} label={t.tokenEmb(tok)} />
      <Strip values={tr.positionEmbeddings} off={off} n={d} scale={scale} label={t.posEmb(sel + 1)} />
      <Strip values={sum} off={0} n={d} scale={scale} label={t.sumEmb} />
      <Lens t={t} tr={tr} layer={0} sel={sel} caption={t.lensEmbedding} />
    </section>
  );
}

/** The lens's top candidates at one layer; the model's final top token is marked wherever it appears. */
function Lens({ t, tr, layer, sel, caption }: { t: T; tr: ForwardTrace; layer: number; sel: number; caption: string }) {
  const finalTop = tr.lens[tr.nLayer]![sel]![0]!.id;
  const cands = tr.lens[layer]![sel]!.slice(0, LAYER_TOP);
  return (
    <div class="xr-lens" data-testid="xray-lens">
      <span class="xr-lens-caption">
        {caption}
        {layer === tr.nLayer ? ` ${t.finalMark}` : ''}
      </span>
      <ol class="xr-cands">
        {cands.map((c) => (
          <li key={c.id} class={c.id === finalTop ? 'xr-cand xr-final' : 'xr-cand'}>
            <span class="xr-cand-bar" style={{ width: `${Math.max(2, c.prob * 100)}%` }} aria-hidden="true" />
            <span class="xr-cand-token">{visibleToken(c.token)}</span> <span class="xr-cand-prob">{percent(c.prob)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function Layers({ m, t, tr, uid }: { m: XRayModel; t: T; tr: ForwardTrace; uid: string }) {
  const sel = Math.min(m.selected.value, tr.ids.length - 1);
  const T = tr.ids.length;
  // One scale for every bar of this position, so layers compare with each other.
  let scale = 1e-9;
  for (let L = 0; L <= tr.nLayer; L++) scale = Math.max(scale, tr.residualNorms[L * T + sel]!);
  for (let l = 0; l < tr.nLayer; l++) scale = Math.max(scale, tr.attnNorms[l * T + sel]!, tr.mlpNorms[l * T + sel]!);
  const tok = visibleToken(tr.tokens[sel]!);
  return (
    <section class="xr-step" aria-labelledby={`${uid}-s3`}>
      <h4 id={`${uid}-s3`}>{t.step3(tr.nLayer)}</h4>
      <p class="xr-hint">{t.layersHint}</p>
      <p class="xr-hint">{t.lensHint}</p>
      <Rise t={t} tr={tr} sel={sel} />
      <ol class="xr-layers">
        {Array.from({ length: tr.nLayer }, (_, l) => (
          <li key={l} class="xr-layer" data-testid="xray-layer">
            <h5>{t.layer(l + 1)}</h5>
            <Heads m={m} t={t} tr={tr} layer={l} sel={sel} tok={tok} />
            <div class="xr-sizes" role="group" aria-label={t.sizes}>
              <Bar label={l === 0 ? t.residualIn : t.residual(l)} value={tr.residualNorms[l * T + sel]!} scale={scale} kind="res" />
              <Bar label={t.attnAdds} value={tr.attnNorms[l * T + sel]!} scale={scale} kind="attn" />
              <Bar label={t.mlpAdds} value={tr.mlpNorms[l * T + sel]!} scale={scale} kind="mlp" />
              <Bar label={t.residual(l + 1)} value={tr.residualNorms[(l + 1) * T + sel]!} scale={scale} kind="res" />
            </div>
            <Lens t={t} tr={tr} layer={l + 1} sel={sel} caption={t.lens} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The final answer's probability after the lookup and after each layer: the answer rising. */
function Rise({ t, tr, sel }: { t: T; tr: ForwardTrace; sel: number }) {
  const T = tr.ids.length;
  const answer = tr.lens[tr.nLayer]![sel]![0]!;
  return (
    <figure class="xr-rise" data-testid="xray-rise">
      <figcaption>{t.answerRise(visibleToken(answer.token))}</figcaption>
      <ol>
        {Array.from({ length: tr.nLayer + 1 }, (_, L) => {
          const p = tr.answerProbs[L * T + sel]!;
          return (
            <li key={L}>
              <span class="xr-rise-track" aria-hidden="true">
                <span class="xr-rise-bar" style={{ height: `${Math.max(1, p * 100)}%` }} />
              </span>
              <span class="xr-rise-prob">{percent(p)}</span>
              <span class="xr-rise-layer">{L === 0 ? t.embeddingShort : t.layerShort(L)}</span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

function Bar({ label, value, scale, kind }: { label: string; value: number; scale: number; kind: string }) {
  return (
    <div class="xr-bar-row">
      <span class="xr-bar-label">{label}</span>
      <span class="xr-bar-track" aria-hidden="true">
        <span class={`xr-bar xr-bar-${kind}`} style={{ width: `${(100 * value) / scale}%` }} />
      </span>
      <span class="xr-bar-value">{value.toFixed(1)}</span>
    </div>
  );
}

/** One heat strip per head: how much the selected query reads from each earlier key. */
function Heads({ m, t, tr, layer, sel, tok }: { m: XRayModel; t: T; tr: ForwardTrace; layer: number; sel: number; tok: string }) {
  const T = tr.ids.length;
  const pointed = m.head.value;
  return (
    <div class="xr-heads">
      <p class="xr-heads-caption">{t.attention(tok)}</p>
      {Array.from({ length: tr.nHead }, (_, h) => {
        const off = ((layer * tr.nHead + h) * T + sel) * T;
        const row = tr.attention.subarray(off, off + T);
        const top = topKeys(row, sel, 2)
          .map((k) => `${visibleToken(tr.tokens[k.key]!)} ${percent(k.weight)}`)
          .join(t.listSep);
        const summary = t.headSummary(h + 1, top);
        const on = pointed?.layer === layer && pointed.head === h;
        // Keys after the query do not exist for it: the strip ends at the selected token.
        const cells = cellGradient(T, (k) => (k <= sel ? ['var(--sl-color-accent)', row[k]!, 'var(--sl-color-gray-6)'] : ['transparent', 0]));
        return (
          <button
            type="button"
            key={h}
            class="xr-head"
            aria-pressed={on}
            aria-label={summary}
            title={summary}
            onMouseEnter={() => m.pointHead({ layer, head: h })}
            onMouseLeave={() => m.pointHead(null)}
            onFocus={() => m.pointHead({ layer, head: h })}
            onBlur={() => m.pointHead(null)}
            onClick={() => m.pointHead(on ? null : { layer, head: h })}
          >
            <span class="xr-head-name">{t.head(h + 1)}</span>
            <span
              class="xr-cells xr-att"
              aria-hidden="true"
              style={{ backgroundImage: cells }}
            />
            <span class="xr-head-top">{top}</span>
          </button>
        );
      })}
    </div>
  );
}

function Final({ m, t, tr, uid }: { m: XRayModel; t: T; tr: ForwardTrace; uid: string }) {
  const sel = Math.min(m.selected.value, tr.ids.length - 1);
  const temp = m.temperature.value;
  const cands = m.finalCandidates.value;
  return (
    <section class="xr-step" aria-labelledby={`${uid}-s4`}>
      <h4 id={`${uid}-s4`}>{t.step4}</h4>
      <div class="xr-temp">
        <label for={`${uid}-temp`}>
          {t.temperature}: <output for={`${uid}-temp`}>{temp.toFixed(1)}</output>
        </label>
        <input
          id={`${uid}-temp`}
          type="range"
          min={0}
          max={2}
          step={0.1}
          value={temp}
          aria-describedby={`${uid}-temp-hint`}
          onInput={(e) => m.setTemperature(Number(e.currentTarget.value))}
        />
        <p id={`${uid}-temp-hint`} class="xr-hint">
          {t.temperatureHint}
        </p>
      </div>
      <table class="xr-final">
        <caption>{t.finalCaption(visibleToken(tr.tokens[sel]!))}</caption>
        <thead>
          <tr>
            <th scope="col">{t.rank}</th>
            <th scope="col">{t.token}</th>
            <th scope="col">{t.logit}</th>
            <th scope="col">{t.prob}</th>
          </tr>
        </thead>
        <tbody>
          {cands.map((c) => (
            <tr key={c.id}>
              <td>{c.rank}</td>
              <td class="xr-final-token">{visibleToken(c.token)}</td>
              <td>{c.logit.toFixed(2)}</td>
              <td class="xr-final-prob">
                <span class="xr-bar-track" aria-hidden="true">
                  <span class="xr-bar xr-bar-prob" style={{ width: `${c.prob * 100}%` }} />
                </span>
                {percent(c.prob)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
