/**
 * The scored text: totals, legend, the coloured tokens and the details of one token. Its own
 * chunk, fetched with the model, so a page where nothing has been scored yet ships only the shell.
 */
import { memo } from 'preact/compat';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import { formatBytes } from '../../lib/format/number.ts';
import { RANK_BUCKETS, rankBucket } from '../../lib/sampling/rank-buckets.ts';
import { tokenBits } from '../../lib/sampling/surprisal.ts';
import { tokenLabel, visibleWhitespace } from '../../lib/format/tokens-display.ts';
import { formatBits, formatProb } from '../../ui/token-display.ts';
import { chunkRanges } from './chunks.ts';
import { tokenAt, type SurprisalModel, type SurprisalResult } from './surprisal.model.ts';
import type { strings } from './surprisal.strings.ts';
import { OodWarning } from '../../ui/OodWarning.tsx';
import { verdictFromTotals, type OodReference } from '../../lib/sampling/out-of-distribution.ts';

type T = (typeof strings)[Lang];

/** Tokens rendered per block; blocks appear one per frame so a long text never freezes the page. */
const CHUNK = 200;

/** Props the shell passes in. */
export interface SurprisalResultProps {
  m: SurprisalModel;
  t: T;
  uid: string;
  lang: Lang;
  /** The model's measured bits per byte, for the out-of-distribution warning (none: no warning). */
  ood: OodReference | null;
}

/** Totals, legend, tokens and details of the last scored text. */
export default function Result({ m, t, uid, lang, ood }: SurprisalResultProps) {
  const r = m.result.value!;
  const beyond = r.ids.length - 1 > r.contextLength;
  const scoredBytes = r.totals.bits > 0 ? Math.round(r.totals.bits / r.totals.bitsPerByte) : 0;
  return (
    <>
      {ood && <OodWarning verdict={verdictFromTotals(r.totals.bits, scoredBytes, ood)} reference={ood} lang={lang} />}
      <Totals m={m} t={t} />
      <Legend m={m} t={t} />
      {beyond && <p class="sv-window-note">{t.windowNote(r.contextLength)}</p>}
      <p class="sv-hint" id={`${uid}-tokens-hint`}>
        {t.hoverHint}
      </p>
      <TokenList m={m} t={t} uid={uid} />
      <Detail m={m} t={t} />
    </>
  );
}

/** The coloured tokens: its own component, so revealing a block re-renders nothing else. */
function TokenList({ m, t, uid }: { m: SurprisalModel; t: T; uid: string }) {
  const r = m.result.value!;
  const active = m.active.value;
  const ranges = useMemo(() => chunkRanges(r.texts, CHUNK), [r]);
  // Reveal the blocks one per frame, so painting 10,000 tokens never blocks input.
  const [shown, setShown] = useState(1);
  useEffect(() => {
    setShown(1);
    let count = 1;
    let timer: ReturnType<typeof setTimeout>;
    const more = () => {
      if (count >= ranges.length) return;
      count++;
      setShown(count);
      timer = setTimeout(more, 16);
    };
    timer = setTimeout(more, 16);
    return () => clearTimeout(timer);
  }, [ranges]);

  const n = r.ids.length;
  // A key press may jump past the blocks revealed so far (End): reveal up to the active token.
  const activeChunk = active === null ? -1 : ranges.findIndex(([, end]) => active < end);
  const move = (e: KeyboardEvent) => {
    const cur = active ?? 0;
    const next: Record<string, number> = { ArrowRight: cur + 1, ArrowDown: cur + 1, ArrowLeft: cur - 1, ArrowUp: cur - 1, Home: 0, End: n - 1, PageDown: cur + 50, PageUp: cur - 50 };
    if (e.key in next) {
      e.preventDefault();
      m.activate(next[e.key]);
      const id = `${uid}-t${Math.min(n - 1, Math.max(0, next[e.key]))}`;
      // After the render that may have revealed the token's block.
      setTimeout(() => document.getElementById(id)?.scrollIntoView({ block: 'nearest' }), 0);
    }
  };
  return (
    <div
      class="sv-tokens"
      role="listbox"
      tabIndex={0}
      aria-label={t.tokensLabel}
      aria-describedby={`${uid}-tokens-hint`}
      aria-activedescendant={active !== null ? `${uid}-t${active}` : undefined}
      data-testid="sv-tokens"
      onKeyDown={move}
      onFocus={() => {
        if (m.active.peek() === null) m.activate(0);
      }}
      onMouseOver={(e) => {
        const el = (e.target as Element).closest('[data-i]');
        if (el) m.activate(Number(el.getAttribute('data-i')));
      }}
    >
      {ranges.slice(0, Math.max(shown, activeChunk + 1)).map(([start, end], c) => (
        <Chunk key={c} r={r} start={start} end={end} uid={uid} active={active !== null && active >= start && active < end ? active : -1} t={t} />
      ))}
    </div>
  );
}

interface ChunkProps {
  r: SurprisalResult;
  start: number;
  end: number;
  uid: string;
  active: number;
  t: T;
}

const Chunk = memo(function Chunk({ r, start, end, uid, active, t }: ChunkProps) {
  const out = [];
  const ctx = r.contextLength;
  for (let i = start; i < end; i++) {
    const rank = i > 0 ? r.scores.ranks[i - 1] : null;
    const beyond = i > ctx;
    const text = r.texts[i] ?? '';
    // A token that ends a line gets its rank before the break, not at the start of the next line.
    const body = text.replace(/\n+$/, '');
    const breaks = text.slice(body.length);
    out.push(
      <span
        key={i}
        role="option"
        id={`${uid}-t${i}`}
        aria-selected={i === active}
        data-i={i}
        data-rank={rank ?? undefined}
        class={`sv-tok sv-${rank === null ? 'given' : rankBucket(rank)}${beyond ? ' sv-outside' : ''}`}
      >
        {i === ctx + 1 && <span class="sv-window" data-testid="sv-window">{t.window(ctx)}</span>}
        {body}
        {breaks && <span aria-hidden="true">↵</span>}
        <sub class="sv-rank">{rank ?? '—'}</sub>
        {breaks}
      </span>,
    );
  }
  return (
    <div role="none" class="sv-chunk">
      {out}
    </div>
  );
});

function Detail({ m, t }: { m: SurprisalModel; t: T }) {
  const r = m.result.value!;
  const i = m.active.value;
  const tok = i !== null ? tokenAt(r, i) : null;
  return (
    <div class="sv-detail" aria-live="polite" data-testid="sv-detail">
      {tok && (
        <>
          <p>
            <strong>{t.detailTitle(tok.index + 1, r.ids.length)}</strong>: <code class="sv-code">{visibleWhitespace(tok.text)}</code>{' '}
            {tok.rank !== null && tok.logprob !== null
              ? t.detailRank(tok.rank, formatProb(Math.exp(tok.logprob)), formatBits(tokenBits(tok.logprob)))
              : t.detailGiven}
          </p>
          {tok.text.includes('⟨') && <p class="sv-hint">{t.detailSplit}</p>}
          {tok.beyondContext && <p class="sv-hint">{t.detailBeyond}</p>}
          {tok.top.length > 0 && (
            <>
              <p class="sv-label">{t.alternatives}</p>
              <ol class="sv-alts">
                {tok.top.map((c) => (
                  <li key={c.id} class={c.id === tok.id ? 'sv-alt-actual' : undefined}>
                    <code class="sv-code">{tokenLabel(c.token)}</code> {formatProb(Math.exp(c.logprob))}
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </div>
  );
}

function Totals({ m, t }: { m: SurprisalModel; t: T }) {
  const r = m.result.value!;
  const modelBytes = r.totals.bits / 8;
  return (
    <div class="sv-totals">
      <p class="sv-label">{t.totals}</p>
      <dl data-testid="sv-totals">
        <div>
          <dt>{t.bits}</dt>
          <dd data-testid="sv-bits">
            {t.bitsValue(formatBits(r.totals.bits))} {t.modelSize(formatBytes(modelBytes))}
          </dd>
        </div>
        <div>
          <dt>{t.bpb}</dt>
          <dd data-testid="sv-bpb">{formatBits(r.totals.bitsPerByte)}</dd>
        </div>
        <div>
          <dt>{t.ppl}</dt>
          <dd data-testid="sv-ppl">{Number.isFinite(r.totals.perplexity) ? Number(r.totals.perplexity.toPrecision(3)) : '—'}</dd>
        </div>
        <div>
          <dt>{t.gzip}</dt>
          <dd data-testid="sv-gzip">{t.gzipValue(formatBytes(r.gzipBytes), formatBits((8 * r.gzipBytes) / Math.max(1, r.bytes)))}</dd>
        </div>
        <div>
          <dt>{t.raw}</dt>
          <dd>{t.rawValue(formatBytes(r.bytes))}</dd>
        </div>
      </dl>
      <p class="sv-hint">{t.totalsNote}</p>
    </div>
  );
}

function Legend({ m, t }: { m: SurprisalModel; t: T }) {
  const r = m.result.value!;
  const scored = Math.max(1, r.totals.tokens);
  return (
    <div class="sv-legend">
      <p class="sv-label">{t.legend}</p>
      <ul>
        {RANK_BUCKETS.map((b) => (
          <li key={b}>
            <span class={`sv-tok sv-${b}`}>
              {t[`bucket_${b}`]}
            </span>{' '}
            <span data-testid={`sv-bucket-${b}`}>
              {r.buckets[b]} ({formatProb(r.buckets[b] / scored)})
            </span>
          </li>
        ))}
        <li>
          <span class="sv-tok sv-given">—</span> {t.first}
        </li>
      </ul>
    </div>
  );
}
