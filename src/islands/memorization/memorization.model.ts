/**
 * State of the memorization probe. Lifecycle: created once per island mount; the corpus manifest
 * and the model list load on mount; `probe` runs one passage on the chosen model; `measureAll`
 * runs every canary on every full-precision model and fills the table; `cancel` stops either.
 */
import { computed, signal } from '@preact/signals';
import type { Engine } from '../../lib/engine/types.ts';
import { labelsOfIds, tokenLabel } from '../../lib/format/tokens-display.ts';
import { corpusPassages, type Passage } from '../../lib/data/passages.ts';
import { readMemorization } from '../../lib/data/eval-file.ts';
import { extractionByRepetition, probeMemorization, type ExtractionRow, type ProbeResult } from './probe.ts';

/** Dependencies: engines by model id, the corpus manifest and the model list. */
export interface MemorizationDeps {
  engine: (modelId: string) => Promise<Engine>;
  manifest: () => Promise<unknown>;
  modelIndex: () => Promise<{ id: string; dtype: string; params: number }[]>;
  /** A model's eval.json, whose memorization tally fills the table before any browser run. */
  evalJson: (id: string) => Promise<unknown>;
  defaultModelId: string;
}

/** A probe's outcome with the token texts the view shows. */
export interface ShownProbe {
  modelId: string;
  result: ProbeResult;
  promptText: string;
  expectedTexts: string[];
  gotTexts: string[];
}

/** Creates the probe's state. */
export function createMemorizationModel(deps: MemorizationDeps) {
  const passages = signal<Passage[]>([]);
  const passageId = signal('');
  const text = signal('');
  const models = signal<{ id: string; params: number }[]>([{ id: deps.defaultModelId, params: 0 }]);
  const modelId = signal(deps.defaultModelId);
  const phase = signal<'idle' | 'probing' | 'measuring' | 'error'>('idle');
  const shown = signal<ShownProbe | null>(null);
  const tooShort = signal(false);
  const error = signal<string | null>(null);
  const table = signal<Map<string, ExtractionRow[]>>(new Map());
  /** Where the table's numbers come from: the committed evaluation, or a run in this browser. */
  const tableSource = signal<'eval' | 'browser'>('eval');
  const measureProgress = signal<{ done: number; total: number } | null>(null);
  const busy = computed(() => phase.value === 'probing' || phase.value === 'measuring');
  let controller: AbortController | null = null;

  // measureAll waits for both lists: a click before they arrive (a slow network, a busy machine)
  // would otherwise measure no canary on the placeholder model and show an empty table.
  const manifestLoaded = deps.manifest().then((m) => {
    passages.value = corpusPassages(m, ['canary', 'passage', 'fact']);
    const first = passages.value.find((p) => p.kind === 'canary') ?? passages.value[0];
    if (first && !text.value) choosePassage(first.id);
  }, (e: unknown) => fail(e));
  const indexLoaded = deps.modelIndex().then((index) => {
    const full = index.filter((m) => m.dtype === 'F32').sort((a, b) => a.params - b.params);
    if (full.length) models.value = full.map(({ id, params }) => ({ id, params }));
    return Promise.all(
      full.map(async (m) => [m.id, readMemorization(await deps.evalJson(m.id).catch(() => null))] as const),
    ).then((rows) => {
      if (tableSource.value !== 'eval') return;
      const next = new Map<string, ExtractionRow[]>();
      for (const [id, tally] of rows) {
        if (tally) next.set(id, tally.map((t) => ({ repetitions: t.repeats, total: t.n, extracted: t.correct, rate: t.rate })).sort((a, b) => a.repetitions - b.repetitions));
      }
      table.value = next;
    });
  }, () => undefined);

  function fail(e: unknown) {
    error.value = e instanceof Error ? e.message : String(e);
    phase.value = 'error';
  }

  function choosePassage(id: string) {
    passageId.value = id;
    const p = passages.value.find((x) => x.id === id);
    if (p) text.value = p.text;
    shown.value = null;
  }

  function setText(value: string) {
    text.value = value;
    passageId.value = '';
    shown.value = null;
  }

  /** Runs the extraction test on the current text with the chosen model. */
  async function probe(): Promise<void> {
    if (busy.value) return;
    controller = new AbortController();
    const signal_ = controller.signal;
    phase.value = 'probing';
    error.value = null;
    tooShort.value = false;
    try {
      const engine = await deps.engine(modelId.value);
      await engine.load();
      const result = await probeMemorization(engine, text.value, { signal: signal_ });
      if (!result) {
        tooShort.value = true;
        shown.value = null;
      } else {
        const expected = result.steps.map((s) => s.expected);
        const got = result.steps.map((s) => s.got);
        const [promptText, expectedTexts, gotTexts] = await tokenLabels(engine, result.promptIds, expected, got);
        shown.value = { modelId: modelId.value, result, promptText, expectedTexts, gotTexts };
      }
      phase.value = 'idle';
    } catch (e) {
      if (signal_.aborted) phase.value = 'idle';
      else fail(e);
    } finally {
      controller = null;
    }
  }

  /** Probes every canary with every full-precision model and tabulates extraction by repetition. */
  async function measureAll(): Promise<void> {
    if (busy.value) return;
    controller = new AbortController();
    const signal_ = controller.signal;
    phase.value = 'measuring';
    error.value = null;
    tableSource.value = 'browser';
    try {
      await Promise.all([manifestLoaded, indexLoaded.catch(() => undefined)]);
      const canaries = passages.value.filter((p) => p.kind === 'canary');
      const ids = models.value.map((m) => m.id);
      const total = canaries.length * ids.length;
      let done = 0;
      measureProgress.value = { done, total };
      const next = new Map<string, ExtractionRow[]>();
      for (const id of ids) {
        const engine = await deps.engine(id);
        await engine.load();
        const results: { repetitions: number; verbatim: boolean }[] = [];
        for (const c of canaries) {
          const r = await probeMemorization(engine, c.text, { signal: signal_ });
          if (r) results.push({ repetitions: c.repetitions, verbatim: r.verbatim });
          measureProgress.value = { done: ++done, total };
        }
        next.set(id, extractionByRepetition(results));
        table.value = new Map(next);
      }
      phase.value = 'idle';
    } catch (e) {
      if (signal_.aborted) phase.value = 'idle';
      else fail(e);
    } finally {
      controller = null;
      measureProgress.value = null;
    }
  }

  return {
    passages,
    passageId,
    text,
    models,
    modelId,
    phase,
    shown,
    tooShort,
    error,
    table,
    tableSource,
    measureProgress,
    busy,
    choosePassage,
    setText,
    chooseModel: (id: string) => {
      modelId.value = id;
      shown.value = null;
    },
    probe,
    measureAll,
    cancel: () => controller?.abort(),
  };
}

/** The probe's state object. */
export type MemorizationModel = ReturnType<typeof createMemorizationModel>;

/**
 * What the probe shows for the prompt, the true continuation and the model's guesses: the
 * continuation as a sequence after the prompt (a character cut across tokens shows as its bytes,
 * then the character), each guess on its own (tokens-display.ts).
 */
async function tokenLabels(engine: Engine, promptIds: number[], expected: number[], got: number[]): Promise<[string, string[], string[]]> {
  const all = [...promptIds, ...expected];
  const [promptText, fullText, allTexts, gotTexts] = await Promise.all([
    engine.detokenize(promptIds),
    engine.detokenize(all),
    engine.tokenTexts(all),
    engine.tokenTexts(got),
  ]);
  const textOf = new Map<number, string>();
  all.forEach((id, i) => textOf.set(id, allTexts[i]!));
  got.forEach((id, i) => textOf.set(id, gotTexts[i]!));
  const cut = [...textOf].filter(([, text]) => text.includes('\uFFFD')).map(([id]) => id);
  const bytes = cut.length > 0 && engine.tokenBytes ? await engine.tokenBytes(cut) : [];
  const bytesOf = new Map(cut.map((id, i) => [id, bytes[i]!] as const).filter(([, b]) => b !== undefined));
  const sequence = labelsOfIds(all, (id) => textOf.get(id), (id) => bytesOf.get(id), fullText).slice(promptIds.length);
  const guesses = got.map((id, i) => (id === expected[i] ? sequence[i]! : tokenLabel(textOf.get(id) ?? '', bytesOf.get(id))));
  return [promptText, sequence, guesses];
}
