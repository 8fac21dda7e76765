/**
 * State of the compressor widget. Lifecycle: created once per island mount; the manifest of the
 * training corpus loads on mount (for the presets); `run` loads the model on first use, encodes,
 * decodes and compares with gzip; `cancel` aborts between tokens.
 */
import { computed, signal } from '@preact/signals';
import type { Lang } from '../../i18n/lang.ts';
import { engineProbabilityModel } from '../../lib/coding/engine-model.ts';
import { compressBytes, decompressBytes, type CodingModel } from '../../lib/coding/text-compressor.ts';
import type { Engine } from '../../lib/engine/types.ts';
import { corpusPassages, NEW_PASSAGES, type Passage } from '../../lib/data/passages.ts';

/** What a run measured. */
export interface CompressionReport {
  inputBytes: number;
  gzipBytes: number | null;
  modelBytes: number;
  headerBytes: number;
  tokens: number;
  modelBits: number;
  stored: boolean;
  /**
   * Why the bytes were stored as they are: the tokenizer cannot reproduce the text, or the model
   * would have coded it larger than it is (its ideal code length is then finite). Null when coded.
   */
  storedBecause: 'untokenizable' | 'expands' | null;
  roundTrip: boolean;
}

/** Dependencies: the engine (one of its own, so no other widget moves its cache mid-run) and the corpus manifest. */
export interface CompressorDeps {
  modelId: string;
  engine: () => Promise<Engine>;
  manifest: () => Promise<unknown>;
  gzip?: (bytes: Uint8Array) => Promise<number | null>;
}

/** Creates the compressor's state for a page in `lang`. */
export function createCompressorModel(deps: CompressorDeps, lang: Lang) {
  const presets = signal<Passage[]>([NEW_PASSAGES[lang]]);
  const presetId = signal<string>('');
  const text = signal('');
  const phase = signal<'idle' | 'loading' | 'encoding' | 'decoding' | 'done' | 'error'>('idle');
  const progress = signal<{ done: number; total: number }>({ done: 0, total: 0 });
  const report = signal<CompressionReport | null>(null);
  const error = signal<string | null>(null);
  const busy = computed(() => ['loading', 'encoding', 'decoding'].includes(phase.value));
  let controller: AbortController | null = null;
  let coding: Promise<CodingModel> | null = null;

  void deps.manifest().then(
    (m) => {
      const training = corpusPassages(m, ['passage']).filter((p) => p.language === lang && p.repetitions >= 8);
      presets.value = [...training, NEW_PASSAGES[lang]];
      if (!text.value) choosePreset(presets.value[0]!.id);
    },
    () => {
      if (!text.value) choosePreset(NEW_PASSAGES[lang].id);
    },
  );

  function choosePreset(id: string) {
    const p = presets.value.find((x) => x.id === id);
    presetId.value = id;
    if (p) text.value = p.text;
    report.value = null;
  }

  function setText(value: string) {
    text.value = value;
    presetId.value = '';
    report.value = null;
  }

  async function codingModel(): Promise<CodingModel> {
    coding ??= (async () => {
      const engine = await deps.engine();
      const info = await engine.load();
      const bos = await engine.tokenize('<|endoftext|>');
      return {
        id: info.id,
        tokenize: (t: string) => engine.tokenize(t),
        detokenize: (ids: number[]) => engine.detokenize(ids),
        probabilities: engineProbabilityModel(engine, info.vocabSize, info.contextLength, bos.length === 1 ? bos[0] : undefined),
      };
    })().catch((e: unknown) => {
      coding = null;
      throw e;
    });
    return coding;
  }

  /** Compresses the text, decompresses the result, and compares sizes with gzip. */
  async function run(): Promise<void> {
    if (busy.value) return;
    const input = new TextEncoder().encode(text.value);
    controller = new AbortController();
    const signal_ = controller.signal;
    error.value = null;
    report.value = null;
    try {
      phase.value = 'loading';
      const model = await codingModel();
      phase.value = 'encoding';
      const onProgress = (done: number, total: number) => {
        progress.value = { done, total };
      };
      const result = await compressBytes(input, model, { signal: signal_, onProgress });
      phase.value = 'decoding';
      const back = await decompressBytes(result.file, model, { signal: signal_, onProgress });
      const gzipBytes = await (deps.gzip ?? gzipSize)(input);
      report.value = {
        inputBytes: input.length,
        gzipBytes,
        modelBytes: result.file.length,
        headerBytes: result.headerBytes,
        tokens: result.tokens,
        modelBits: result.modelBits,
        stored: result.mode === 'stored',
        storedBecause: result.mode !== 'stored' ? null : Number.isFinite(result.modelBits) ? 'expands' : 'untokenizable',
        roundTrip: back.length === input.length && back.every((b, i) => b === input[i]),
      };
      phase.value = 'done';
    } catch (e) {
      if (signal_.aborted) {
        phase.value = 'idle';
        return;
      }
      error.value = e instanceof Error ? e.message : String(e);
      phase.value = 'error';
    } finally {
      controller = null;
    }
  }

  return {
    presets,
    presetId,
    text,
    phase,
    progress,
    report,
    error,
    busy,
    choosePreset,
    setText,
    run,
    cancel: () => controller?.abort(),
  };
}

/** The compressor's state object. */
export type CompressorModel = ReturnType<typeof createCompressorModel>;

/** gzip size through the browser's CompressionStream; null where it is missing. */
export async function gzipSize(bytes: Uint8Array): Promise<number | null> {
  if (typeof CompressionStream === 'undefined') return null;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}
