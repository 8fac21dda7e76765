/**
 * State of the weights inspector. Lifecycle: created once per island mount; `openBuiltIn` or
 * `openFile` sets the source (a Blob: a fetched model or a File from disk, read only by slices),
 * which parses the header; `selectTensor`, `moveWindow` and `search` read further slices on demand.
 * Every async action carries a generation number so a slow read for an old file never
 * overwrites the state of a newer one.
 */
import { computed, signal } from '@preact/signals';
import type { Engine } from '../../lib/engine/types.ts';
import {
  byteLengthOf,
  decodeToFloat32,
  isDecodable,
  readHeader,
  regionAt,
  SafetensorsError,
  searchRanges,
  valueHistogram,
  valuesInWindow,
  type ReadRange,
  type SafetensorsHeader,
  type TensorInfo,
  type ValueHistogram,
} from '../../lib/safetensors/index.ts';
import { searchVocabulary, vocabularyEntries, type VocabEntry } from './vocabulary.ts';

/** Bytes shown in the hex window. */
export const WINDOW_BYTES = 256;
/** Most bytes of one tensor read for its histogram (a 7B model's embedding is ~500 MB). */
export const HISTOGRAM_MAX_BYTES = 16 * 1024 * 1024;

/** Where the inspector's files come from. */
export interface InspectorDeps {
  /** URL of the folder holding `<id>/model.safetensors` and `<id>/tokenizer.json`. */
  modelsUrl: string;
  modelId: string;
  /** The built-in engine, for the "ask the model" comparison. */
  engine: () => Promise<Engine>;
  fetchFn?: typeof fetch;
}

/** A file being inspected. */
export interface InspectedFile {
  name: string;
  size: number;
  builtIn: boolean;
  read: ReadRange;
}

/** An error to show: a localized kind plus the technical detail. */
export interface InspectorError {
  kind: 'fetch' | 'format' | 'model';
  detail: string;
}

/** Result of a byte search. */
export interface ByteSearch {
  query: string;
  hits: number[];
  headerHits: number;
  dataHits: number;
  searchedBytes: number;
}

/** The model's answer to the prompt. */
export interface ModelAnswer {
  prompt: string;
  top: { token: string; prob: number }[];
}

/** Creates the inspector's state. */
export function createInspectorModel(deps: InspectorDeps) {
  const fetchFn = deps.fetchFn ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const file = signal<InspectedFile | null>(null);
  const header = signal<SafetensorsHeader | null>(null);
  const busy = signal(false);
  const error = signal<InspectorError | null>(null);
  const selected = signal<TensorInfo | null>(null);
  const histogram = signal<{ tensor: string; hist: ValueHistogram | null; read: number; total: number; dtype: string } | null>(null);
  const windowOffset = signal(0);
  const windowBytes = signal<Uint8Array | null>(null);
  const searchProgress = signal<number | null>(null);
  const searchResult = signal<ByteSearch | null>(null);
  const vocabulary = signal<VocabEntry[] | null>(null);
  const answer = signal<ModelAnswer | null>(null);
  const answerState = signal<'idle' | 'loading' | 'done' | 'error'>('idle');
  const sentencePieces = signal<string[] | null>(null);
  let generation = 0;
  let searchController: AbortController | null = null;

  const totalParams = computed(() => header.value?.tensors.reduce((n, t) => n + t.elements, 0) ?? 0);
  const region = computed(() => (header.value ? regionAt(header.value, windowOffset.value) : null));
  const windowValues = computed(() => {
    const h = header.value;
    const bytes = windowBytes.value;
    const r = region.value;
    if (!h || !bytes) return null;
    // Decode the tensor the window starts in; the header and the prefix are shown as bytes only.
    if (r?.kind !== 'tensor') return null;
    const tensor = r.tensor;
    const v = valuesInWindow(h, tensor, bytes, windowOffset.value);
    return v ? { tensor, ...v } : null;
  });

  async function open(next: InspectedFile): Promise<void> {
    const g = ++generation;
    busy.value = true;
    error.value = null;
    header.value = null;
    selected.value = null;
    histogram.value = null;
    searchResult.value = null;
    windowBytes.value = null;
    file.value = next;
    try {
      const h = await readHeader(next.read, next.size);
      if (g !== generation) return;
      header.value = h;
      await moveWindow(0);
    } catch (e) {
      if (g !== generation) return;
      error.value = { kind: e instanceof SafetensorsError ? 'format' : 'fetch', detail: e instanceof Error ? e.message : String(e) };
    } finally {
      if (g === generation) busy.value = false;
    }
  }

  /** Fetches the built-in model's file (a few MB) and its tokenizer, then inspects it. */
  async function openBuiltIn(): Promise<void> {
    const url = `${deps.modelsUrl}${deps.modelId}/model.safetensors`;
    busy.value = true;
    error.value = null;
    let blob: Blob;
    try {
      const res = await fetchFn(url);
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      blob = await res.blob();
    } catch (e) {
      busy.value = false;
      error.value = { kind: 'fetch', detail: e instanceof Error ? e.message : String(e) };
      return;
    }
    await open({ name: `${deps.modelId}/model.safetensors`, size: blob.size, builtIn: true, read: blobReader(blob) });
    void loadVocabulary();
  }

  /** Inspects a file the reader picked; only its header is read now. */
  async function openFile(picked: File): Promise<void> {
    await open({ name: picked.name, size: picked.size, builtIn: false, read: blobReader(picked) });
  }

  /** Reads a tensor's values (at most HISTOGRAM_MAX_BYTES of them) and bins them. */
  async function selectTensor(name: string): Promise<void> {
    const h = header.value;
    const f = file.value;
    const t = h?.tensors.find((x) => x.name === name);
    if (!h || !f || !t) return;
    const g = generation;
    selected.value = t;
    const start = h.dataStart + t.dataOffsets[0];
    const size = t.dataOffsets[1] - t.dataOffsets[0];
    if (!isDecodable(t.dtype)) {
      histogram.value = { tensor: t.name, hist: null, read: 0, total: t.elements, dtype: t.dtype };
    } else {
      const elementBytes = byteLengthOf(t.dtype, 1) ?? 1;
      const take = Math.min(size, Math.floor(HISTOGRAM_MAX_BYTES / elementBytes) * elementBytes);
      const bytes = await f.read(start, start + take);
      if (g !== generation) return;
      const values = decodeToFloat32(t.dtype, bytes.subarray(0, take - (take % elementBytes)));
      histogram.value = { tensor: t.name, hist: valueHistogram(values, 40), read: values.length, total: t.elements, dtype: t.dtype };
    }
    await moveWindow(start);
  }

  /** Shows WINDOW_BYTES bytes from `offset` (clamped to the file). */
  async function moveWindow(offset: number): Promise<void> {
    const f = file.value;
    if (!f || !Number.isFinite(offset)) return;
    const g = generation;
    const at = Math.max(0, Math.min(Math.floor(offset), Math.max(0, f.size - 1)));
    const bytes = await f.read(at, Math.min(f.size, at + WINDOW_BYTES));
    if (g !== generation) return;
    windowOffset.value = at;
    windowBytes.value = bytes;
  }

  /** Searches the whole file's bytes for the UTF-8 of `query`, reporting header and data hits apart. */
  async function search(query: string): Promise<void> {
    const f = file.value;
    const h = header.value;
    if (!f || !h || !query) return;
    const g = generation;
    searchController?.abort();
    const controller = new AbortController();
    searchController = controller;
    searchProgress.value = 0;
    searchResult.value = null;
    const needle = new TextEncoder().encode(query);
    let result;
    try {
      result = await searchRanges(f.read, f.size, needle, {
        signal: controller.signal,
        onProgress: (done, total) => {
          if (g === generation && searchController === controller) searchProgress.value = total ? done / total : 1;
        },
      });
    } catch (e) {
      if (controller.signal.aborted) {
        if (searchController === controller) searchProgress.value = null;
        return;
      }
      throw e;
    }
    if (g !== generation || searchController !== controller) return;
    searchController = null;
    const headerHits = result.hits.filter((x) => x < h.dataStart).length;
    searchResult.value = { query, hits: result.hits, headerHits, dataHits: result.hits.length - headerHits, searchedBytes: result.searchedBytes };
    searchProgress.value = null;
  }

  async function loadVocabulary(): Promise<void> {
    try {
      const res = await fetchFn(`${deps.modelsUrl}${deps.modelId}/tokenizer.json`);
      if (!res.ok) return;
      vocabulary.value = vocabularyEntries(await res.json());
    } catch {
      vocabulary.value = null;
    }
  }

  /** Asks the built-in model for the next token after `prompt`, and how it cuts `sentence` into tokens. */
  async function askModel(prompt: string, sentence: string): Promise<void> {
    answerState.value = 'loading';
    try {
      const engine = await deps.engine();
      await engine.load();
      const ids = await engine.tokenize(prompt);
      const d = await engine.nextTokenDistribution(ids);
      const k = Math.min(3, d.ids.length);
      const topIds = Array.from(d.ids.subarray(0, k));
      const texts = await engine.tokenTexts(topIds);
      answer.value = {
        prompt,
        top: topIds.map((_, i) => ({ token: texts[i]!, prob: Math.exp(d.logits[i]! - d.logSumExp) })),
      };
      const sentenceIds = await engine.tokenize(sentence);
      sentencePieces.value = await engine.tokenTexts(sentenceIds);
      answerState.value = 'done';
    } catch (e) {
      answerState.value = 'error';
      error.value = { kind: 'model', detail: e instanceof Error ? e.message : String(e) };
    }
  }

  return {
    file,
    header,
    busy,
    error,
    selected,
    histogram,
    windowOffset,
    windowBytes,
    region,
    windowValues,
    searchProgress,
    searchResult,
    vocabulary,
    answer,
    answerState,
    sentencePieces,
    totalParams,
    openBuiltIn,
    openFile,
    selectTensor,
    moveWindow,
    search,
    askModel,
    cancelSearch: () => searchController?.abort(),
    searchVocabulary: (q: string) => (vocabulary.value ? searchVocabulary(vocabulary.value, q) : null),
  };
}

/** The island's state object. */
export type InspectorModel = ReturnType<typeof createInspectorModel>;

/** Reads byte ranges of a Blob (a File from disk or a fetched model) without loading it whole. */
export function blobReader(blob: Blob): ReadRange {
  return async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer());
}
