import { useId, useMemo } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import { formatCount, formatInteger } from '../../lib/format/number.ts';
import { visibleWhitespace } from '../../lib/format/tokens-display.ts';
import { builtInEngine } from '../../engine/page.ts';
import { createMemorizationModel, type MemorizationModel } from './memorization.model.ts';
import type { ExtractionRow } from './probe.ts';
import { strings } from './memorization.strings.ts';
import './memorization.css';
import { fetchJson } from '../../lib/fetch-json.ts';
import { corpusManifestSchema, evalFileSchema, modelIndexSchema } from '../../lib/data/schemas.ts';
import { withIslandBoundary } from '../../ui/IslandBoundary.tsx';
import { wilson } from '../../lib/stats/proportion.ts';
import { memorizationFindings, sentencesPerCell, type MemorizationFinding } from './findings.ts';

/** Props the static wrapper passes in. */
export interface MemorizationProbeProps {
  lang: Lang;
  modelId: string;
  /** URL of public/corpus/manifest.json. */
  manifestUrl: string;
  /** URL of public/models/index.json. */
  modelIndexUrl: string;
}

type T = (typeof strings)[Lang];


/** Prompts a model with the beginning of a training text and shows, token by token, whether it recites the rest. */
function MemorizationProbe({ lang, modelId, manifestUrl, modelIndexUrl }: MemorizationProbeProps) {
  const model = useMemo(
    () =>
      createMemorizationModel({
        engine: (id) => builtInEngine(id),
        manifest: () => fetchJson(manifestUrl, corpusManifestSchema),
        modelIndex: () => fetchJson(modelIndexUrl, modelIndexSchema),
        evalJson: (id) => fetchJson(modelIndexUrl.replace(/index\.json$/, `${id}/eval.json`), evalFileSchema),
        defaultModelId: modelId,
      }),
    [],
  );
  const t = strings[lang];
  const passageSelect = useId();
  const textArea = useId();
  const modelSelect = useId();
  const groups = new Map<number, typeof model.passages.value>();
  for (const p of model.passages.value) groups.set(p.repetitions, [...(groups.get(p.repetitions) ?? []), p]);

  return (
    <div class="memorization" data-testid="memorization">
      <p class="memorization-note">{t.intro}</p>
      <label for={passageSelect}>{t.passage}</label>
      <select id={passageSelect} value={model.passageId.value} onChange={(e) => model.choosePassage(e.currentTarget.value)}>
        {[...groups.entries()].map(([n, ps]) => (
          <optgroup key={n} label={t.group(String(n))}>
            {ps.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </optgroup>
        ))}
        <option value="">{t.custom}</option>
      </select>
      <label for={textArea}>{t.textLabel}</label>
      <textarea id={textArea} rows={3} value={model.text.value} onInput={(e) => model.setText(e.currentTarget.value)} />
      <div class="memorization-actions">
        <label for={modelSelect}>{t.model}</label>
        <select id={modelSelect} value={model.modelId.value} onChange={(e) => model.chooseModel(e.currentTarget.value)}>
          {model.models.value.map((m) => (
            <option key={m.id} value={m.id}>
              {m.id}
              {m.params ? ` (${formatCount(m.params, lang)})` : ''}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void model.probe()} disabled={model.busy.value}>
          {t.probe}
        </button>
        {model.busy.value && (
          <button type="button" onClick={model.cancel}>
            {t.cancel}
          </button>
        )}
      </div>
      <div aria-live="polite" data-testid="memorization-result">
        {model.phase.value === 'probing' && <p>{t.running}</p>}
        {model.tooShort.value && <p>{t.tooShort}</p>}
        <ProbeView model={model} t={t} />
      </div>
      {model.phase.value === 'error' && (
        <p role="alert" class="memorization-error">
          {t.failed} <code>{model.error.value}</code>
        </p>
      )}
      <ExtractionTable model={model} t={t} />
      <p class="memorization-note">{t.lesson}</p>
      <p class="memorization-note">{t.cite}</p>
    </div>
  );
}

/** Labels come from tokens-display.ts already; this only keeps raw whitespace from reaching the page. */
function visible(token: string): string {
  return visibleWhitespace(token);
}

function ProbeView({ model, t }: { model: MemorizationModel; t: T }) {
  const s = model.shown.value;
  if (!s) return null;
  const { result } = s;
  return (
    <div class="memorization-probe">
      <p>
        {t.prompt}: <span class="memorization-prompt">{s.promptText}</span>
      </p>
      <p>{t.continuation}:</p>
      <ol class="memorization-tokens" data-testid="memorization-tokens">
        {result.steps.map((step, i) => {
          const exp = visible(s.expectedTexts[i] ?? '');
          const got = visible(s.gotTexts[i] ?? '');
          return (
            <li key={i} class={step.match ? 'is-match' : 'is-miss'} aria-label={step.match ? t.matchToken(exp) : t.missToken(exp, got)}>
              <span aria-hidden="true">
                <code>{exp}</code>
                {!step.match && (
                  <>
                    {' → '}
                    <code>{got}</code>
                  </>
                )}
                {step.match ? ' ✓' : ' ✗'}
              </span>
            </li>
          );
        })}
      </ol>
      <p data-testid="memorization-verdict">
        <strong>
          {result.verbatim
            ? t.verbatim(formatInteger(result.steps.length))
            : t.notVerbatim(formatInteger(result.matchedPrefix), formatInteger(result.steps.length))}
        </strong>
      </p>
    </div>
  );
}

function ExtractionTable({ model, t }: { model: MemorizationModel; t: T }) {
  const table = model.table.value;
  const progress = model.measureProgress.value;
  const ids = [...table.keys()];
  const reps = [...new Set(ids.flatMap((id) => table.get(id)!.map((r) => r.repetitions)))].sort((a, b) => a - b);
  return (
    <section aria-label={t.tableTitle}>
      <h4>{t.tableTitle}</h4>
      <p class="memorization-note">{t.tableIntro}</p>
      <button type="button" onClick={() => void model.measureAll()} disabled={model.busy.value}>
        {t.measure}
      </button>
      <p aria-live="polite">{progress && t.measuring(formatInteger(progress.done), formatInteger(progress.total))}</p>
      {ids.length > 0 && (
        <p class="memorization-note" data-testid="memorization-table-source">
          {model.tableSource.value === 'eval' ? t.sourceEval : t.sourceBrowser}
        </p>
      )}
      {ids.length > 0 && (
        <div class="memorization-table-wrap" tabIndex={0} role="region" aria-label={t.tableTitle}>
          <table class="widget-table" data-testid="memorization-table">
            <thead>
              <tr>
                <th scope="col">{t.repetitions}</th>
                {ids.map((id) => (
                  <th scope="col" key={id}>
                    {id}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {reps.map((n) => (
                <tr key={n}>
                  <th scope="row">{n}</th>
                  {ids.map((id) => {
                    const row = table.get(id)!.find((r) => r.repetitions === n);
                    if (!row || row.total === 0) return <td key={id}>—</td>;
                    const w = wilson(row.extracted, row.total);
                    return (
                      <td key={id}>
                        {t.cell(String(row.extracted), String(row.total), percent(w.rate))}
                        <br />
                        <small class="memorization-ci">
                          <span class="sr-only">{t.intervalLabel}</span>
                          {percent(w.lo)}–{percent(w.hi)}
                        </small>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {ids.length > 0 && <Findings table={table} t={t} />}
    </section>
  );
}

/** A share as a whole percentage. */
function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** The noise note and what the table supports, both computed from the counts on screen. */
function Findings({ table, t }: { table: ReadonlyMap<string, readonly ExtractionRow[]>; t: T }) {
  const n = sentencesPerCell(table);
  const findings = memorizationFindings(table);
  const say = (f: MemorizationFinding): string => {
    switch (f.kind) {
      case 'none':
        return t.findNone(f.ids.join(t.listSep), String(f.n), percent(f.upper));
      case 'even-once':
        return t.findEvenOnce(f.id, String(f.once.k), String(f.once.n), percent(f.once.lo));
      case 'repetition':
      case 'unclear':
        return (f.kind === 'repetition' ? t.findRepetition : t.findUnclear)(
          f.id,
          String(f.most.repetitions),
          String(f.most.k),
          String(f.most.n),
          String(f.once.k),
          String(f.once.n),
        );
    }
  };
  return (
    <>
      <p class="memorization-note" data-testid="memorization-noise">
        {n === null ? t.noiseMixed : t.noise(String(n), percent(wilson(n, n).lo))}
      </p>
      {findings.length > 0 && (
        <>
          <p class="memorization-note">{t.findingsTitle}</p>
          <ul class="memorization-findings" data-testid="memorization-findings">
            {findings.map((f, i) => (
              <li key={i} data-kind={f.kind}>
                {say(f)}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** The island's entry: wrapped so that a failure shows a notice with a reset, not a blank. */
export default withIslandBoundary(MemorizationProbe, { name: 'MemorizationProbe' });
